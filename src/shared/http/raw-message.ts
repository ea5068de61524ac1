import type { HttpRequest, RawHeaders } from '../model/http'
import { HookscopeError } from '../errors'

/** A request read from or written as an HTTP/1.x message. */
export interface RawRequestMessage extends HttpRequest {
  httpVersion: string
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
export function parseRawRequest(input: Uint8Array): RawRequestMessage {
  // Blank lines before the request line (a paste, a log excerpt) are not part of it.
  let start = 0
  while (start < input.length && (input[start] === 0x0a || input[start] === 0x0d)) start++
  const bytes = input.subarray(start)
  const split = findHeaderEnd(bytes)
  const headEnd = split ? split.end : bytes.length
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, headEnd))
  const lines = head.split(/\r?\n/)
  // "METHOD target HTTP/x.y", or without the version when the method is upper case and the target a path or URL.
  const full = /^([A-Za-z][A-Za-z0-9-]*) (\S+) HTTP\/(\d(?:\.\d)?)$/.exec(lines[0]!.trim())
  const short = full ? null : /^([A-Z][A-Z0-9-]*) (\/\S*|https?:\/\/\S+)$/.exec(lines[0]!.trim())
  const m = full ?? short
  if (!m)
    throw new RawMessageError(
      `Line 1 is not an HTTP request line ("METHOD /path HTTP/1.1"): ${JSON.stringify(lines[0]!.slice(0, 80))}`
    )
  const headers: RawHeaders = []
  lines.slice(1).forEach((line, i) => {
    if (line === '') return
    if (/^[ \t]/.test(line))
      throw new RawMessageError(`Line ${i + 2} is folded (starts with a space); join it to the header above.`)
    const colon = line.indexOf(':')
    if (colon <= 0)
      throw new RawMessageError(`Line ${i + 2} is not a header ("Name: value"): ${JSON.stringify(line.slice(0, 80))}`)
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()])
  })
  const version = m[3] === undefined ? '1.1' : m[3].includes('.') ? m[3] : `${m[3]}.0`
  return {
    method: m[1]!,
    target: m[2]!,
    httpVersion: version,
    rawHeaders: headers,
    body: split ? bytes.slice(split.bodyStart) : new Uint8Array()
  }
}

/** Serialises with CRLF line ends; Content-Length is corrected to the body when present. */
export function serializeRawRequest(msg: RawRequestMessage): Uint8Array {
  const lines = [`${msg.method} ${msg.target} HTTP/${msg.httpVersion}`]
  for (const [n, v] of msg.rawHeaders) lines.push(`${n}: ${n.toLowerCase() === 'content-length' ? msg.body.length : v}`)
  const head = new Uint8Array([...(lines.join('\r\n') + '\r\n\r\n')].map((c) => c.charCodeAt(0) & 0xff))
  const out = new Uint8Array(head.length + msg.body.length)
  out.set(head)
  out.set(msg.body, head.length)
  return out
}
