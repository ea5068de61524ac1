import type { DatabaseSync } from 'node:sqlite'
import type { RawHeaders } from '@shared/model/capture'
import { searchableBody } from './search-text'
import { SUMMARY_COLUMNS } from './rows'
import { statement } from './statements'

/**
 * The full-text index over captures (FTS5, contentless), in generations by id range: new captures go
 * into `captures_fts`, which covers ids from `capture_seq.index_from` on; when it has taken a
 * generation's worth it is renamed `captures_fts_gen_<first id>` and a new one starts. Searches read
 * every generation (merged newest first, each in id order).
 *
 * Why: deleting a single entry from FTS5 costs about as much as adding one, and retention deletes as
 * many captures as arrive. So a capture deleted from an older generation keeps its entry (searches
 * join the captures table, so it is never shown), and once every capture of a generation is gone the
 * whole generation is retired at once: renamed aside and dropped a few pages at a time. Pinned
 * captures in it are indexed again in the current generation first. Clear all retires every
 * generation the same way.
 *
 * Deleting from the current generation only marks the entry; FTS5 would then rewrite a whole index
 * level inline once a tenth of it is marked (a second or more at a million captures, inside whatever
 * commit tripped it), so that is switched off (`deletemerge` 0) and the marked entries are merged away
 * by the upkeep a bounded number of pages at a time (`tidy`).
 */
export const SEARCH_INDEX = 'captures_fts'
const GENERATION_PREFIX = `${SEARCH_INDEX}_gen_`
const RETIRED_PREFIX = `${SEARCH_INDEX}_retired_`
/** A generation's size when no retention asks for smaller ones. */
const GENERATION_MAX = 262_144
const GENERATION_MIN = 1024

/**
 * FTS5 merges a level's segments once this many are waiting (SQLite's default is 4). Each entry is
 * then rewritten about log16 rather than log4 times as its generation grows: indexing a capture cost
 * about a third less, searches within a 262 144-capture generation no more (docs/benchmarks.md).
 */
export const AUTOMERGE = 16
const SET_AUTOMERGE = `INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('automerge', ${AUTOMERGE});`

/** Creates the current index with inline delete-merging off and merges of 16 segments. */
const CREATE_SEARCH_INDEX = `
  CREATE VIRTUAL TABLE ${SEARCH_INDEX} USING fts5(
    method, target, headers, body,
    content = '', contentless_delete = 1, tokenize = 'unicode61'
  );
  INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('deletemerge', 0);
  ${SET_AUTOMERGE}`

/** Migration 15: the current index of an existing store merges 16 segments at a time from now on. */
export const AUTOMERGE_MIGRATION = SET_AUTOMERGE

/**
 * A deleted capture's entry leaves the current generation with it (older generations keep theirs
 * until retired; a capture not yet indexed has none).
 */
export const INDEX_TRIGGER = `
  CREATE TRIGGER captures_gone_indexed AFTER DELETE ON captures
  WHEN OLD.id >= (SELECT index_from FROM capture_seq WHERE one = 1) AND OLD.id <= (SELECT indexed FROM capture_seq WHERE one = 1) BEGIN
    DELETE FROM ${SEARCH_INDEX} WHERE rowid = OLD.id;
  END;`

/** The columns a capture puts in the index. */
export function indexColumns(c: {
  method: string
  target: string
  rawHeaders: RawHeaders
  body: Uint8Array
}): [string, string, string, string] {
  return [
    c.method,
    c.target,
    c.rawHeaders.map(([n, v]) => `${n}: ${v}`).join('\n'),
    searchableBody(c.body, c.rawHeaders)
  ]
}

export const INSERT_INDEX = `INSERT INTO ${SEARCH_INDEX} (rowid, method, target, headers, body) VALUES (?, ?, ?, ?, ?)`

/** The first id the current generation covers. */
export const indexFrom = (db: DatabaseSync): number =>
  (statement(db, 'SELECT index_from FROM capture_seq WHERE one = 1').get() as { index_from: number }).index_from
const highest = (db: DatabaseSync): number =>
  (statement(db, 'SELECT high FROM capture_seq WHERE one = 1').get() as { high: number }).high
/** The highest id the index has taken (or that needs no entry): captures above it are still to be indexed. */
export const indexedUpTo = (db: DatabaseSync): number =>
  (statement(db, 'SELECT indexed FROM capture_seq WHERE one = 1').get() as { indexed: number }).indexed
