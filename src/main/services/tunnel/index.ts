// Tunnels: ngrok, cloudflared and SSH reverse tunnels, and the control that starts, saves and restarts them.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './control'
export * from './spec'
