import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { RetainPolicy } from './capture-types'
import {
  dropRetiredStep,
  generationSize,
  INSERT_INDEX,
  indexColumns,
  indexFrom,
  indexStep,
  retireAll,
  retiredIndexes,
  retireSpentGeneration,
  rollIfFull,
  tidy,
  unindexed
} from './search-index'
import { statement } from './statements'

/**
 * Runs `work` in one write transaction. `durable` false is for upkeep (deleting what is going,
 * tidying the index): its commit skips the sync to disk — lost in a crash, it is simply done again —
 * and the next capture's commit syncs it with its own (the log is written in order).
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T, durable = true): T {
  if (!durable) statement(db, 'PRAGMA synchronous = NORMAL').run()
  statement(db, 'BEGIN IMMEDIATE').run()
  try {
    const out = work()
    statement(db, 'COMMIT').run()
    return out
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw err
  } finally {
    if (!durable) statement(db, 'PRAGMA synchronous = FULL').run()
  }
}

/** The highest id Clear all hid: rows up to it are invisible and go in the background. */
export const floorOf = (db: DatabaseSync): number =>
  (statement(db, 'SELECT floor FROM capture_seq WHERE one = 1').get() as { floor: number }).floor

/**
 * The store's work that no sender waits for: Clear all's rows and retired index, giving pages back to
 * the disk, retention, tidying the search index, and checkpoints. The writer thread runs it in short
 * slices between commits (`Maintenance`); each call is bounded whatever the store holds.
 */
export class CaptureUpkeep {
  private readonly deleteOne: StatementSync
  /** The most captures an old file is rebuilt with to give its space back (a rebuild copies them all). */
  static readonly REBUILD_MAX = 10_000
  /** Captures indexed in one transaction by `indexPending` (a few ms each). */
  static readonly INDEX_BATCH = 512
  /** "Keep last N" as of the last commit: the index generations are sized after it. */
  keepLast = 0

  constructor(private readonly db: DatabaseSync) {
    // Deleting a capture takes its body with it (trigger captures_gone), and its search entry when it
    // is in the current index generation (captures_gone_indexed).
    this.deleteOne = db.prepare('DELETE FROM captures WHERE id = ?')
  }

  /** A step's own transaction, or the one `together` opened (the step joins it). */
  private transaction<T>(work: () => T, durable = true): T {
    return this.db.isTransaction ? work() : inTransaction(this.db, work, durable)
  }

  /**
   * Runs several upkeep steps in one transaction (no sync): one commit instead of one per step, and
   * each page they change goes to the log once — the index and counter pages every step touches,
   * the page a batch of deletions ends on. (`reclaim` runs on its own.)
   */
  together<T>(work: () => T): T {
    return inTransaction(this.db, work, false)
  }

  private floor(): number {
    return floorOf(this.db)
  }

  /** Captures not hidden by a Clear all (kept by triggers: no scan). */
  private liveCount(): number {
    const { n, cleared } = statement(this.db, 'SELECT n, cleared FROM capture_stats WHERE one = 1').get() as {
      n: number
      cleared: number
    }
    return n - cleared
  }

  /**
   * Clear all, at once: every capture so far is hidden behind a floor id and counted as going, and the
   * search index is put aside for a new one; the rows and the old index go in bounded steps
   * (`clearStep`, `dropRetiredStep`), then the space goes back to the disk (`reclaim`).
   */
  clear(): number {
    return this.transaction(() => {
      const n = this.liveCount()
      this.db.exec('UPDATE capture_seq SET floor = high WHERE one = 1')
      this.db.exec('UPDATE capture_stats SET cleared = n WHERE one = 1')
      retireAll(this.db)
      this.db.exec('DELETE FROM index_moved')
      return n
    })
  }

  /**
   * Deletes up to `batch` of the rows a Clear all hid (their index entries went with the retired index); returns
   * how many are still to go.
   */
  clearStep(batch = 512): number {
    return this.transaction(() => {
      const gone = Number(
        this.db
          .prepare('DELETE FROM captures WHERE id IN (SELECT id FROM captures WHERE id <= ? ORDER BY id LIMIT ?)')
          .run(this.floor(), batch).changes
      )
      // None left to delete: the count of those going is zero whatever it said.
      this.db
        .prepare('UPDATE capture_stats SET cleared = CASE WHEN ? = 0 THEN 0 ELSE max(0, cleared - ?) END WHERE one = 1')
        .run(gone, gone)
      return this.clearing()
    }, false)
  }

  /** Empties a retired search index by up to `pages` pages (dropped once empty); whether one is left. */
  dropRetiredStep(pages = 64): boolean {
    return this.transaction(() => dropRetiredStep(this.db, pages), false)
  }

  /**
   * Retires the oldest generation of the search index once only pinned captures are left in it (they
   * are indexed again in the current one); whether one was retired.
   */
  retireSpentGeneration(): boolean {
    return this.transaction(() => retireSpentGeneration(this.db, this.floor(), (ids) => this.reindex(ids)), false)
  }

  /** Indexes these captures again in the current generation, noting where their entry now is. */
  private reindex(ids: number[]): void {
    const select = this.db.prepare(
      'SELECT c.method, c.target, c.raw_headers, b.body FROM captures c JOIN capture_bodies b ON b.id = c.id WHERE c.id = ?'
    )
    const insert = this.db.prepare(INSERT_INDEX)
    const note = this.db.prepare(
      'INSERT OR REPLACE INTO index_moved (id, gen) VALUES (?, (SELECT index_from FROM capture_seq WHERE one = 1))'
    )
    for (const id of ids) {
      const row = select.get(id) as
        { method: string; target: string; raw_headers: string; body: Uint8Array } | undefined
      if (!row) continue
      insert.run(
        id,
        ...indexColumns({
          method: row.method,
          target: row.target,
          rawHeaders: JSON.parse(row.raw_headers),
          body: row.body
        })
      )
      note.run(id)
    }
  }

