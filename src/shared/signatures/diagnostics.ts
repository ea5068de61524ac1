import type { ParsedField } from './codec'
import { bodyCoverage } from './coverage'
import { isDigest } from './primitives'
import type {
  Finding,
  KeyInput,
  SchemeDefinition,
  SignableRequest,
  SignatureEncoding,
  VerifyOptions,
  VerifyResult
} from './types'
import { bodyVariants, keyVariants, type Variant } from './diagnostic-variants'

/** The engine's verify, passed in so that diagnostics and the engine do not import each other. */
export type Verifier = (
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions
) => Promise<VerifyResult>

export interface DiagnoseContext {
  parsed: ParsedField | null
  timestamp: string | null
  id: string | null
  verify: Verifier
}

async function accepts(
  verify: Verifier,
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions
): Promise<boolean> {
  const r = await verify(req, keys, scheme, { ...opts, diagnose: false })
  return r.valid || r.reason === 'stale-timestamp'
}

const ENCODINGS: SignatureEncoding[] = ['hex', 'base64', 'base64url-nopad']

function signatureVariants(req: SignableRequest, scheme: SchemeDefinition, raw: string | undefined): Variant[] {
  const out: Variant[] = []
  const loc = scheme.signature
  for (const encoding of ENCODINGS) {
    const same =
      encoding === loc.encoding ||
      (encoding.startsWith('hex') && loc.encoding.startsWith('hex')) ||
      (encoding.startsWith('base64url') && loc.encoding.startsWith('base64url'))
    if (!same) {
      out.push({
        scheme: { ...scheme, signature: { ...loc, encoding } },
        finding: {
          kind: `signature-${encoding.replace('-nopad', '')}`,
          message: `The signature is ${encoding.replace('-nopad', '')}-encoded; ${scheme.name} sends ${loc.encoding}.`,
          fix: `Encode the signature as ${loc.encoding}.`
        }
      })
    }
  }
  out.push({
    scheme: { ...scheme, signature: { ...loc, urlEncoded: !loc.urlEncoded } },
    finding: loc.urlEncoded
      ? {
          kind: 'signature-not-url-encoded',
          message: 'The signature is not URL-encoded, but this scheme URL-encodes it.',
          fix: 'Percent-encode the base64 signature (+ → %2B, / → %2F, = → %3D).'
        }
      : {
          kind: 'signature-url-encoded',
          message: 'The signature is URL-encoded (%2B, %2F, %3D), but this scheme sends it plain.',
          fix: 'URL-decode the signature before comparing, or stop encoding it when sending.'
        }
  })
  const f = loc.format
  if (f.kind === 'prefixed') {
    out.push({
      scheme: { ...scheme, signature: { ...loc, format: { kind: 'plain' } } },
      finding: {
        kind: 'signature-prefix-missing',
        message: `The signature has no "${f.prefix}" prefix.`,
        fix: `Send "${f.prefix}<signature>".`
      }
    })
  } else if (f.kind === 'plain' && raw) {
    const m = /^([A-Za-z0-9_-]{1,12}[=:,])/.exec(raw.trim())
    if (m) {
      out.push({
        scheme: { ...scheme, signature: { ...loc, format: { kind: 'prefixed', prefix: m[1]! } } },
        finding: {
          kind: 'signature-prefix-extra',
          message: `The signature carries a "${m[1]}" prefix this scheme does not use.`,
          fix: `Remove "${m[1]}" before comparing.`
        }
      })
    }
  }
  void req
  return out
}

