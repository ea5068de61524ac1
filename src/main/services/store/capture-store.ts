import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { CapturePage, CapturedRequest, CaptureSummary, ListQuery } from '@shared/model/capture'
import { listFilter } from './list-query'
import { statSync } from 'node:fs'
import { openDatabase } from './open-database'
import {
  INSERT_CAPTURE,
  insertValues,
  summaryOfNew,
  SUMMARY_COLUMNS,
  toCapture,
  toSummary,
  type FullRow,
  type SummaryRow
} from './rows'
import { overGenerations } from './search-index'
import { CaptureUpkeep, floorOf, inTransaction } from './capture-upkeep'
import { commitPruneBatch, StoreGoneError, type Committed, type NewCapture, type RetainPolicy } from './capture-types'
import { adopt, recordForward, setVerdict } from './summary-updates'
import { statement } from './statements'

export { commitPruneBatch, StoreGoneError, type Committed, type NewCapture, type RetainPolicy } from './capture-types'

export class CaptureStore {
  private readonly insertCapture: StatementSync
  private readonly insertBody: StatementSync
  private readonly selectOne: StatementSync
  private readonly deleteOne: StatementSync
  private readonly selectSignature: StatementSync
  private closed = false
  /** Clear all's background work, retention, the search index's tidying and checkpoints. */
  readonly upkeep: CaptureUpkeep

  constructor(
    private readonly db: DatabaseSync,
    /** Where a corrupt database was moved on open, so the UI can say so. */
    public movedAside: string | null = null
  ) {
    this.insertCapture = db.prepare(INSERT_CAPTURE)
    this.insertBody = db.prepare('INSERT INTO capture_bodies (id, body) VALUES (?, ?)')
    this.selectOne = db.prepare(
      'SELECT c.*, b.body FROM captures c JOIN capture_bodies b ON b.id = c.id WHERE c.id = ? AND c.id > ?'
    )
    // Deleting a capture takes its body with it (trigger captures_gone), and its search entry when it
    // is in the current index generation (captures_gone_indexed).
    this.deleteOne = db.prepare('DELETE FROM captures WHERE id = ?')
    this.selectSignature = db.prepare('SELECT 1 FROM captures WHERE sig_hash = ? AND id > ? LIMIT 1')
    this.upkeep = new CaptureUpkeep(db)
  }

  static open(file: string, now?: () => number): CaptureStore {
    const { value: store, movedAside } = openDatabase(file, now ?? Date.now, (db) => new CaptureStore(db))
    store.movedAside = movedAside
    if (file !== ':memory:') {
      const st = statSync(file)
      store.identity = { file, dev: st.dev, ino: st.ino }
    }
    return store
  }

  /** The file this store opened: a commit into a file that was deleted or replaced since is lost. */
  private identity: { file: string; dev: number; ino: number } | null = null

  private assertSameFile(): void {
    if (!this.identity) return
    const { file, dev, ino } = this.identity
    let st: { dev: number; ino: number } | null
    try {
      st = statSync(file)
    } catch {
      st = null
    }
    if (!st || st.dev !== dev || st.ino !== ino) {
      throw new StoreGoneError(
        `The capture database ${file} was ${st ? 'replaced' : 'deleted'} while Hookscope was running; restart Hookscope to open it again.`
      )
    }
  }

  /** Inserts all captures in one transaction: all are durable when this returns, or none. */
  insertMany(captures: readonly NewCapture[]): CaptureSummary[] {
    return this.commit(captures).added
  }

  /**
   * Inserts all captures and, in the same transaction (one sync to disk), applies retention to at
   * most one more old row than came in (`commitPruneBatch`) — so a full store stays full at the
   * price of one commit.
   */
  commit(captures: readonly NewCapture[], retain?: RetainPolicy): Committed {
    this.assertSameFile()
    return this.transaction(() => {
      const floor = this.floor()
      const added = captures.map((c) => this.insertRow(c, floor))
      const removed = retain ? this.upkeep.pruneRows(retain, commitPruneBatch(captures.length)) : []
      // Their search entries come after, between commits (`indexPending`, the upkeep's indexing).
      this.upkeep.keepLast = retain?.keepLast ?? 0
      return { added, removed }
    })
  }

