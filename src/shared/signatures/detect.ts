import { base64ToBytes, fromUtf8 } from '../bytes'
import { firstHeaderValues } from '../http/headers'
import { SCHEMES } from './registry'
import type { SchemeDefinition, SignableRequest } from './types'

export interface Detection {
  scheme: string
  name: string
  score: number
  evidence: string[]
}

/**
 * Ranks schemes by what the request shows: each expected header present adds weight (the
 * first, usually the signature header, most), a body hint adds a little. Evidence says why.
 */
export function detect(req: SignableRequest, schemes: readonly SchemeDefinition[] = SCHEMES): Detection[] {
  return makeDetector(schemes)(req)
}

/**
 * `detect` with its per-list work done once (for the capture path, which detects every request):
 * a scheme is looked at only when its first detect header is present, or when it detects by body
 * alone. Same ranking as `detect`.
 */
export function makeDetector(
  schemes: readonly SchemeDefinition[] = SCHEMES
): (req: SignableRequest, first?: Map<string, string>) => Detection[] {
  const byFirstHeader = new Map<string, number[]>()
  const bodyOnly: number[] = []
  schemes.forEach((s, i) => {
    if (!s.detect) return
    const first = s.detect.headers[0]
    if (first === undefined) bodyOnly.push(i)
    else byFirstHeader.set(first, [...(byFirstHeader.get(first) ?? []), i])
  })
  const signatureHeaders = schemes.map((s) => s.signature.header?.toLowerCase())
  return (req, first = firstHeaderValues(req.headers)) => {
    const candidates = [...bodyOnly]
    for (const h of first.keys()) {
      const more = byFirstHeader.get(h)
      if (more) candidates.push(...more)
    }
    candidates.sort((a, b) => a - b)
    let head: string | null = null
    const out: Detection[] = []
    for (const i of candidates) {
      const s = schemes[i]!
      const evidence: string[] = []
      let score = 0
      s.detect!.headers.forEach((h, k) => {
        if (first.has(h)) {
          score += k === 0 ? 10 : 3
          evidence.push(`header ${h}`)
        }
      })
      const sigName = signatureHeaders[i]
      const shape = sigName ? signatureShape(s, first.get(sigName)?.trim()) : null
      if (shape) {
        score += shape.score
        evidence.push(shape.evidence)
      }
      const hint = s.detect!.bodyHint
      if (hint && (head ??= fromUtf8(req.body.subarray(0, 64 * 1024))).includes(hint)) {
        score += 2
        evidence.push(`body contains ${hint}`)
      }
      if (score > 0) out.push({ scheme: s.id, name: s.name, score, evidence })
    }
    // More specific matches (more evidence) first; ties keep the catalog order.
    return out.sort((a, b) => b.score - a.score)
  }
}

const HMAC_BYTES: Partial<Record<SchemeDefinition['algorithm'], number>> = {
  'hmac-sha1': 20,
  'hmac-sha256': 32,
  'hmac-sha512': 64
}

/**
 * Whether the signature header's value has the scheme's form — its prefix (`sha1=`), its `v1=` key,
 * its list item prefix (`v1,` vs `v1a,`), or, for a bare digest, its length — which tells apart
 * providers that use one header name (x-signature: TikiNOW `sha1=…`, Lemon Squeezy 64 hex digits).
 */
function signatureShape(s: SchemeDefinition, value: string | undefined): { score: number; evidence: string } | null {
  if (!value) return null
  const f = s.signature.format
  const fits = (ok: boolean, what: string) =>
    ok ? { score: 4, evidence: `signature ${what}` } : { score: -6, evidence: `signature not ${what}` }
  if (f.kind === 'prefixed') return fits(value.startsWith(f.prefix), `starts with ${f.prefix}`)
  if (f.kind === 'kv')
    return fits(
      value.split(f.pairSeparator).some((p) => p.trim().startsWith(f.signatureKey + (f.kvSeparator ?? '='))),
      `has ${f.signatureKey}=`
    )
  if (f.kind === 'base64-json') return fits(base64JsonHas(value, f.field), `base64 JSON with "${f.field}"`)
  if (f.kind === 'list' && f.itemPrefix)
    return fits(
      value.split(f.separator).some((p) => p.startsWith(f.itemPrefix!)),
      `has ${f.itemPrefix}`
    )
  const bytes = HMAC_BYTES[s.algorithm]
  if (f.kind !== 'plain' || !bytes || s.signature.urlEncoded) return null
  const enc = s.signature.encoding
  const length = enc === 'hex' || enc === 'hex-upper' ? bytes * 2 : enc === 'base64' ? Math.ceil(bytes / 3) * 4 : null
  return length === null ? null : fits(value.length === length, `${length} characters long`)
}

/** Whether a header value is base64 of a JSON object with this member (eBay's X-EBAY-SIGNATURE). */
function base64JsonHas(value: string, field: string): boolean {
  try {
    const doc: unknown = JSON.parse(fromUtf8(base64ToBytes(value)))
    return !!doc && typeof doc === 'object' && Object.hasOwn(doc, field)
  } catch {
    return false
  }
}
