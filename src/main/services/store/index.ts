// The capture store: SQLite on reader and writer threads (capture-db.ts), the schema, the search index and
// the upkeep.
// This file is the folder's only entry for code outside it (eslint.config.js).
export * from './capture-db'
export * from './capture-store'
