import type { RawHeaders } from '../model/capture'

/** First value of a header, matched case-insensitively (HTTP names are case-insensitive). */
export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) return v
  return undefined
}

/** Each header's first value by lower-case name: `headerValue` for every name at once (one pass, for many lookups). */
export function firstHeaderValues(headers: RawHeaders): Map<string, string> {
  const first = new Map<string, string>()
  for (const [n, v] of headers) {
    const k = n.toLowerCase()
    if (!first.has(k)) first.set(k, v)
  }
  return first
}

/** Node's rawHeaders is a flat [name, value, name, value…] list; pair it up. */
export function pairRawHeaders(flat: readonly string[]): RawHeaders {
  const out: RawHeaders = []
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!])
  return out
}

/**
 * Header names that carry credentials or signatures, redacted from exports unless asked. A
 * maintained list: exact names first, then name patterns that cover vendor variants
 * (X-Api-Key, Api-Key, X-Functions-Key, Ocp-Apim-Subscription-Key, X-Hook-Secret, …).
 */
const SENSITIVE = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-bh-token',
  'x-functions-key',
  'ocp-apim-subscription-key',
  'x-amz-security-token',
  'x-goog-api-key',
  'x-csrf-token',
  'x-xsrf-token',
  'private-token',
  'x-shopify-access-token'
])
const SENSITIVE_NAME = [
  /signature|hmac|(^|-)sign$|^sign(-|$)|-sig$/i,
  /token|secret|passw(or)?d|passwd|credential|session/i,
  /api[-_]?key|access[-_]?key|subscription[-_]?key|client[-_]?key|auth/i
]

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return SENSITIVE.has(lower) || SENSITIVE_NAME.some((re) => re.test(lower))
}

/** Query parameters that carry credentials (?token=, ?api_key=, ?sig=, ?code= …). */
const SENSITIVE_PARAM =
  /token|secret|passw(or)?d|passwd|signature|^sig$|sign$|api[-_]?key|apikey|^key$|access[-_]?key|auth|session|^code$|credential/i

export function isSensitiveParam(name: string): boolean {
  let decoded = name
  try {
    decoded = decodeURIComponent(name)
  } catch {
    /* keep as is */
  }
  return SENSITIVE_PARAM.test(decoded)
}

export const REDACTED = '[redacted]'

/** The request target with the values of credential-carrying query parameters replaced. */
export function redactTarget(target: string): string {
  const q = target.indexOf('?')
  if (q < 0) return target
  const hash = target.indexOf('#', q)
  const query = target.slice(q + 1, hash < 0 ? undefined : hash)
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=')
    return eq >= 0 && isSensitiveParam(part.slice(0, eq))
      ? `${part.slice(0, eq + 1)}${encodeURIComponent(REDACTED)}`
      : part
  })
  return target.slice(0, q + 1) + parts.join('&') + (hash < 0 ? '' : target.slice(hash))
}

export function redactHeaders(headers: RawHeaders): RawHeaders {
  return headers.map(([n, v]) => [n, isSensitiveHeader(n) ? REDACTED : v])
}
