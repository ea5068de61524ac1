import { concatBytes } from '../../bytes'
import { parseRawRequest } from '../raw-message'
import { ImportError, type ImportedRequest } from './types'

/** A chunked body's data, or null when the bytes are not a complete chunked stream. */
function dechunk(b: Uint8Array): Uint8Array | null {
  const out: Uint8Array[] = []
  let i = 0
  for (;;) {
    let eol = i
    while (eol + 1 < b.length && !(b[eol] === 0x0d && b[eol + 1] === 0x0a)) eol++
    if (eol + 1 >= b.length) return null
    const sizeText = new TextDecoder()
      .decode(b.subarray(i, Math.min(eol, i + 64)))
      .split(';')[0]!
      .trim()
    if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) return null
    const size = parseInt(sizeText, 16)
    i = eol + 2
    if (size === 0) return concatBytes(out)
    if (i + size > b.length) return null
    out.push(b.subarray(i, i + size))
    i += size + 2
  }
}

/**
 * A raw HTTP/1.x request as pasted or saved (read by parseRawRequest: headers in order and case, the
 * body's bytes exactly as given). A chunked body is joined as the listener would store it; a
 * Content-Length that disagrees with the body is reported, not "fixed"; an absolute-form target is
 * stored as its path, with Host from it when the request had none.
 */
export function importRawHttp(bytes: Uint8Array): { request: ImportedRequest; notes: string[] } {
  const msg = parseRawRequest(bytes)
  const headers = msg.rawHeaders
  let body = msg.body
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
        `Content-Length says ${cl} bytes; the pasted body is ${body.length} (line ` +
          `endings may have changed when it was copied). The body is kept as given.`
      )
    }
  }
  let target = msg.target
  if (/^https?:\/\//i.test(target)) {
    let u: URL
    try {
      u = new URL(target)
    } catch {
      throw new ImportError(`The request line's target ${JSON.stringify(target.slice(0, 80))} is not a valid URL.`)
    }
    target = u.pathname + u.search
    if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', u.host])
  }
  return { request: { method: msg.method, target, httpVersion: msg.httpVersion, rawHeaders: headers, body }, notes }
}
