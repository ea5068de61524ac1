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

type LookupCallback = (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void

/** A DNS lookup that answers with one address already checked (the connection may ask for a list). */
function pinnedLookup(p: { address: string; family: 4 | 6 }) {
  return (_host: string, o: { all?: boolean }, cb: LookupCallback): void => {
    if (o.all) cb(null, [{ address: p.address, family: p.family }])
    else cb(null, p.address, p.family)
  }
}

/**
 * Sends a request exactly as composed — header names in their case and order, body bytes as
 * given — from the main process / host, so no CORS applies. Failures are results, not throws.
 */
export function send(req: OutgoingRequest, opts: SendOptions = {}): Promise<SendResult> {
  const started = performance.now()
  return new Promise((resolve) => {
    let url: URL
    try {
      url = new URL(req.url)
    } catch {
      resolve({
        ok: false,
        status: null,
        headers: [],
        body: new Uint8Array(),
        timings: { firstByteMs: 0, totalMs: 0 },
        error: `Not a URL: ${req.url}`
      })
      return
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      resolve({
        ok: false,
        status: null,
        headers: [],
        body: new Uint8Array(),
        timings: { firstByteMs: 0, totalMs: 0 },
        error: 'Only http:// and https:// URLs can be sent to.'
      })
      return
    }
    // Raw header list keeps case, order and duplicates; Host and framing come from the URL and body.
    // With a raw header list Node adds nothing itself, so Host goes first, as clients send it.
    const flat: string[] = ['Host', url.host]
    for (const [n, v] of req.headers) if (!HOP_BY_HOP.has(n.toLowerCase())) flat.push(n, v)
    flat.push('Content-Length', String(req.body.length))
    const lib = url.protocol === 'https:' ? httpsRequest : httpRequest
    const r = lib(
      url,
      {
        method: req.method,
        headers: flat as unknown as Record<string, string>,
        timeout: opts.timeoutMs ?? 30_000,
        ...(opts.insecureTls ? { rejectUnauthorized: false } : {}),
        ...(opts.pinned ? { lookup: pinnedLookup(opts.pinned) } : {})
      },
      (res) => {
        const firstByteMs = performance.now() - started
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const headers: RawHeaders = []
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!])
          resolve({
            ok: true,
            status: res.statusCode ?? null,
            headers,
            body: new Uint8Array(Buffer.concat(chunks)),
            timings: { firstByteMs, totalMs: performance.now() - started },
            error: null
          })
        })
        res.on('error', (err) =>
          resolve({
            ok: false,
            status: res.statusCode ?? null,
            headers: [],
            body: new Uint8Array(),
            timings: { firstByteMs, totalMs: performance.now() - started },
            error: err.message
          })
        )
      }
    )
    r.on('timeout', () => r.destroy(new Error(`No answer within ${opts.timeoutMs ?? 30_000} ms`)))
    r.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        status: null,
        headers: [],
        body: new Uint8Array(),
        timings: { firstByteMs: 0, totalMs: performance.now() - started },
        error: err.code === 'ECONNREFUSED' ? `Nothing is listening at ${url.host} (connection refused).` : err.message
      })
    )
    r.end(req.body)
  })
}
