import { fromUtf8, utf8 } from '../bytes'
import type { ParsedField } from './codec'
import { bodyCoverage, parseForm } from './content'
import { isAsymmetric } from './keys'
import { isDigest } from './primitives'
import type { Finding, KeyInput, SchemeDefinition, SignableRequest, SignatureEncoding, VerifyOptions, VerifyResult } from './types'

/** The engine's verify, passed in so that diagnostics and the engine do not import each other. */
export type Verifier = (req: SignableRequest, keys: readonly KeyInput[], scheme: SchemeDefinition, opts: VerifyOptions) => Promise<VerifyResult>

export interface DiagnoseContext {
  parsed: ParsedField | null
  timestamp: string | null
  id: string | null
  verify: Verifier
}

type Variant = { req?: SignableRequest; scheme?: SchemeDefinition; keys?: readonly KeyInput[]; finding: Finding }

async function accepts(verify: Verifier, req: SignableRequest, keys: readonly KeyInput[], scheme: SchemeDefinition, opts: VerifyOptions): Promise<boolean> {
  const r = await verify(req, keys, scheme, { ...opts, diagnose: false })
  return r.valid || r.reason === 'stale-timestamp'
}

const withBody = (req: SignableRequest, body: string | Uint8Array): SignableRequest => ({
  ...req,
  body: typeof body === 'string' ? utf8(body) : body
})

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
    )
  }
  return v
}

function bodyVariants(req: SignableRequest): Variant[] {
  const text = fromUtf8(req.body)
  const out: Variant[] = []
  const add = (body: string, kind: string, message: string, fix: string): void => {
    if (body !== text) out.push({ req: withBody(req, body), finding: { kind, message, fix } })
  }
  add(
    text.replace(/\r?\n$/, ''),
    'body-trailing-newline-added',
    'The signature matches the body without its final newline: a newline was added after signing.',
    'Verify the raw bytes as received, and find what appends a newline (a proxy, a logging middleware, an editor saving the fixture).'
  )
  add(
    text + '\n',
    'body-trailing-newline-removed',
    'The signature matches the body with a final newline: the sender signed a newline that is not in the body received.',
    'Keep the body byte-exact; do not trim it before verifying.'
  )
  if (text.includes('\r\n'))
    add(
      text.replace(/\r\n/g, '\n'),
      'body-crlf',
      'The signature matches the body with CRLF line ends turned into LF: line ends were changed after signing.',
      'Read the body as bytes (no text mode, no git autocrlf on fixtures).'
    )
  else if (text.includes('\n'))
    add(
      text.replace(/\n/g, '\r\n'),
      'body-lf',
      'The signature matches the body with LF line ends turned into CRLF: line ends were changed after signing.',
      'Read the body as bytes (no text mode, no git autocrlf on fixtures).'
    )
  let json: unknown
  let isJson = false
  try {
    json = JSON.parse(text)
    isJson = true
  } catch {
    /* not JSON */
  }
  if (isJson) {
    const fix = 'Verify the raw body bytes, before any JSON parsing: in Express use express.raw(), not express.json().'
    add(
      JSON.stringify(json),
      'body-json-compact',
      'The signature matches the JSON re-serialised compactly: the body was parsed and re-serialised before verifying (or by the sender).',
      fix
    )
    add(JSON.stringify(json, null, 2), 'body-json-pretty', 'The signature matches the JSON pretty-printed: the body was parsed and re-formatted.', fix)
    add(
      JSON.stringify(sortKeys(json)),
      'body-json-sorted',
      'The signature matches the JSON with its keys sorted: the body was parsed and re-serialised with sorted keys.',
      fix
    )
  }
  try {
    add(
      decodeURIComponent(text.replace(/\+/g, ' ')),
      'body-url-decoded',
      'The signature matches the URL-decoded body: the sender signed the decoded text, not the bytes it sent.',
      'Verify over the URL-decoded body for this sender.'
    )
  } catch {
    /* not URL-encoded */
  }
  const data = parseForm(text).find(([k]) => k === 'data')
  if (data)
    add(
      data[1],
      'body-form-data-field',
      'The signature matches only the decoded value of the form field "data", not the whole body.',
      'Verify over the URL-decoded value of data= (UseePay form deliveries work this way).'
    )
  return out
}

