import type { DatabaseSync, StatementSync } from 'node:sqlite'

const prepared = new WeakMap<DatabaseSync, Map<string, StatementSync>>()

/**
 * The statement for `sql` on this connection, prepared once (preparing costs about as much as running
 * a small query, and the writer asks the same few questions on every commit). SQLite prepares a
 * statement again by itself when the schema changes (a search index generation renamed, a new one made).
 */
export function statement(db: DatabaseSync, sql: string): StatementSync {
  let own = prepared.get(db)
  if (!own) prepared.set(db, (own = new Map()))
  let s = own.get(sql)
  if (!s) own.set(sql, (s = db.prepare(sql)))
  return s
}
