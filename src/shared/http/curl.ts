import type { HttpRequest } from '../model/http'
/** Shell-quote for POSIX sh: single quotes, with embedded quotes closed and escaped. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** The copy-ready command the empty state offers for sending a first webhook. */
export function firstWebhookCurl(baseUrl: string): string {
  const url = `${baseUrl.replace(/\/$/, '')}/webhooks/test?source=curl`
  const body = JSON.stringify({ type: 'order.paid', id: 'evt_123', amount: 4200 })
  return `curl -X POST ${shellQuote(url)} -H 'Content-Type: application/json' --data ${shellQuote(body)}`
}

/** Headers curl adds on its own unless told otherwise; an empty `-H 'Name:'` suppresses one the capture did not have. */
const CURL_DEFAULTS = ['User-Agent', 'Accept', 'Content-Type', 'Expect']
/** Set by curl from the transfer, never copied (Host is copied: the original value, in its place). */
const NOT_COPIED = new Set(['transfer-encoding'])

/** A body that survives as a single-quoted shell word: UTF-8 text with no control characters but tab and newlines. */
function asShellText(body: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body)
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return null
    }
    return text
  } catch {
    return null
  }
}

/** printf's format for exact bytes: printable ASCII as itself, everything else as \ooo (POSIX printf). */
function printfFormat(body: Uint8Array): string {
  let out = ''
  for (const b of body) {
    if (b === 0x25) out += '%%'
    else if (b === 0x5c) out += '\\\\'
    else if (b >= 0x20 && b < 0x7f && b !== 0x27) out += String.fromCharCode(b)
    else out += '\\' + b.toString(8).padStart(3, '0')
  }
  return `'${out}'`
}

/**
 * "Copy as curl": a command that sends this capture again to `baseUrl` with the same method, target,
 * headers (in order, the original Host included, curl's own defaults suppressed) and exact body bytes —
 * `--data-binary` for text, `printf … | curl --data-binary @-` for binary. A chunked body is sent with a
 * Content-Length, and curl always writes Host first.
 */
export function captureCurl(c: HttpRequest, baseUrl: string): string {
  const url = baseUrl.replace(/\/$/, '') + (c.target.startsWith('/') ? c.target : `/${c.target}`)
  const names = new Set(c.rawHeaders.map(([n]) => n.toLowerCase()))
  const chunked = c.rawHeaders.some(([n, v]) => n.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v))
  const args = ['curl', '--http1.1', '-sS', '-X', shellQuote(c.method), shellQuote(url)]
  for (const [n, v] of c.rawHeaders) {
    if (NOT_COPIED.has(n.toLowerCase())) continue
    args.push('-H', shellQuote(v === '' ? `${n};` : `${n}: ${v}`))
  }
  if (chunked && c.body.length > 0 && !names.has('content-length'))
    args.push('-H', shellQuote(`Content-Length: ${c.body.length}`))
  for (const d of CURL_DEFAULTS) if (!names.has(d.toLowerCase())) args.push('-H', shellQuote(`${d}:`))
  if (c.body.length === 0) return args.join(' ')
  const text = asShellText(c.body)
  // A body starting with @ would name a file to curl: it goes through printf like binary.
  if (text !== null && !text.startsWith('@')) return [...args, '--data-binary', shellQuote(text)].join(' ')
  return `printf ${printfFormat(c.body)} | ${[...args, '--data-binary', '@-'].join(' ')}`
}
