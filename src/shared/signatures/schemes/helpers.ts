import type { Algorithm, SchemeDefinition, SignatureEncoding, SignatureFormat } from '../types'

export const BODY = { part: 'body' } as const
export const TS = { part: 'timestamp' } as const
export const PLAIN: SignatureFormat = { kind: 'plain' }
export const prefixed = (prefix: string): SignatureFormat => ({ kind: 'prefixed', prefix })
/**
 * Stripe-style `t=…,v1=…` headers (Paddle `ts=…;h1=…`, Calendly): key=value pairs split on
 * `pairSeparator`; the signature under `signatureKey` (every one of them is tried: rotation), the
 * timestamp under `timestampKey` (read with `timestamp: { fromSignature: true }`).
 */
export const kv = (pairSeparator: string, signatureKey: string, timestampKey: string) =>
  ({ kind: 'kv', pairSeparator, kvSeparator: '=', signatureKey, timestampKey }) as const

/** The most common shape: a keyed digest of the raw body in one header. */
export function bodyMac(
  id: string,
  name: string,
  header: string,
  opts: {
    algorithm?: Algorithm
    encoding?: SignatureEncoding
    format?: SignatureFormat
    description: string
    detect?: string[]
    /** The header that names the event (lower-case). */
    event?: string
    /** More headers that may each carry a signature (rotation: DocuSign, Hookdeck). */
    alsoHeaders?: string[]
  }
): SchemeDefinition {
  return {
    id,
    name,
    description: opts.description,
    algorithm: opts.algorithm ?? 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [BODY],
    signature: {
      header,
      ...(opts.alsoHeaders ? { alsoHeaders: opts.alsoHeaders } : {}),
      format: opts.format ?? PLAIN,
      encoding: opts.encoding ?? 'hex'
    },
    detect: { headers: opts.detect ?? [header.toLowerCase()] },
    ...(opts.event ? { event: { header: opts.event } } : {})
  }
}

/** A shared token sent verbatim in one header (no signature: compared in constant time; it does not cover the body). */
export function headerToken(
  id: string,
  name: string,
  header: string,
  opts: { description: string; notice: string; detect?: string[] }
): SchemeDefinition {
  return {
    id,
    name,
    description: opts.description,
    algorithm: 'token',
    key: { form: 'utf8' },
    signedContent: [],
    signature: { header, format: PLAIN, encoding: 'utf8' },
    detect: { headers: opts.detect ?? [header.toLowerCase()] },
    notice: opts.notice
  }
}
