import type { RawHeaders } from '../model/capture'

/** First value of a header, matched case-insensitively (HTTP names are case-insensitive). */
export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) return v
  return undefined
}

/** Node's rawHeaders is a flat [name, value, name, value…] list; pair it up. */
export function pairRawHeaders(flat: readonly string[]): RawHeaders {
  const out: RawHeaders = []
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!])
  return out
}

/** Headers that carry credentials or signatures; redacted from exports unless asked. */
const SENSITIVE = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-bh-token'])
const SIGNATURE_NAME = /(signature|token|-sign$|^sign$|hmac|webhook-secret|x-hub-signature)/i

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return SENSITIVE.has(lower) || SIGNATURE_NAME.test(lower)
}

export const REDACTED = '[redacted]'

export function redactHeaders(headers: RawHeaders): RawHeaders {
  return headers.map(([n, v]) => [n, isSensitiveHeader(n) ? REDACTED : v])
}
