import type { SQLInputValue } from 'node:sqlite'
import type { CapturedRequest, CaptureReply, CaptureSummary, RawHeaders } from '@shared/model/capture'
import type { NewCapture } from './capture-types'

/** How captures sit in SQLite (`captures c`, bodies apart), and back: the list reads summary columns only. */
export const SUMMARY_COLUMNS = [
  'id',
  'received_at',
  'method',
  'target',
  'content_type',
  'body_size',
  'truncated',
  'reply_status',
  'provider',
  'event',
  'endpoint_id',
  'verdict',
  'verdict_reason',
  'replay',
  'pinned',
  'imported',
  'forward_status',
  'forward_error'
]
  .map((col) => `c.${col}`)
  .join(', ')

export interface SummaryRow {
  id: number
  received_at: number
  method: string
  target: string
  content_type: string | null
  body_size: number
  truncated: number
  reply_status: number
  provider: string | null
  event: string | null
  endpoint_id: number | null
  verdict: CapturedRequest['verdict']
  verdict_reason: string | null
  replay: number
  pinned: number
  imported: CaptureSummary['imported']
  forward_status: number | null
  forward_error: string | null
}
export interface FullRow extends SummaryRow {
  http_version: string
  raw_headers: string
  body: Uint8Array
  remote_address: string
  remote_port: number
  reply_headers: string
  reply_body: string
}

export function toSummary(r: SummaryRow): CaptureSummary {
  return {
    id: r.id,
    receivedAt: r.received_at,
    method: r.method,
    target: r.target,
    contentType: r.content_type,
    bodySize: r.body_size,
    truncated: r.truncated === 1,
    replyStatus: r.reply_status,
    provider: r.provider,
    event: r.event,
    endpointId: r.endpoint_id,
    verdict: r.verdict,
    verdictReason: r.verdict_reason,
    replay: r.replay === 1,
    pinned: r.pinned === 1,
    imported: r.imported,
    forward:
      r.forward_status !== null || r.forward_error !== null
        ? { status: r.forward_status, error: r.forward_error }
        : null
  }
}

export function toCapture(r: FullRow): CapturedRequest {
  const reply: CaptureReply = {
    status: r.reply_status,
    headers: JSON.parse(r.reply_headers) as RawHeaders,
    body: r.reply_body
  }
  return {
    ...toSummary(r),
    httpVersion: r.http_version,
    rawHeaders: JSON.parse(r.raw_headers) as RawHeaders,
    body: r.body,
    remoteAddress: r.remote_address,
    remotePort: r.remote_port,
    reply
  }
}

/** A new capture's row: its id is the next of capture_seq (a trigger moves `high` on). */
export const INSERT_CAPTURE = `INSERT INTO captures (id, received_at, method, target, http_version, raw_headers, content_type,
   body_size, truncated, remote_address, remote_port, reply_status, reply_headers, reply_body, provider, event,
   endpoint_id, verdict, verdict_reason, replay, sig_hash, imported, pinned)
 VALUES ((SELECT high + 1 FROM capture_seq WHERE one = 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** The values INSERT_CAPTURE binds, in its column order. */
export function insertValues(
  c: NewCapture,
  provider: string | null,
  event: string | null,
  replay: boolean
): SQLInputValue[] {
  return [
    c.receivedAt,
    c.method,
    c.target,
    c.httpVersion,
    JSON.stringify(c.rawHeaders),
    c.contentType,
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
    replay ? 1 : 0,
    c.sigHash ?? null,
    c.imported ?? null,
    c.pinned ? 1 : 0
  ]
}

/** The summary of a capture just stored (what the list shows), without reading it back. */
export function summaryOfNew(
  id: number,
  c: NewCapture,
  provider: string | null,
  event: string | null,
  replay: boolean
): CaptureSummary {
  return {
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
    replay,
    imported: c.imported ?? null,
    ...(c.pinned ? { pinned: true } : {})
  }
}