  /**
   * Whether a search on this connection first indexes what is not yet (a store used alone). The
   * reader thread's is false: its host asks the writer to index before a search (capture-db.ts).
   */
  searchIndexesFirst = true

  private indexBeforeSearch(): void {
    if (this.searchIndexesFirst && this.upkeep.unindexed() > 0) this.indexPending()
  }

  /** Indexes every committed capture the search index has not taken yet (a search waits for this). */
  indexPending(): number {
    return this.upkeep.indexPending()
  }

  private insertRow(c: NewCapture, floor: number): CaptureSummary {
    // Detected on the capture path, before the store (capture/describe.ts): stored as given.
    const provider = c.provider ?? null
    const event = c.event ?? null
    // A signature seen before is a replay; asked here, inside the commit, so two copies in one batch are told apart.
    const replay = c.replay === true || (!!c.sigHash && this.selectSignature.get(c.sigHash, floor) !== undefined)
    const { lastInsertRowid } = this.insertCapture.run(...insertValues(c, provider, event, replay))
    const id = Number(lastInsertRowid)
    this.insertBody.run(id, c.body)
    return summaryOfNew(id, c, provider, event, replay)
  }

  private transaction<T>(work: () => T): T {
    return inTransaction(this.db, work)
  }

  /** The highest id Clear all hid: rows up to it are invisible and go in the background. */
  private floor(): number {
    return floorOf(this.db)
  }

  /**
   * Newest first; `cursor` is the last id of the previous page, `offset` skips rows (from the oldest
   * end with `fromOldest`). Summaries only, no bodies. Skipping on ids alone walks the narrow id index.
   */
  list(query: ListQuery = {}): CapturePage {
    const f = listFilter(query, this.floor())
    if (f.search) this.indexBeforeSearch()
    const asc = query.fromOldest === true
    const order = `ORDER BY ${f.id} ${asc ? 'ASC' : 'DESC'}`
    const where = [...f.where]
    const args = [...f.args]
    const offset = Math.max(0, Math.floor(query.offset ?? 0))
    if (offset > 0 && f.narrow) {
      // The offset-th id, counted on the index (a few bytes a row), then an id range: no summary row is read to skip.
      const edge = this.db
        .prepare(
          `SELECT c.id FROM captures c INDEXED BY captures_ids WHERE ${where.join(' AND ')} ${order} LIMIT 1 OFFSET ?`
        )
        .get(...args, offset) as { id: number } | undefined
      if (!edge) return { items: [], nextCursor: null }
      where.push(`${f.id} ${asc ? '>=' : '<='} ?`)
      args.push(edge.id)
    }
    const skip = offset > 0 && !f.narrow ? offset : 0
    const q = f.search
      ? overGenerations(this.db, f.from, where, args, `ORDER BY 1 ${asc ? 'ASC' : 'DESC'}`)
      : { sql: `SELECT ${SUMMARY_COLUMNS} FROM ${f.from} WHERE ${where.join(' AND ')} ${order}`, args }
    const rows = this.db
      .prepare(`${q.sql} LIMIT ? OFFSET ?`)
      .all(...q.args, f.limit + 1, skip) as unknown as SummaryRow[]
    const more = rows.length > f.limit
    const page = rows.slice(0, f.limit).map(toSummary)
    if (asc) page.reverse()
    return { items: page, nextCursor: !asc && more ? page[page.length - 1]!.id : null }
  }