  /**
   * Indexes up to `batch` captures committed without their search entry (closing the current
   * generation when it is full: O(1), retention later retires it whole); returns how many are left.
   */
  indexStep(batch = 128): number {
    return this.transaction(() => {
      const left = indexStep(this.db, batch)
      rollIfFull(this.db, generationSize(this.keepLast))
      return left
    }, false)
  }

  /** Indexes every capture still to be indexed, a batch per transaction; returns 0. */
  indexPending(): number {
    let left = this.unindexed()
    while (left > 0) left = this.indexStep(CaptureUpkeep.INDEX_BATCH)
    return left
  }

  /** Captures committed and not yet in the search index. */
  unindexed(): number {
    return unindexed(this.db)
  }

  /** The first id of the current search index generation (deletes below it leave no mark in it). */
  indexFrom(): number {
    return indexFrom(this.db)
  }

  hasRetiredIndex(): boolean {
    return retiredIndexes(this.db).length > 0
  }

  /** Merges deleted entries out of the search index, about `pages` pages' worth. */
  tidyIndex(pages = 16): void {
    this.transaction(() => tidy(this.db, pages), false)
  }

  /**
   * Gives free pages back to the file system, at most `pages` per call on a file made for it
   * (incremental vacuum, ~2 ms per 128 pages). A file made before that is rebuilt once, when a Clear
   * all left little to copy (up to REBUILD_MAX captures), and becomes such a file; with more it keeps
   * its free pages for the captures to come. Returns the free pages left.
   */
  reclaim(pages = 128): number {
    const get = <T>(sql: string): T => this.db.prepare(sql).get() as T
    if (get<{ auto_vacuum: number }>('PRAGMA auto_vacuum').auto_vacuum !== 2) {
      if (this.liveCount() > CaptureUpkeep.REBUILD_MAX) return 0
      this.db.exec('PRAGMA auto_vacuum = INCREMENTAL')
      this.db.exec('VACUUM')
    } else this.transaction(() => this.db.exec(`PRAGMA incremental_vacuum(${Math.max(1, Math.floor(pages))})`), false)
    const left = get<{ freelist_count: number }>('PRAGMA freelist_count').freelist_count
    if (left === 0) this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    return left
  }

  /** Commits no longer copy the log into the file now and then: another connection does (`checkpoint`). */
  leaveCheckpoints(): void {
    this.db.exec('PRAGMA wal_autocheckpoint = 0')
  }

  /** Copies what it can of the log into the file, waiting on no one (commits go on meanwhile). */
  checkpoint(): void {
    try {
      this.db.exec('PRAGMA wal_checkpoint(PASSIVE)')
    } catch {
      /* another connection is checkpointing: it does the same work */
    }
  }

  /** How many free pages the file holds (what `reclaim` can give back). */
  freePages(): number {
    return (this.db.prepare('PRAGMA freelist_count').get() as { freelist_count: number }).freelist_count
  }

  /** Rows a Clear all hid that are still to be deleted. */
  clearing(): number {
    return (statement(this.db, 'SELECT cleared FROM capture_stats WHERE one = 1').get() as { cleared: number }).cleared
  }

  /**
   * Retention: keeps the newest `keepLast` unpinned captures (0 = all) and drops those received before
   * `beforeMs` (0 = none), oldest first, at most `batch` per call — so each call costs O(batch) whatever
   * the number of captures; what is left over goes on the next call. Returns the ids removed.
   */
  prune(keepLast: number, beforeMs: number, batch = 256): number[] {
    return this.transaction(() => this.pruneRows({ keepLast, beforeMs }, batch), false)
  }

  /** Retention inside a transaction already open (a commit's own): at most `batch` rows. */
  pruneRows({ keepLast, beforeMs }: RetainPolicy, batch: number): number[] {
    const floor = this.floor()
    const doomed = new Set<number>()
    if (keepLast > 0) {
      const pinned = (
        this.db.prepare('SELECT count(*) AS n FROM captures WHERE pinned = 1 AND id > ?').get(floor) as { n: number }
      ).n
      const over = Math.min(this.liveCount() - pinned - keepLast, batch)
      if (over > 0)
        for (const r of this.db
          .prepare('SELECT id FROM captures WHERE pinned = 0 AND id > ? ORDER BY id LIMIT ?')
          .all(floor, over) as {
          id: number
        }[])
          doomed.add(r.id)
    }
    if (beforeMs > 0) {
      // Ids grow with time: when the oldest unpinned capture is recent enough, none is expired (no scan).
      const oldest = this.db
        .prepare('SELECT received_at AS t FROM captures WHERE pinned = 0 AND id > ? ORDER BY id LIMIT 1')
        .get(floor) as { t: number } | undefined
      if (oldest && oldest.t < beforeMs) {
        const rows = this.db
          .prepare('SELECT id FROM captures WHERE pinned = 0 AND id > ? AND received_at < ? ORDER BY id LIMIT ?')
          .all(floor, beforeMs, batch) as { id: number }[]
        for (const r of rows) doomed.add(r.id)
      }
    }
    const removed = [] as number[]
    for (const id of doomed) if (Number(this.deleteOne.run(id).changes) > 0) removed.push(id)
    return removed
  }
}
