import { headerValue } from '../http/headers'
import type { SchemeDefinition, SignableRequest } from './types'

/**
 * A delivery's signing-certificate URL (PayPal, Amazon SNS) and whether Hookscope may fetch it: https,
 * port 443, no credentials, and a host the provider documents. The check runs before any request.
 */
export type CertificateUrl = { url: string } | { error: string }

/** Whether `host` matches one of `patterns` (`*` stands for exactly one DNS label). */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const labels = host.toLowerCase().split('.')
  return patterns.some((p) => {
    const want = p.toLowerCase().split('.')
    return want.length === labels.length && want.every((w, i) => (w === '*' ? /^[a-z0-9-]+$/.test(labels[i]!) : w === labels[i]))
  })
}

/** The certificate URL this delivery names, checked against the scheme's hosts; null when the scheme has none. */
export function certificateUrl(req: SignableRequest, scheme: Pick<SchemeDefinition, 'certificate' | 'name'>): CertificateUrl | null {
  const c = scheme.certificate
  if (!c) return null
  let raw: string | undefined
  if (c.header) raw = headerValue(req.headers, c.header)
  if (raw === undefined && c.field) {
    try {
      const doc: unknown = JSON.parse(new TextDecoder().decode(req.body))
      const v = doc && typeof doc === 'object' ? (doc as Record<string, unknown>)[c.field] : undefined
      if (typeof v === 'string') raw = v
    } catch {
      /* not JSON: no field */
    }
  }
  const where = c.header ?? c.field
  if (raw === undefined || raw.trim() === '') return { error: `This delivery has no ${where} naming the certificate.` }
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { error: `${where} is not a URL.` }
  }
  const hosts = c.hosts.join(', ')
  if (url.protocol !== 'https:') return { error: `${where} is not https: ${scheme.name} certificates come over https only.` }
  if (url.username || url.password || (url.port !== '' && url.port !== '443'))
    return { error: `${where} carries credentials or a port: not fetched.` }
  if (!hostAllowed(url.hostname, c.hosts))
    return { error: `${where} points at ${url.hostname}, not one of ${scheme.name}'s hosts (${hosts}): not fetched.` }
  return { url: url.href }
}
