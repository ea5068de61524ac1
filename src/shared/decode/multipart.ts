import type { RawHeaders } from '../model/capture'

export interface MultipartPart {
  headers: RawHeaders
  name: string | null
  filename: string | null
  contentType: string | null
  body: Uint8Array
}

const enc = new TextEncoder()

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]
  outer: for (
    let i = hay.indexOf(first!, from);
    i >= 0 && i <= hay.length - needle.length;
    i = hay.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

function dispositionParam(value: string, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(value)
  if (!m) return null
  return (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim()) ?? null
}

/**
 * Splits a multipart body on its boundary; part bodies stay bytes (file parts can be binary).
 * Stops at `maxParts` so 10 000-part bodies cannot stall the UI; the rest is reported by the caller.
 */
export function parseMultipart(
  body: Uint8Array,
  boundary: string,
  maxParts = 10_000
): { parts: MultipartPart[]; complete: boolean } {
  const delim = enc.encode('--' + boundary)
  const parts: MultipartPart[] = []
  let at = indexOf(body, delim, 0)
  if (at < 0) return { parts, complete: false }
  while (parts.length < maxParts) {
    let start = at + delim.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return { parts, complete: true }
    if (body[start] === 0x0d) start++
    if (body[start] === 0x0a) start++
    const next = indexOf(body, delim, start)
    if (next < 0) return { parts, complete: false }
    let end = next
    if (body[end - 1] === 0x0a) end--
    if (body[end - 1] === 0x0d) end--
    const chunk = body.subarray(start, end)
    // Headers end at the first blank line.
    let split = -1
    for (let i = 0; i + 1 < chunk.length; i++) {
      if (chunk[i] === 0x0a && (chunk[i + 1] === 0x0a || (chunk[i + 1] === 0x0d && chunk[i + 2] === 0x0a))) {
        split = i
        break
      }
    }
    const headText = new TextDecoder().decode(split < 0 ? new Uint8Array() : chunk.subarray(0, split))
    const bodyStart = split < 0 ? 0 : chunk[split + 1] === 0x0d ? split + 3 : split + 2
    const headers: RawHeaders = headText
      .split(/\r?\n/)
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()])
    const disp = headers.find(([n]) => n.toLowerCase() === 'content-disposition')?.[1] ?? ''
    parts.push({
      headers,
      name: dispositionParam(disp, 'name'),
      filename: dispositionParam(disp, 'filename'),
      contentType: headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null,
      body: chunk.subarray(bodyStart)
    })
    at = next
  }
  return { parts, complete: false }
}
