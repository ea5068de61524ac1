import type { DatabaseSync } from 'node:sqlite'

/**
 * The full-text index over captures (`captures_fts`, FTS5, contentless with cheap deletes) and its
 * upkeep. Deleting a capture only marks its entries (a tombstone); FTS5 would then rewrite a whole
 * index level inline once a tenth of it is marked — a second or more at a million captures, inside
 * whatever commit tripped it. So that is switched off (`deletemerge` 0) and the marked entries are
 * merged away here instead, a bounded number of pages at a time (`tidy`). Clear all retires the
 * whole index at once (`retire`: renamed aside, a new empty one in its place) and the retired one is
 * emptied a few pages at a time (`dropRetiredStep`), so neither blocks a commit for long.
 */
export const SEARCH_INDEX = 'captures_fts'
const RETIRED_PREFIX = `${SEARCH_INDEX}_retired_`

/** Creates the index (new stores, and after a Clear all) with inline delete-merging off. */
export const CREATE_SEARCH_INDEX = `
  CREATE VIRTUAL TABLE ${SEARCH_INDEX} USING fts5(
    method, target, headers, body,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
  );
  INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('deletemerge', 0);`

/** Deleting a capture takes its body and its index entry with it. */
const GONE_TRIGGER = `
  CREATE TRIGGER captures_gone AFTER DELETE ON captures BEGIN
    DELETE FROM capture_bodies WHERE id = OLD.id;
    DELETE FROM ${SEARCH_INDEX} WHERE rowid = OLD.id;
  END;`

const setDeleteMerge = (db: DatabaseSync, percent: number): void =>
  void db.exec(`INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('deletemerge', ${percent})`)

/**
 * Merges marked (deleted) entries out of the index, writing at most about `pages` index pages; to be
 * called inside a transaction. Delete-merging is on only for this call.
 */
export function tidy(db: DatabaseSync, pages: number): void {
  setDeleteMerge(db, 10)
  db.exec(`INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('merge', ${Math.max(1, Math.floor(pages))})`)
  setDeleteMerge(db, 0)
}

/**
 * Puts the whole index aside and starts an empty one (inside the Clear all transaction): O(1), the
 * old entries no longer cost a search or a delete. `tag` names the retired index (the Clear all's floor).
 */
export function retire(db: DatabaseSync, tag: number): void {
  db.exec('DROP TRIGGER captures_gone')
  db.exec(`ALTER TABLE ${SEARCH_INDEX} RENAME TO ${RETIRED_PREFIX}${Math.floor(tag)}`)
  db.exec(CREATE_SEARCH_INDEX)
  db.exec(GONE_TRIGGER)
}

/** Retired indexes not yet dropped. */
export function retiredIndexes(db: DatabaseSync): string[] {
  // The index's own name ends in its tag; its storage tables (…_data, …_idx) end in letters.
  const rows = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '${RETIRED_PREFIX}*' AND name NOT GLOB '*[a-z]' ORDER BY name`)
    .all()
  return (rows as { name: string }[]).map((r) => r.name)
}

/**
 * Empties one retired index by up to `pages` of its pages, and drops it once empty (then a few pages
 * at most); inside a transaction. Returns whether a retired index is left.
 */
export function dropRetiredStep(db: DatabaseSync, pages: number): boolean {
  const [name] = retiredIndexes(db)
  if (!name) return false
  // Its pages are deleted straight from its own storage table, which SQLite's defensive mode refuses
  // to anything but FTS5 itself: allowed for this one statement.
  db.enableDefensive(false)
  let deleted: number
  try {
    deleted = Number(db.prepare(`DELETE FROM ${name}_data WHERE rowid IN (SELECT rowid FROM ${name}_data LIMIT ?)`).run(Math.max(1, Math.floor(pages))).changes)
  } finally {
    db.enableDefensive(true)
  }
  if (deleted === 0) db.exec(`DROP TABLE ${name}`)
  return deleted > 0 || retiredIndexes(db).length > 0
}
