import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { HookscopeError } from '@shared/errors'
import type { CapturePage, CapturedRequest, CaptureSummary, ListQuery } from '@shared/model/capture'
import { listFilter } from './list-query'
import { describeDelivery } from '@shared/decode/provider-event'
import { SCHEMES } from '@shared/signatures'
import { CustomSchemes } from '../custom-schemes'
import { statSync } from 'node:fs'
import { openDatabase } from './open-database'
import { SUMMARY_COLUMNS, toCapture, toSummary, type FullRow, type SummaryRow } from './rows'
import { searchableBody } from './search-text'

/** A capture before it has an id. */
export type NewCapture = Omit<CapturedRequest, 'id' | 'replyStatus' | 'provider' | 'event' | 'endpointId' | 'verdict' | 'verdictReason' | 'replay'> &
  Partial<Pick<CapturedRequest, 'endpointId' | 'verdict' | 'verdictReason' | 'replay'>> & {
    /** SHA-256 of the received signature, for replay detection. */
    sigHash?: string | null
    /** Provider and event when the endpoint's check already detected them (detection runs once per capture). */
    provider?: string | null
    event?: string | null
    imported?: CaptureSummary['imported']
  }

/** The database file under a running store is gone or another file: nothing can be committed to it. */
export class StoreGoneError extends HookscopeError {
  constructor(message: string) {
    super('store-gone', message)
  }
}

export class CaptureStore {
  private readonly insertCapture: StatementSync
  private readonly insertFts: StatementSync
  private readonly selectOne: StatementSync
  private readonly deleteOne: StatementSync
  private readonly deleteFts: StatementSync
  private closed = false
  private readonly customSchemes: CustomSchemes

