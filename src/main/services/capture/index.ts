// The capture domain: the listener and what happens to a request on its way to the store (endpoint, reply,
// signature verdict, provider and event), import and export, retention, re-verification.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './decode-body'
export * from './describe'
export * from './export-captures'
export * from './import-captures'
export * from './listener/capture-listener'
export * from './retention'
export * from './use-for-path'
export * from './verdicts'
export * from './fetch-certificate'
