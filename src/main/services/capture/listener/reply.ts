import type { ServerResponse } from 'node:http'
import type { CaptureReply, RawHeaders } from '@shared/model/capture'

const TEXT_HEADERS: RawHeaders = [
  ['Content-Type', 'text/plain; charset=utf-8'],
  ['X-Content-Type-Options', 'nosniff']
]
export const DEFAULT_REPLY: CaptureReply = { status: 200, headers: TEXT_HEADERS, body: 'OK\n' }

export function textReply(status: number, body: string): CaptureReply {
  return { status, headers: TEXT_HEADERS, body }
}

const FRAMING = new Set(['content-length', 'transfer-encoding'])

/** Never throws: the request is already stored, so a bad reply header (saved before it was validated) is skipped. */
export function send(res: ServerResponse, reply: CaptureReply, close: boolean): void {
  if (res.destroyed || res.headersSent) return
  try {
    res.statusCode = reply.status
    for (const [name, value] of reply.headers) {
      // Framing comes from the body itself: a stored Content-Length that disagrees would cut or hang the sender.
      if (FRAMING.has(name.toLowerCase())) continue
      try {
        res.appendHeader(name, value)
      } catch {
        res.appendHeader('X-Hookscope-Skipped-Header', encodeURIComponent(name))
      }
    }
    if (close) res.setHeader('Connection', 'close')
    res.setHeader('Content-Length', Buffer.byteLength(reply.body))
    res.end(reply.body)
  } catch {
    res.destroy()
  }
}