  constructor(
    private readonly db: DatabaseSync,
    /** Where a corrupt database was moved on open, so the UI can say so. */
    public movedAside: string | null = null
  ) {
    this.insertCapture = db.prepare(
      `INSERT INTO captures (id, received_at, method, target, http_version, raw_headers, content_type, body, body_size,
         truncated, remote_address, remote_port, reply_status, reply_headers, reply_body, provider, event,
         endpoint_id, verdict, verdict_reason, replay, sig_hash, imported)
       VALUES ((SELECT high + 1 FROM capture_seq WHERE one = 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    this.insertFts = db.prepare('INSERT INTO captures_fts (rowid, method, target, headers, body) VALUES (?, ?, ?, ?, ?)')
    this.selectOne = db.prepare('SELECT * FROM captures WHERE id = ?')
    this.deleteOne = db.prepare('DELETE FROM captures WHERE id = ?')
    this.deleteFts = db.prepare('DELETE FROM captures_fts WHERE rowid = ?')
    this.customSchemes = new CustomSchemes(db)
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
    this.assertSameFile()
    const out: CaptureSummary[] = []
    // The user's schemes too (as another connection may have just saved them): one detection, the full list.
    const schemes = [...SCHEMES, ...this.customSchemes.listFresh()]
    this.db.exec('BEGIN IMMEDIATE')
    try {
      for (const c of captures) {
        const { provider, event } = c.provider !== undefined ? { provider: c.provider, event: c.event ?? null } : describeDelivery(c, schemes)
        const { lastInsertRowid } = this.insertCapture.run(
          c.receivedAt,
          c.method,
          c.target,
          c.httpVersion,
          JSON.stringify(c.rawHeaders),
          c.contentType,
          c.body,
          c.bodySize,
          c.truncated ? 1 : 0,
          c.remoteAddress,
          c.remotePort,
          c.reply.status,
          JSON.stringify(c.reply.headers),
          c.reply.body,
          provider,
          event,
          c.endpointId ?? null,
          c.verdict ?? null,
          c.verdictReason ?? null,
          c.replay ? 1 : 0,
          c.sigHash ?? null,
          c.imported ?? null
        )
        const id = Number(lastInsertRowid)
        const headerText = c.rawHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')
        this.insertFts.run(id, c.method, c.target, headerText, searchableBody(c.body, c.rawHeaders))
        out.push({
          id,
          receivedAt: c.receivedAt,
          method: c.method,
          target: c.target,
          contentType: c.contentType,
          bodySize: c.bodySize,
          truncated: c.truncated,
          replyStatus: c.reply.status,
          provider,
          event,
          endpointId: c.endpointId ?? null,
          verdict: c.verdict ?? null,
          verdictReason: c.verdictReason ?? null,
          replay: c.replay ?? false,
          imported: c.imported ?? null
        })
      }
      this.db.exec('COMMIT')
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
    return out
  }

  /** Newest first; `cursor` is the last id of the previous page. Summaries only, no bodies. */
  list(query: ListQuery = {}): CapturePage {
    const { where, args, limit } = listFilter(query)
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM captures WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
      .all(...args, limit + 1) as unknown as SummaryRow[]
    const more = rows.length > limit
    const items = rows.slice(0, limit).map(toSummary)
    return { items, nextCursor: more ? items[items.length - 1]!.id : null }
  }

  get(id: number): CapturedRequest | null {
    const row = this.selectOne.get(id) as FullRow | undefined
    return row ? toCapture(row) : null
  }

  /** Every capture, oldest first, one row in memory at a time (for exports). */
  *iterateAll(): Generator<CapturedRequest> {
    for (const row of this.db.prepare('SELECT * FROM captures ORDER BY id ASC').iterate()) {
      yield toCapture(row as unknown as FullRow)
    }
  }

  delete(id: number): boolean {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const { changes } = this.deleteOne.run(id)
      if (changes > 0) this.deleteFts.run(id)
      this.db.exec('COMMIT')
      return changes > 0
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  clear(): number {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const { changes } = this.db.prepare('DELETE FROM captures').run()
      this.db.exec(`INSERT INTO captures_fts (captures_fts) VALUES ('delete-all')`)
      this.db.exec('COMMIT')
      return Number(changes)
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  /**
   * Retention: keeps the newest `keepLast` unpinned captures (0 = all) and drops those received before
   * `beforeMs` (0 = none), oldest first, at most `batch` per call — so each call costs O(batch) whatever
   * the number of captures; what is left over goes on the next call (after the next commit).
   */
  prune(keepLast: number, beforeMs: number, batch = 256): number {
    let removed = 0
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const doomed = [] as number[]
      if (keepLast > 0) {
        const pinned = (this.db.prepare('SELECT count(*) AS n FROM captures WHERE pinned = 1').get() as { n: number }).n
        const over = Math.min(this.count() - pinned - keepLast, batch)
        if (over > 0)
          for (const r of this.db.prepare('SELECT id FROM captures WHERE pinned = 0 ORDER BY id LIMIT ?').all(over) as { id: number }[]) doomed.push(r.id)
      }
      if (beforeMs > 0) {
        // Ids grow with time: when the oldest unpinned capture is recent enough, none is expired (no scan).
        const oldest = this.db.prepare('SELECT received_at AS t FROM captures WHERE pinned = 0 ORDER BY id LIMIT 1').get() as { t: number } | undefined
        if (oldest && oldest.t < beforeMs) {
          for (const r of this.db.prepare('SELECT id FROM captures WHERE pinned = 0 AND received_at < ? ORDER BY id LIMIT ?').all(beforeMs, batch) as {
            id: number
          }[])
            doomed.push(r.id)
        }
      }
      for (const id of new Set(doomed)) {
        removed += Number(this.deleteOne.run(id).changes)
        this.deleteFts.run(id)
      }
      this.db.exec('COMMIT')
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
    return removed
  }

  setPinned(id: number, pinned: boolean): boolean {
    return Number(this.db.prepare('UPDATE captures SET pinned = ? WHERE id = ?').run(pinned ? 1 : 0, id).changes) > 0
  }

  /** A new verdict for a stored capture (re-verification); returns its summary, or null if it is gone. */
  setVerdict(id: number, verdict: CaptureSummary['verdict'], reason: string | null): CaptureSummary | null {
    this.db.prepare('UPDATE captures SET verdict = ?, verdict_reason = ? WHERE id = ?').run(verdict, reason, id)
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM captures WHERE id = ?`).get(id) as SummaryRow | undefined
    return row ? toSummary(row) : null
  }

  recordForward(id: number, status: number | null, error: string | null): void {
    this.db.prepare('UPDATE captures SET forward_status = ?, forward_error = ? WHERE id = ?').run(status, error, id)
  }

  /** Whether an earlier capture carried this signature (replay detection). */
  hasSignature(sigHash: string): boolean {
    return this.db.prepare('SELECT 1 FROM captures WHERE sig_hash = ? LIMIT 1').get(sigHash) !== undefined
  }

  /** The first capture before `beforeId` that carried this signature. */
  firstWithSignature(sigHash: string, beforeId: number): { id: number; receivedAt: number } | null {
    const row = this.db.prepare('SELECT id, received_at FROM captures WHERE sig_hash = ? AND id < ? ORDER BY id LIMIT 1').get(sigHash, beforeId) as
      { id: number; received_at: number } | undefined
    return row ? { id: row.id, receivedAt: row.received_at } : null
  }

  /** The connection, for services that keep their tables in the same file (vault, endpoints). */
  get connection(): DatabaseSync {
    return this.db
  }

  /** Kept by triggers as rows come and go: no scan, whatever the number of captures. */
  count(): number {
    return (this.db.prepare('SELECT n FROM capture_stats WHERE one = 1').get() as { n: number }).n
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
