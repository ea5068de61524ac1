import type { RawHeaders } from '../model/capture'
import { base64ToBytes } from './base64'

export interface ImportedRequest {
  receivedAt: number
  method: string
  target: string
  httpVersion: string
  rawHeaders: RawHeaders
  body: Uint8Array
  contentType: string | null
}

/** A HAR file that cannot be read: says which entry and what is wrong. */
export class HarImportError extends Error {}

interface HarEntry {
  startedDateTime?: string
  request?: {
    method?: string
    url?: string
    httpVersion?: string
    headers?: { name: string; value: string }[]
    postData?: { mimeType?: string; text?: string; encoding?: string }
  }
}

/** HAR 1.2 → requests, bodies byte-exact (text re-encoded as UTF-8, base64 decoded). */
export function parseHar(text: string): ImportedRequest[] {
  let doc: { log?: { entries?: HarEntry[] } }
  try {
    doc = JSON.parse(text) as typeof doc
  } catch {
    throw new HarImportError('Not a HAR file: it is not JSON.')
  }
  const entries = doc.log?.entries
  if (!Array.isArray(entries)) throw new HarImportError('Not a HAR file: no log.entries.')
  return entries.map((e, i) => {
    const r = e.request
    if (!r?.method || !r.url) throw new HarImportError(`Entry ${i + 1} has no request method or URL.`)
    let target: string
    try {
      const u = new URL(r.url)
      target = u.pathname + u.search
    } catch {
      throw new HarImportError(`Entry ${i + 1}: "${r.url}" is not a URL.`)
    }
    const rawHeaders: RawHeaders = (r.headers ?? []).map((h) => [h.name, h.value])
    const pd = r.postData
    const body = !pd?.text ? new Uint8Array() : pd.encoding === 'base64' ? base64ToBytes(pd.text) : new TextEncoder().encode(pd.text)
    const ct = rawHeaders.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? pd?.mimeType ?? null
    return {
      receivedAt: e.startedDateTime ? Date.parse(e.startedDateTime) || Date.now() : Date.now(),
      method: r.method,
      target,
      httpVersion: (r.httpVersion ?? 'HTTP/1.1').replace(/^HTTP\//i, ''),
      rawHeaders,
      body,
      contentType: ct
    }
  })
}