  /** How many captures a query selects (all of them without a filter: kept by triggers, no scan). */
  count(query: ListQuery = {}): number {
    const f = listFilter({ ...query, cursor: null }, this.floor())
    if (f.narrow && query.after === undefined) {
      const { n, cleared } = statement(this.db, 'SELECT n, cleared FROM capture_stats WHERE one = 1').get() as {
        n: number
        cleared: number
      }
      return n - cleared
    }
    if (f.search) {
      this.indexBeforeSearch()
      const q = overGenerations(this.db, f.from, f.where, f.args, '', 'count(*) AS n')
      return (this.db.prepare(`SELECT sum(n) AS n FROM (${q.sql})`).get(...q.args) as { n: number }).n
    }
    return (
      this.db.prepare(`SELECT count(*) AS n FROM ${f.from} WHERE ${f.where.join(' AND ')}`).get(...f.args) as {
        n: number
      }
    ).n
  }

  get(id: number): CapturedRequest | null {
    const row = this.selectOne.get(id, this.floor()) as FullRow | undefined
    return row ? toCapture(row) : null
  }

  /** These captures with their bodies, in the order asked; those gone are left out (exports, a page at a time). */
  getMany(ids: number[]): CapturedRequest[] {
    return ids.map((id) => this.get(id)).filter((c) => c !== null)
  }

  delete(id: number): boolean {
    return this.transaction(() => id > this.floor() && Number(this.deleteOne.run(id).changes) > 0)
  }

  /** Clear all, at once (see CaptureUpkeep.clear). */
  clear(): number {
    return this.upkeep.clear()
  }

  /** Retention, one bounded batch (see CaptureUpkeep.prune). */
  prune(keepLast: number, beforeMs: number, batch = 256): number[] {
    return this.upkeep.prune(keepLast, beforeMs, batch)
  }

  setPinned(id: number, pinned: boolean): boolean {
    return (
      Number(
        this.db.prepare('UPDATE captures SET pinned = ? WHERE id = ? AND id > ?').run(pinned ? 1 : 0, id, this.floor())
          .changes
      ) > 0
    )
  }

  /** A new verdict for a stored capture (re-verification); returns its summary, or null if it is gone. */
  setVerdict(id: number, verdict: CaptureSummary['verdict'], reason: string | null): CaptureSummary | null {
    return setVerdict(this.db, this.floor(), id, verdict, reason)
  }

  /** Captures of the default endpoint under `prefix` become `endpointId`'s (see summary-updates.ts). */
  adopt(
    endpointId: number,
    prefix: string,
    after: number,
    limit: number,
    others: readonly string[] = []
  ): CaptureSummary[] {
    return adopt(this.db, this.floor(), endpointId, prefix, after, limit, others)
  }

  /** Live forwarding's outcome for a capture; its new summary (the list shows it), or null if it is gone. */
  recordForward(id: number, status: number | null, error: string | null): CaptureSummary | null {
    return recordForward(this.db, this.floor(), id, status, error)
  }

  /** Whether an earlier capture carried this signature (replay detection). */
  hasSignature(sigHash: string): boolean {
    return this.selectSignature.get(sigHash, this.floor()) !== undefined
  }

  /** The first capture before `beforeId` that carried this signature. */
  firstWithSignature(sigHash: string, beforeId: number): { id: number; receivedAt: number } | null {
    const row = this.db
      .prepare('SELECT id, received_at FROM captures WHERE sig_hash = ? AND id < ? AND id > ? ORDER BY id LIMIT 1')
      .get(sigHash, beforeId, this.floor()) as { id: number; received_at: number } | undefined
    return row ? { id: row.id, receivedAt: row.received_at } : null
  }

  /** The connection, for services that keep their tables in the same file (vault, endpoints). */
  get connection(): DatabaseSync {
    return this.db
  }

  /** The settings SQLite actually applied, read back (not what we asked for). */
  pragmas(): { journalMode: string; synchronous: number; userVersion: number } {
    const get = <T>(sql: string): T => this.db.prepare(sql).get() as T
    return {
      journalMode: get<{ journal_mode: string }>('PRAGMA journal_mode').journal_mode,
      synchronous: get<{ synchronous: number }>('PRAGMA synchronous').synchronous,
      userVersion: get<{ user_version: number }>('PRAGMA user_version').user_version
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
  }
}
