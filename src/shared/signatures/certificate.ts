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
    return (
      want.length === labels.length &&
      want.every((w, i) => (w === '*' ? /^[a-z0-9-]+$/.test(labels[i]!) : w === labels[i]))
    )
  })
}

/** The certificate URL this delivery names, checked against the scheme's hosts; null when the scheme has none. */
export function certificateUrl(
  req: SignableRequest,
  scheme: Pick<SchemeDefinition, 'certificate' | 'name'>
): CertificateUrl | null {
  const c = scheme.certificate
  if (!c) return null
  let raw: string | undefined
  if (c.header) raw = headerValue(req.headers, c.header)
  if (raw === undefined && c.field) {
    const v = jsonBody(req)?.[c.field]
    if (typeof v === 'string') raw = v
  }
  return pinnedUrl(raw, c.header ?? c.field ?? 'certificate URL', c.hosts, scheme.name)
}

/** `raw` as a URL Hookscope may fetch: https, port 443, no credentials, a host in `hosts`. */
function pinnedUrl(raw: string | undefined, where: string, hosts: readonly string[], name: string): CertificateUrl {
  if (raw === undefined || raw.trim() === '') return { error: `This delivery has no ${where} naming the certificate.` }
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { error: `${where} is not a URL.` }
  }
  if (url.protocol !== 'https:') return { error: `${where} is not https: ${name} is reached over https only.` }
  if (url.username || url.password || (url.port !== '' && url.port !== '443'))
    return { error: `${where} carries credentials or a port: not fetched.` }
  if (!hostAllowed(url.hostname, hosts))
    return {
      error: `${where} points at ${url.hostname}, not one of ${name}'s hosts (${hosts.join(', ')}): not fetched.`
    }
  return { url: url.href }
}

/**
 * An Amazon SNS SubscriptionConfirmation's SubscribeURL (visiting it confirms the subscription), held to
 * the hosts the scheme pins for its certificates; null when the delivery is not a SubscriptionConfirmation.
 */
export function subscribeUrl(
  req: SignableRequest,
  scheme: Pick<SchemeDefinition, 'certificate' | 'name'>
): CertificateUrl | null {
  const doc = jsonBody(req)
  if (!scheme.certificate || doc?.Type !== 'SubscriptionConfirmation') return null
  const raw = typeof doc.SubscribeURL === 'string' ? doc.SubscribeURL : undefined
  if (raw === undefined) return { error: 'This SubscriptionConfirmation has no SubscribeURL.' }
  return pinnedUrl(raw, 'SubscribeURL', scheme.certificate.hosts, scheme.name)
}

function jsonBody(req: SignableRequest): Record<string, unknown> | null {
  try {
    const doc: unknown = JSON.parse(new TextDecoder().decode(req.body))
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null
  } catch {
    return null
  }
}