/** Captures committed and not yet in the index. */
export const unindexed = (db: DatabaseSync): number => {
  const { high, indexed } = statement(db, 'SELECT high, indexed FROM capture_seq WHERE one = 1').get() as {
    high: number
    indexed: number
  }
  return high - indexed
}

/** Tables whose own name ends in a number (their storage tables, …_data, …_idx, end in letters). */
function numbered(db: DatabaseSync, prefix: string): { name: string; from: number }[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '${prefix}*' AND name NOT GLOB '*[a-z]'`
    )
    .all() as {
    name: string
  }[]
  return rows.map((r) => ({ name: r.name, from: Number(r.name.slice(prefix.length)) })).sort((a, b) => b.from - a.from)
}

/** Every generation, newest first: the current index, then the older ones. */
export function searchTables(db: DatabaseSync): string[] {
  return [SEARCH_INDEX, ...numbered(db, GENERATION_PREFIX).map((g) => g.name)]
}

/** How big the current generation may grow: half of "keep last N", so whole generations fall out of it. */
export function generationSize(keepLast: number): number {
  return keepLast > 0 ? Math.min(GENERATION_MAX, Math.max(GENERATION_MIN, Math.floor(keepLast / 2))) : GENERATION_MAX
}

/** Moves the current index aside under `name` and starts an empty one from the next id (inside a transaction). */
function replaceCurrent(db: DatabaseSync, name: string): void {
  // Renaming rewrites the trigger to follow the old table: it is made again for the new one.
  db.exec('DROP TRIGGER captures_gone_indexed')
  db.exec(`ALTER TABLE ${SEARCH_INDEX} RENAME TO ${name}`)
  db.exec(CREATE_SEARCH_INDEX)
  db.exec(INDEX_TRIGGER)
  db.prepare('UPDATE capture_seq SET index_from = indexed + 1 WHERE one = 1').run()
}

/** After indexing (same transaction): starts a new generation when the current one has taken `size` ids. O(1). */
export function rollIfFull(db: DatabaseSync, size: number): boolean {
  const from = indexFrom(db)
  if (indexedUpTo(db) - from + 1 < size) return false
  replaceCurrent(db, `${GENERATION_PREFIX}${from}`)
  return true
}

/**
 * Indexes up to `batch` committed captures the index has not taken yet, oldest first (inside a
 * transaction). Captures are committed without their entry — indexing costs more than the rest of a
 * commit — and the writer indexes them between commits, many in one transaction. Returns how many
 * are still to be indexed.
 */
export function indexStep(db: DatabaseSync, batch: number): number {
  const rows = statement(
    db,
    `SELECT c.id, c.method, c.target, c.raw_headers, b.body FROM captures c JOIN capture_bodies b ON b.id = c.id
       WHERE c.id > (SELECT indexed FROM capture_seq WHERE one = 1) ORDER BY c.id LIMIT ?`
  ).all(batch) as { id: number; method: string; target: string; raw_headers: string; body: Uint8Array }[]
  const insert = statement(db, INSERT_INDEX)
  for (const r of rows)
    insert.run(
      r.id,
      ...indexColumns({ method: r.method, target: r.target, rawHeaders: JSON.parse(r.raw_headers), body: r.body })
    )
  // A short batch reached the newest capture (ids between that were deleted need no entry).
  const to = rows.length === batch ? rows.at(-1)!.id : highest(db)
  statement(db, 'UPDATE capture_seq SET indexed = max(indexed, ?) WHERE one = 1').run(to)
  return unindexed(db)
}

/**
 * Clear all (inside its transaction): every generation is put aside at once — O(1) each — and a new
 * empty index starts; they are dropped a few pages at a time (`dropRetiredStep`).
 */
export function retireAll(db: DatabaseSync): void {
  for (const g of numbered(db, GENERATION_PREFIX)) db.exec(`ALTER TABLE ${g.name} RENAME TO ${RETIRED_PREFIX}${g.from}`)
  const from = indexFrom(db)
  const indexedAny = indexedUpTo(db) >= from
  // The hidden captures need no entry: the next one indexed is the next one committed.
  db.exec('UPDATE capture_seq SET indexed = high WHERE one = 1')
  // Nothing was indexed since the last Clear all: the current index is the empty one it started.
  if (indexedAny) replaceCurrent(db, `${RETIRED_PREFIX}${from}`)
  else db.exec('UPDATE capture_seq SET index_from = high + 1 WHERE one = 1')
}

/**
 * Retires the oldest generation once none of its captures is left but pinned ones (inside a
 * transaction; `floor` is the highest id a Clear all hid). Those, and the pinned captures indexed
 * into it when an older generation went (`index_moved`), are indexed again in the current generation
 * first. Returns whether one was retired.
 */
export function retireSpentGeneration(db: DatabaseSync, floor: number, reindex: (ids: number[]) => void): boolean {
  const generations = numbered(db, GENERATION_PREFIX)
  const oldest = generations.at(-1)
  if (!oldest) return false
  const end = generations.at(-2)?.from ?? indexFrom(db)
  const start = Math.max(oldest.from, floor + 1)
  if (db.prepare('SELECT 1 FROM captures WHERE id >= ? AND id < ? AND pinned = 0 LIMIT 1').get(start, end)) return false
  const native = db.prepare('SELECT id FROM captures WHERE id >= ? AND id < ?').all(start, end) as { id: number }[]
  const moved = db
    .prepare('SELECT m.id FROM index_moved m JOIN captures c ON c.id = m.id WHERE m.gen = ? AND c.id > ?')
    .all(oldest.from, floor) as {
    id: number
  }[]
  db.prepare('DELETE FROM index_moved WHERE gen = ?').run(oldest.from)
  reindex([...native, ...moved].map((r) => r.id))
  db.exec(`ALTER TABLE ${oldest.name} RENAME TO ${RETIRED_PREFIX}${oldest.from}`)
  return true
}

/** Retired indexes not yet dropped. */
export function retiredIndexes(db: DatabaseSync): string[] {
  return numbered(db, RETIRED_PREFIX).map((r) => r.name)
}

/**
 * Empties one retired index by up to `pages` of its pages, and drops it once empty (then a few pages
 * at most); inside a transaction. Returns whether a retired index is left.
 */
export function dropRetiredStep(db: DatabaseSync, pages: number): boolean {
  const name = retiredIndexes(db).at(-1)
  if (!name) return false
  // Its pages are deleted straight from its own storage table, which SQLite's defensive mode refuses
  // to anything but FTS5 itself: allowed for this one statement.
  db.enableDefensive(false)
  let deleted: number
  try {
    deleted = Number(
      db
        .prepare(`DELETE FROM ${name}_data WHERE rowid IN (SELECT rowid FROM ${name}_data LIMIT ?)`)
        .run(Math.max(1, Math.floor(pages))).changes
    )
  } finally {
    db.enableDefensive(true)
  }
  if (deleted === 0) db.exec(`DROP TABLE ${name}`)
  return deleted > 0 || retiredIndexes(db).length > 0
}

const setDeleteMerge = (db: DatabaseSync, percent: number): void =>
  void db.exec(`INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('deletemerge', ${percent})`)

/**
 * Merges marked (deleted) entries out of the current index, writing at most about `pages` index
 * pages; inside a transaction. Delete-merging is on only for this call.
 */
export function tidy(db: DatabaseSync, pages: number): void {
  setDeleteMerge(db, 10)
  db.exec(`INSERT INTO ${SEARCH_INDEX} (${SEARCH_INDEX}, rank) VALUES ('merge', ${Math.max(1, Math.floor(pages))})`)
  setDeleteMerge(db, 0)
}

/** The summary columns, the id taken from the index so each generation streams in its own order. */
const SUMMARY_FROM_INDEX = SUMMARY_COLUMNS.replace(/^c\.id/, 'f.rowid AS id')

/**
 * A search over every generation of the index: the same select on each, merged in id order (each
 * streams from its index in rowid order, so the merge stops at the page's end).
 */
export function overGenerations(
  db: DatabaseSync,
  from: string,
  where: string[],
  args: (string | number)[],
  tail: string,
  columns = SUMMARY_FROM_INDEX
): { sql: string; args: (string | number)[] } {
  const arms = searchTables(db).map((t) => {
    const own = (sql: string): string => sql.replaceAll(SEARCH_INDEX, t)
    return `SELECT ${columns} FROM ${own(from)} WHERE ${where.map(own).join(' AND ')}`
  })
  return { sql: `${arms.join(' UNION ALL ')} ${tail}`, args: arms.flatMap(() => args) }
}
