import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { RawHeaders } from '@shared/model/capture'

export interface OutgoingRequest {
  method: string
  url: string
  headers: RawHeaders
  body: Uint8Array
}

export interface SendOptions {
  timeoutMs?: number
  /** Accept self-signed certificates (local HTTPS receivers). */
  insecureTls?: boolean
  /** Connect to this address (checked before) whatever the name resolves to now. */
  pinned?: { address: string; family: 4 | 6 }
}

export interface SendResult {
  ok: boolean
  status: number | null
  headers: RawHeaders
  body: Uint8Array
  /** Milliseconds until the response headers, and until the whole body. */
  timings: { firstByteMs: number; totalMs: number }
  error: string | null
}

/** Set by the connection, not copied from a composed or captured request. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'])

type LookupCallback = (
  err: Error | null,
  address: string | { address: string; family: number }[],
  family?: number
) => void

/** A DNS lookup that answers with one address already checked (the connection may ask for a list). */
function pinnedLookup(p: { address: string; family: 4 | 6 }) {
  return (_host: string, o: { all?: boolean }, cb: LookupCallback): void => {
    if (o.all) cb(null, [{ address: p.address, family: p.family }])
    else cb(null, p.address, p.family)
  }
}

/** A send that failed before or without an answer (status when one came). */
function failed(error: string, totalMs = 0, status: number | null = null, firstByteMs = 0): SendResult {
  return { ok: false, status, headers: [], body: new Uint8Array(), timings: { firstByteMs, totalMs }, error }
}

/** The URL to send to, or why it cannot be (only http and https). */
function targetOf(raw: string): URL | string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `Not a URL: ${raw}`
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : 'Only http:// and https:// URLs can be sent to.'
}

/** Header names in their case and order, duplicates kept; Host first and the framing from the body. */
function rawHeaderList(req: OutgoingRequest, url: URL): string[] {
  // With a raw header list Node adds nothing itself, so Host goes first, as clients send it.
  const flat: string[] = ['Host', url.host]
  for (const [n, v] of req.headers) if (!HOP_BY_HOP.has(n.toLowerCase())) flat.push(n, v)
  flat.push('Content-Length', String(req.body.length))
  return flat
}

/**
 * Sends a request exactly as composed — header names in their case and order, body bytes as
 * given — from the main process / host, so no CORS applies. Failures are results, not throws.
 */
export function send(req: OutgoingRequest, opts: SendOptions = {}): Promise<SendResult> {
  const started = performance.now()
  const elapsed = (): number => performance.now() - started
  return new Promise((resolve) => {
    const url = targetOf(req.url)
    if (typeof url === 'string') return resolve(failed(url))
    const lib = url.protocol === 'https:' ? httpsRequest : httpRequest
    const r = lib(
      url,
      {
        method: req.method,
        headers: rawHeaderList(req, url) as unknown as Record<string, string>,
        timeout: opts.timeoutMs ?? 30_000,
        ...(opts.insecureTls ? { rejectUnauthorized: false } : {}),
        ...(opts.pinned ? { lookup: pinnedLookup(opts.pinned) } : {})
      },
      (res) => {
        const firstByteMs = elapsed()
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const headers: RawHeaders = []
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!])
          const body = new Uint8Array(Buffer.concat(chunks))
          resolve({
            ok: true,
            status: res.statusCode ?? null,
            headers,
            body,
            timings: { firstByteMs, totalMs: elapsed() },
            error: null
          })
        })
        res.on('error', (err) => resolve(failed(err.message, elapsed(), res.statusCode ?? null, firstByteMs)))
      }
    )
    r.on('timeout', () => r.destroy(new Error(`No answer within ${opts.timeoutMs ?? 30_000} ms`)))
    r.on('error', (err: NodeJS.ErrnoException) =>
      resolve(
        failed(
          err.code === 'ECONNREFUSED' ? `Nothing is listening at ${url.host} (connection refused).` : err.message,
          elapsed()
        )
      )
    )
    r.end(req.body)
  })
}
