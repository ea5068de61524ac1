import { ImportError, type ImportedRequest } from './types'

const REQUEST_LINE = /^([A-Z][A-Z0-9!#$%&'*+.^_`|~-]*) (\S+)(?: HTTP\/(\d(?:\.\d)?))?$/

function indexOfSeq(b: Uint8Array, seq: number[], from = 0): number {
  outer: for (let i = from; i <= b.length - seq.length; i++) {
    for (let j = 0; j < seq.length; j++) if (b[i + j] !== seq[j]) continue outer
    return i
  }
  return -1
}

/** A chunked body's data, or null when the bytes are not a complete chunked stream. */
function dechunk(b: Uint8Array): Uint8Array | null {
  const out: number[] = []
  let i = 0
  for (;;) {
    const eol = indexOfSeq(b, [0x0d, 0x0a], i)
    if (eol < 0) return null
    const size = parseInt(new TextDecoder().decode(b.subarray(i, eol)).split(';')[0]!.trim(), 16)
    if (!Number.isFinite(size)) return null
    i = eol + 2
    if (size === 0) return new Uint8Array(out)
    if (i + size > b.length) return null
    out.push(...b.subarray(i, i + size))
    i += size + 2
  }
}

/**
 * A raw HTTP/1.x request as pasted or saved (`METHOD target HTTP/1.1`, headers, blank line, body):
 * headers kept in order and case, the body's bytes exactly as given. A chunked body is joined as the
 * listener would store it. A request copied with bare newlines is accepted (its head only; the body is
 * never altered), and a Content-Length that disagrees with the body is reported, not "fixed".
 */
export function importRawHttp(bytes: Uint8Array): { request: ImportedRequest; notes: string[] } {
  let start = 0
  while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x20)) start++
  const b = bytes.subarray(start)
  const crlf = indexOfSeq(b, [0x0d, 0x0a, 0x0d, 0x0a])
  const lf = indexOfSeq(b, [0x0a, 0x0a])
  const [headEnd, sepLen] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : lf >= 0 ? [lf, 2] : [b.length, 0]
  const head = new TextDecoder('latin1').decode(b.subarray(0, headEnd))
  let body: Uint8Array = b.slice(headEnd + sepLen)
  const lines = head.split(/\r?\n/)
  const m = REQUEST_LINE.exec(lines[0]!.trim())
  if (!m) throw new ImportError(`The first line is not an HTTP request line ("POST /path HTTP/1.1"): ${JSON.stringify(lines[0]!.slice(0, 80))}`)
  const headers: [string, string][] = []
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line)) throw new ImportError('A header line is folded (starts with a space); join it to the header above.')
    const colon = line.indexOf(':')
    if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(line.slice(0, colon)))
      throw new ImportError(`Not a header line: ${JSON.stringify(line.slice(0, 80))}`)
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()])
  }
  const notes: string[] = []
  const te = headers.find(([n]) => n.toLowerCase() === 'transfer-encoding')?.[1]
  if (te && /chunked/i.test(te)) {
    const joined = dechunk(body)
    if (joined) body = joined
    else notes.push('The body is marked chunked but is not a complete chunked stream; it is kept as given.')
  } else {
    const cl = headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1]
    if (cl !== undefined && Number(cl) !== body.length) {
      notes.push(
        `Content-Length says ${cl} bytes; the pasted body is ${body.length} (line endings may have changed when it was copied). The body is kept as given.`
      )
    }
  }
  let target = m[2]!
  if (/^https?:\/\//i.test(target)) {
    const u = new URL(target)
    target = u.pathname + u.search
    if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', u.host])
  }
  return { request: { method: m[1]!, target, httpVersion: m[3] ?? '1.1', rawHeaders: headers, body }, notes }
}
