// Delivery: what Hookscope sends — the composer, replay, live forwarding and its target checks, probes.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './composer'
export * from './forward-target'
export * from './forwarding'
export * from './probe'
export * from './sender'
