// Configuration: endpoints, user-defined schemes, settings and where the data lives.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './custom-schemes'
export * from './data-dir'
export * from './endpoints'
export * from './settings-store'
