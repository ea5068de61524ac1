// Keys: the vault (sealed secrets, public keys), masking, the OS keychain box.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './mask'
export * from './secret-box'
export * from './vault'
