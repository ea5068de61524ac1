import { fromBase64Url } from '../bytes'
import { decodeText } from './text'

export interface DecodedJwt {
  header: string
  payload: string
  signature: string
}

const JWT = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/

/** Header and payload decoded (not verified); null when it is not a JWT with JSON parts. */
export function decodeJwt(token: string): DecodedJwt | null {
  const t = token.trim()
  if (!JWT.test(t) || t.length > 1024 * 1024) return null
  const [h, p, s] = t.split('.') as [string, string, string]
  try {
    const header = decodeText(fromBase64Url(h)).text
    const payload = decodeText(fromBase64Url(p)).text
    if (!header?.trimStart().startsWith('{') || payload === null) return null
    JSON.parse(header)
    return { header, payload, signature: s }
  } catch {
    return null
  }
}
