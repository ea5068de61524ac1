import type { DatabaseSync } from 'node:sqlite'
import type { CaptureSummary } from '@shared/model/capture'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows'

// Writes that change what the list shows of a capture, each giving back the new summaries
// (the window is told of them). `floor`: the highest id a Clear all hid.

function summaryOf(db: DatabaseSync, floor: number, id: number): CaptureSummary | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM captures c WHERE c.id = ? AND c.id > ?`).get(id, floor) as
    SummaryRow | undefined
  return row ? toSummary(row) : null
}

export function setVerdict(
  db: DatabaseSync,
  floor: number,
  id: number,
  verdict: CaptureSummary['verdict'],
  reason: string | null
): CaptureSummary | null {
  db.prepare('UPDATE captures SET verdict = ?, verdict_reason = ? WHERE id = ?').run(verdict, reason, id)
  return summaryOf(db, floor, id)
}

export function recordForward(
  db: DatabaseSync,
  floor: number,
  id: number,
  status: number | null,
  error: string | null
): CaptureSummary | null {
  db.prepare('UPDATE captures SET forward_status = ?, forward_error = ? WHERE id = ?').run(status, error, id)
  return summaryOf(db, floor, id)
}

/**
 * A path `prefix` as SQL over `c.target`, by the segment rule of Endpoints.match: `/gh` takes `/gh`, `/gh?x`
 * and `/gh/…`, not `/ghost`.
 */
function under(prefix: string): [string, (string | number)[]] {
  const q = prefix.replace(/\/$/, '')
  return q === ''
    ? ['1', []]
    : [
        "(substr(c.target, 1, ?) = ? AND (length(c.target) = ? OR substr(c.target, ?, 1) IN ('/', '?')))",
        [q.length, q, q.length, q.length + 1]
      ]
}

/**
 * Captures no endpoint caught (the default endpoint) whose path is under `prefix`, from id `after` on,
 * become `endpointId`'s — at most `limit` of them, oldest first; their new summaries. Paths under a
 * longer prefix of another endpoint (`others`) are that one's.
 */
export function adopt(
  db: DatabaseSync,
  floor: number,
  endpointId: number,
  prefix: string,
  after: number,
  limit: number,
  others: readonly string[]
): CaptureSummary[] {
  const [mine, mineArgs] = under(prefix)
  const theirs = others.map(under)
  const sql =
    `SELECT c.id FROM captures c WHERE c.endpoint_id IS NULL AND c.id > ? AND ${mine} ` +
    `${theirs.map(([w]) => `AND NOT ${w}`).join(' ')} ORDER BY c.id LIMIT ?`
  const found = db.prepare(sql).all(Math.max(after, floor), ...mineArgs, ...theirs.flatMap(([, a]) => a), limit) as {
    id: number
  }[]
  if (found.length === 0) return []
  const list = found.map((r) => r.id).join(',')
  db.prepare(`UPDATE captures SET endpoint_id = ? WHERE id IN (${list})`).run(endpointId)
  return (
    db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM captures c WHERE c.id IN (${list}) ORDER BY c.id`)
      .all() as unknown as SummaryRow[]
  ).map(toSummary)
}