function keyVariants(keys: readonly KeyInput[], scheme: SchemeDefinition): Variant[] {
  if (isAsymmetric(scheme.algorithm) || keys.some((k) => typeof k.material !== 'string')) return []
  const out: Variant[] = []
  const forms: { form: 'utf8' | 'hex' | 'base64'; said: string }[] = [
    { form: 'utf8', said: 'as UTF-8 text' },
    { form: 'base64', said: 'base64-decoded' },
    { form: 'hex', said: 'hex-decoded' }
  ]
  for (const f of forms) {
    if (f.form === scheme.key.form) continue
    out.push({
      scheme: { ...scheme, key: { ...scheme.key, form: f.form } },
      finding: {
        kind: `secret-${f.form}`,
        message: `The signature matches when the secret is used ${f.said}; ${scheme.name} uses it ${forms.find((x) => x.form === scheme.key.form)?.said ?? scheme.key.form}.`,
        fix: `Use the secret ${f.said} (or, if you are the sender, sign with it ${forms.find((x) => x.form === scheme.key.form)?.said ?? scheme.key.form}).`
      }
    })
  }
  const prefixes = scheme.key.prefix ? [scheme.key.prefix] : ['whsec_', 'whpk_', 'sk_', 'SEC']
  for (const p of prefixes) {
    const has = keys.filter((k) => (k.material as string).startsWith(p))
    if (scheme.key.prefix) {
      // The scheme strips the prefix; maybe the sender signed with it kept.
      out.push({
        scheme: { ...scheme, key: { form: 'utf8' } },
        finding: {
          kind: 'secret-prefix-kept',
          message: `The signature matches with the whole secret, "${p}" prefix included, used as text.`,
          fix: `Strip "${p}" and base64-decode the rest, as ${scheme.name} specifies.`
        }
      })
    } else if (has.length) {
      const stripped = keys.map((k) => ({ ...k, material: (k.material as string).replace(new RegExp('^' + p), '') }))
      out.push({
        keys: stripped,
        finding: {
          kind: 'secret-prefix-stripped',
          message: `The signature matches with the "${p}" prefix removed from the secret.`,
          fix: `Remove "${p}" from the secret before using it.`
        }
      })
      for (const form of ['base64', 'hex'] as const) {
        if (form === scheme.key.form) continue
        out.push({
          keys: stripped,
          scheme: { ...scheme, key: { ...scheme.key, form } },
          finding: {
            kind: `secret-prefix-stripped-${form}`,
            message: `The signature matches with the "${p}" prefix removed and the rest ${form}-decoded (the Standard Webhooks / Svix convention); ${scheme.name} uses the whole secret as text.`,
            fix: `Sign with the secret exactly as given${scheme.id === 'stripe' ? ' (Stripe: the whole whsec_… string as UTF-8)' : ''}, or verify with the scheme the sender really follows.`
          }
        })
      }
    }
  }
  return out
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
      finding: { kind: 'signature-prefix-missing', message: `The signature has no "${f.prefix}" prefix.`, fix: `Send "${f.prefix}<signature>".` }
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
  if (f.kind === 'prefixed' && /^sha(1|256|512)=$/i.test(f.prefix) && named && `${named[1]!.toLowerCase()}=` !== f.prefix.toLowerCase()) {
    const algorithm = `hmac-${named[1]!.toLowerCase()}` as SchemeDefinition['algorithm']
    if (scheme.algorithm.startsWith('hmac-') && algorithm !== scheme.algorithm) {
      return [
        {
          scheme: { ...scheme, algorithm, signature: { ...scheme.signature, format: { kind: 'prefixed', prefix: named[0]! } } },
          finding: {
            kind: `digest-${named[1]!.toLowerCase()}`,
            message: `The signature is ${algorithm.toUpperCase()} ("${named[0]}…"); ${scheme.name} uses ${scheme.algorithm.toUpperCase()} ("${f.prefix}…").`,
            fix: `Compute ${scheme.algorithm.toUpperCase()} and send "${f.prefix}<hex>".`
          }
        }
      ]
    }
  }
  const family = scheme.algorithm.startsWith('hmac-') ? (['hmac-sha1', 'hmac-sha256', 'hmac-sha512'] as const) : (['sha1', 'sha256'] as const)
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
      : { kind: 'timestamp-seconds', message: 'The timestamp is in seconds; this scheme expects milliseconds.', fix: 'Send Date.now() (milliseconds).' }
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
  const variants: Variant[] = [...keyVariants(keys, scheme), ...signatureVariants(req, scheme, raw), ...digestVariants(scheme, raw), ...bodyHints]
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
