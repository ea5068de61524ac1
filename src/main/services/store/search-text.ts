import { brotliDecompressSync, constants as zlibConstants, gunzipSync, inflateSync } from 'node:zlib'
import { parseFormFields } from '@shared/decode/form'
import { headerValue } from '@shared/http/headers'
import { utf8OrNull } from '@shared/http/text'
import type { RawHeaders } from '@shared/model/capture'

/** Bodies above this are stored whole but only their first part is indexed for search. */
export const FTS_BODY_LIMIT = 2 * 1024 * 1024

const asText = (b: Uint8Array): string =>
  utf8OrNull(b.subarray(0, FTS_BODY_LIMIT)) ?? utf8OrNull(b.subarray(0, FTS_BODY_LIMIT - 3)) ?? ''

/** A compressed body's first FTS_BODY_LIMIT bytes, decompressed (bounded: a bomb stops there). */
function inflated(body: Uint8Array, encoding: string | undefined): Uint8Array | null {
  const enc = encoding?.trim().toLowerCase()
  const opts = { maxOutputLength: FTS_BODY_LIMIT, finishFlush: zlibConstants.Z_SYNC_FLUSH }
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(body, opts)
    if (enc === 'deflate') return inflateSync(body, opts)
    if (enc === 'br')
      return brotliDecompressSync(body, {
        maxOutputLength: FTS_BODY_LIMIT,
        finishFlush: zlibConstants.BROTLI_OPERATION_FLUSH
      })
  } catch {
    /* larger than the limit, or not what it says: the raw bytes stay indexed */
  }
  return null
}

/** `name=…%XX…` at the start: a form body sent without its content type (cheap checks first: bodies are mostly JSON). */
const looksEncoded = (text: string): boolean =>
  text.indexOf('=') > 0 && text.includes('%') && /^[^\s=&]+=[^\s]*%[0-9A-Fa-f]{2}/.test(text)

/**
 * What search sees of a body: its text, and the layers a person reads — the decompressed body and
 * URL-decoded form values (UseePay's data=%7B…%7D JSON is found by the words inside it).
 */
export function searchableBody(body: Uint8Array, headers: RawHeaders): string {
  const raw = asText(body)
  const plain = inflated(body, headerValue(headers, 'content-encoding'))
  const text = plain ? asText(plain) : raw
  const formish = /x-www-form-urlencoded/i.test(headerValue(headers, 'content-type') ?? '') || looksEncoded(text)
  const decoded = formish
    ? parseFormFields(text.slice(0, FTS_BODY_LIMIT))
        .map((f) => `${f.name} ${f.value}`)
        .join('\n')
    : ''
  return [raw, plain ? text : '', decoded].filter(Boolean).join('\n')
}
