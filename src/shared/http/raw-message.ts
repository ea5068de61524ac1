import type { RawHeaders } from '../model/capture'
import { HookscopeError } from '../errors'

export interface RawRequestMessage {
  method: string
  target: string
  httpVersion: string
  headers: RawHeaders
  body: Uint8Array
}

/** A raw HTTP/1.x request that cannot be read; says what is wrong and where. */
export class RawMessageError extends HookscopeError {
  constructor(message: string) {
    super('invalid-request', message)
  }
}

function findHeaderEnd(b: Uint8Array): { end: number; bodyStart: number } | null {
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) {
      if (b[i + 1] === 0x0a) return { end: i, bodyStart: i + 2 }
      if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return { end: i, bodyStart: i + 3 }
    }
  }
  return null
}

/**
 * Parses "request line, headers, blank line, body bytes" with CRLF or LF line ends. The body
 * is everything after the blank line, byte for byte (Content-Length is not used to cut it).
 */
export function parseRawRequest(bytes: Uint8Array): RawRequestMessage {
  const split = findHeaderEnd(bytes)
  const headEnd = split ? split.end : bytes.length
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, headEnd))
  const lines = head.split(/\r?\n/)
  const m = /^([A-Za-z]+) (\S+) HTTP\/(\d\.\d)$/.exec(lines[0]!.trim())
  if (!m) throw new RawMessageError(`Line 1 is not an HTTP request line ("METHOD /path HTTP/1.1"): ${JSON.stringify(lines[0]!.slice(0, 80))}`)
  const headers: RawHeaders = []
  lines.slice(1).forEach((line, i) => {
    if (line === '') return
    const colon = line.indexOf(':')
    if (colon <= 0) throw new RawMessageError(`Line ${i + 2} is not a header ("Name: value"): ${JSON.stringify(line.slice(0, 80))}`)
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()])
  })
  return { method: m[1]!, target: m[2]!, httpVersion: m[3]!, headers, body: split ? bytes.slice(split.bodyStart) : new Uint8Array() }
}

/** Serialises with CRLF line ends; Content-Length is corrected to the body when present. */
export function serializeRawRequest(msg: RawRequestMessage): Uint8Array {
  const lines = [`${msg.method} ${msg.target} HTTP/${msg.httpVersion}`]
  for (const [n, v] of msg.headers) lines.push(`${n}: ${n.toLowerCase() === 'content-length' ? msg.body.length : v}`)
  const head = new Uint8Array([...(lines.join('\r\n') + '\r\n\r\n')].map((c) => c.charCodeAt(0) & 0xff))
  const out = new Uint8Array(head.length + msg.body.length)
  out.set(head)
  out.set(msg.body, head.length)
  return out
}