function digestVariants(scheme: SchemeDefinition, raw: string | undefined): Variant[] {
  if (!isDigest(scheme.algorithm)) return []
  // "sha256=…" on a scheme that sends "sha1=…": the prefix names the digest that was used.
  const f = scheme.signature.format
  const named = raw === undefined ? null : /^(sha1|sha256|sha512)=/i.exec(raw.trim())
  if (
    f.kind === 'prefixed' &&
    /^sha(1|256|512)=$/i.test(f.prefix) &&
    named &&
    `${named[1]!.toLowerCase()}=` !== f.prefix.toLowerCase()
  ) {
    const algorithm = `hmac-${named[1]!.toLowerCase()}` as SchemeDefinition['algorithm']
    if (scheme.algorithm.startsWith('hmac-') && algorithm !== scheme.algorithm) {
      return [
        {
          scheme: {
            ...scheme,
            algorithm,
            signature: { ...scheme.signature, format: { kind: 'prefixed', prefix: named[0]! } }
          },
          finding: {
            kind: `digest-${named[1]!.toLowerCase()}`,
            message:
              `The signature is ${algorithm.toUpperCase()} ("${named[0]}…"); ` +
              `${scheme.name} uses ${scheme.algorithm.toUpperCase()} ("${f.prefix}…").`,
            fix: `Compute ${scheme.algorithm.toUpperCase()} and send "${f.prefix}<hex>".`
          }
        }
      ]
    }
  }
  const family = scheme.algorithm.startsWith('hmac-')
    ? (['hmac-sha1', 'hmac-sha256', 'hmac-sha512'] as const)
    : (['sha1', 'sha256'] as const)
  return family
    .filter((a) => a !== scheme.algorithm)
    .map((algorithm) => ({
      scheme: { ...scheme, algorithm },
      finding: {
        kind: `digest-${algorithm.replace('hmac-', '')}`,
        message: `The signature is ${algorithm.toUpperCase()}; ${scheme.name} uses ${scheme.algorithm.toUpperCase()}.`,
        fix: `Compute ${scheme.algorithm.toUpperCase()} (the digest length gives it away: SHA-1 20 bytes, SHA-256 32, SHA-512 64).`
      }
    }))
}

function timestampFinding(scheme: SchemeDefinition, ts: string | null, now: number): Finding | null {
  const rule = scheme.timestamp
  if (!rule || !ts || rule.unit === 'rfc3339' || rule.toleranceSec === undefined || !/^\d+$/.test(ts)) return null
  const v = Number(ts)
  const asOther = rule.unit === 's' ? v : v * 1000
  const ageIfOther = Math.abs(now - asOther) / 1000
  if (ageIfOther <= rule.toleranceSec) {
    return rule.unit === 's'
      ? {
          kind: 'timestamp-milliseconds',
          message: 'The timestamp is in milliseconds; this scheme expects seconds.',
          fix: 'Send Math.floor(Date.now() / 1000).'
        }
      : {
          kind: 'timestamp-seconds',
          message: 'The timestamp is in seconds; this scheme expects milliseconds.',
          fix: 'Send Date.now() (milliseconds).'
        }
  }
  return null
}

/**
 * Runs only after a failure: tries the classic mistakes one at a time and reports each
 * variant that makes the signature valid, as a sentence and a fix.
 */
export async function diagnose(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions,
  ctx: DiagnoseContext,
  raw?: string
): Promise<Finding[]> {
  const findings: Finding[] = []
  const tsFinding = timestampFinding(scheme, ctx.timestamp, opts.now)
  if (tsFinding) findings.push(tsFinding)
  // A stale timestamp means the signature already matched: no other variant can be the mistake.
  if (await accepts(ctx.verify, req, keys, scheme, opts)) return findings
  // Body transformations only explain a mismatch when the whole body is signed.
  const bodyHints = bodyCoverage(scheme.signedContent).kind === 'all' ? bodyVariants(req) : []
  const variants: Variant[] = [
    ...keyVariants(keys, scheme),
    ...signatureVariants(req, scheme, raw),
    ...digestVariants(scheme, raw),
    ...bodyHints
  ]
  for (const alt of scheme.alternatives ?? []) {
    variants.push({
      scheme: { ...scheme, signedContent: alt.signedContent, alternatives: [] },
      finding: {
        kind: 'alternative-content',
        message: `The signature matches when the signed content is ${alt.label}.`,
        fix: `Verify ${scheme.name} deliveries of this kind over ${alt.label}.`
      }
    })
  }
  for (const v of variants) {
    if (await accepts(ctx.verify, v.req ?? req, v.keys ?? keys, v.scheme ?? scheme, opts)) findings.push(v.finding)
  }
  if (findings.length === 0) {
    for (const other of opts.otherSchemes ?? []) {
      if (other.id === scheme.id) continue
      if (await accepts(ctx.verify, req, keys, other, opts)) {
        findings.push({
          kind: 'other-scheme',
          message: `The signature is valid under ${other.name} (${other.id}), not ${scheme.name}: the provider was misidentified.`,
          fix: `Verify this endpoint with the ${other.id} scheme.`
        })
      }
    }
  }
  return findings
}
