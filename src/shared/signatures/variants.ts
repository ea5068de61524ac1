import { headerValue } from '../http/headers'
import { fromUtf8, toHex, utf8 } from '../bytes'
import { parseForm, queryParam } from './content'
import { digest } from './primitives'
import { setQuery } from './location'
import { signPlain, type SignResult } from './sign'
import { notChecked, verifyPlain } from './verify'
import { portVariants, versionOf, versionValue } from './versions'
import { batchItems, itemOf, verifyItems } from './items'
import type {
  ContentPart,
  KeyInput,
  SchemeDefinition,
  SignableRequest,
  SignOptions,
  VerifyOptions,
  VerifyResult
} from './types'

/**
 * Variants a provider documents inside one scheme, applied the same way by verify and sign:
 * header-name aliases (Standard Webhooks sent with svix-* headers, Shopify's Events header)
 * and a body digest carried in the URL (Twilio's JSON deliveries sign the URL, whose
 * bodySHA256 parameter is the body's SHA-256).
 */

/** The request with each absent canonical header filled from its first present alias, and what was read. */
export function withCanonicalHeaders(
  req: SignableRequest,
  scheme: SchemeDefinition
): { req: SignableRequest; read: string[] } {
  const aliases = scheme.headerAliases
  if (!aliases) return { req, read: [] }
  const added: [string, string][] = []
  const read: string[] = []
  for (const [canonical, alts] of Object.entries(aliases)) {
    if (headerValue(req.headers, canonical) !== undefined) continue
    for (const alt of alts) {
      const v = headerValue(req.headers, alt)
      if (v === undefined) continue
      added.push([canonical, v])
      read.push(`${alt} as ${canonical}`)
      break
    }
  }
  return added.length ? { req: { ...req, headers: [...req.headers, ...added] }, read } : { req, read }
}

/** Whether this request uses the scheme's body-digest variant (the URL carries the digest parameter). */
export function bodyDigestValue(req: SignableRequest, scheme: SchemeDefinition): string | undefined {
  return scheme.bodyDigestQuery ? queryParam(req.url, scheme.bodyDigestQuery) : undefined
}

/** The signed content for the body-digest variant: the form parameters are not part of it. */
export function contentForVariant(scheme: SchemeDefinition, digestVariant: boolean): ContentPart[] {
  return digestVariant
    ? scheme.signedContent.filter((p) => !('part' in p && p.part === 'form-sorted'))
    : scheme.signedContent
}

export async function bodySha256Hex(body: Uint8Array): Promise<string> {
  return toHex(await digest('sha256', new Uint8Array(0), body))
}

/** A body that is not form-encoded is sent with its digest in the URL (Twilio's JSON rule). */
export function usesBodyDigest(req: SignableRequest, scheme: SchemeDefinition): boolean {
  if (!scheme.bodyDigestQuery) return false
  const type = (headerValue(req.headers, 'content-type') ?? '').toLowerCase()
  return req.body.length > 0 && !type.startsWith('application/x-www-form-urlencoded')
}

/**
 * With several signature headers (Box's primary and secondary, DocuSign's -1…-N), each present one
 * is checked and any match is valid; the result says which. Otherwise the one location as written.
 */
async function verifyEachHeader(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions
): Promise<VerifyResult> {
  const loc = scheme.signature
  const present =
    loc.header && loc.alsoHeaders
      ? [loc.header, ...loc.alsoHeaders].filter((h) => headerValue(req.headers, h) !== undefined)
      : []
  if (present.length <= 1) {
    const only = present[0]
    return verifyPlain(
      req,
      keys,
      only && only !== loc.header ? { ...scheme, signature: { ...loc, header: only } } : scheme,
      opts
    )
  }
  let first: VerifyResult | null = null
  for (const header of present) {
    const r = await verifyPlain(req, keys, { ...scheme, signature: { ...loc, header } }, opts)
    if (r.valid) return { ...r, notices: [...r.notices, `${header} matched (${present.join(', ')} were checked).`] }
    first ??= r
  }
  return { ...first!, message: `${first!.message} None of ${present.join(', ')} matched.` }
}

/** A form whose every field is signed is covered whole (UseePay's single data field). */
function wholeFormCovered(req: SignableRequest, r: VerifyResult): VerifyResult {
  if (r.coverage.kind !== 'fields') return r
  const type = (headerValue(req.headers, 'content-type') ?? '').toLowerCase()
  if (!type.startsWith('application/x-www-form-urlencoded')) return r
  const names = parseForm(fromUtf8(req.body)).map(([k]) => k)
  if (names.length === 0 || !names.every((n) => r.coverage.fields.includes(n))) return r
  return {
    ...r,
    bodyCovered: true,
    coverage: { kind: 'all', fields: [] },
    message: r.message.replace(/ Only these body fields are signed: [^.]*\./, '')
  }
}

/** The scheme with one named reading of its signed content in place of the main one. */
function reading(scheme: SchemeDefinition, variant: string | undefined): SchemeDefinition {
  if (!variant || variant === 'main') return scheme
  const alt = scheme.alternatives?.find((a) => a.label === variant)
  if (!alt) throw new Error(`${scheme.name} has no reading "${variant}".`)
  return { ...scheme, signedContent: alt.signedContent, alternatives: [] }
}

/**
 * Where a provider documents several possible signed strings, each is part of the verdict: the
 * main reading first, then each alternative; the one that matched is named (list and detail agree).
 * An endpoint may pin one reading.
 */
async function verifyReadings(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions
): Promise<VerifyResult> {
  if (opts.variant && opts.variant !== 'main') {
    const r = await verifyEachHeader(req, keys, reading(scheme, opts.variant), opts)
    return { ...r, variant: opts.variant }
  }
  // Pinned to the main reading, the alternatives still explain a mismatch (as findings).
  const main = await verifyEachHeader(req, keys, scheme, opts)
  if (main.valid || main.reason !== 'signature-mismatch' || !scheme.alternatives?.length || opts.variant === 'main')
    return { ...main, variant: null }
  for (const alt of scheme.alternatives) {
    const r = await verifyEachHeader(req, keys, reading(scheme, alt.label), { ...opts, diagnose: false })
    if (r.valid) {
      return {
        ...r,
        variant: alt.label,
        message: `${r.message} The signed content is ${alt.label}.`,
        notices: [...r.notices, `Matched the reading: ${alt.label}.`]
      }
    }
  }
  return { ...main, variant: null }
}

/** Verifies a request: its version's scheme, the scheme's variants, then the signature. */
export async function verify(
  request: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  options: VerifyOptions
): Promise<VerifyResult> {
  const version = versionOf(request, scheme)
  if (version && 'refused' in version) return notChecked(scheme, version.refused)
  if (version) {
    const r = await verify(request, keys, version, options)
    const v = scheme.versionedBy!
    const named =
      v.header !== undefined
        ? `${v.header}: ${headerValue(request.headers, v.header)}`
        : `${v.jsonField} ${versionValue(request, v)}`
    return { ...r, notices: [...r.notices, `${named} — checked as ${version.name}.`] }
  }
  const r = await verifyAsGiven(request, keys, scheme, options)
  if (r.valid || r.reason !== 'signature-mismatch' || !scheme.urlPortVariants) return r
  // The sender may have signed the URL with its default port written out, or without it (Twilio's SDKs accept both).
  for (const url of portVariants(request.url)) {
    const alt = await verifyAsGiven({ ...request, url }, keys, scheme, { ...options, diagnose: false })
    if (alt.valid)
      return {
        ...alt,
        notices: [
          ...alt.notices,
          `Signed over ${url} (the default port ` +
            `${url.length > request.url.length ? 'written out' : 'left out'}), as ${scheme.name}'s SDKs accept.`
        ]
      }
  }
  return r
}

async function verifyAsGiven(
  request: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  options: VerifyOptions
): Promise<VerifyResult> {
  const pinned = options.variant ?? options.params?.variant
  const opts = pinned ? { ...options, variant: pinned } : options
  const { req, read } = withCanonicalHeaders(request, scheme)
  const claimed = bodyDigestValue(req, scheme)
  const effective = claimed === undefined ? scheme : { ...scheme, signedContent: contentForVariant(scheme, true) }
  let r =
    (await verifyItems(req, keys, effective, opts, verifyReadings)) ??
    wholeFormCovered(req, await verifyReadings(req, keys, effective, opts))
  if (read.length)
    r = { ...r, notices: [...r.notices, `Read ${read.join(', ')}: the same scheme under other header names.`] }
  if (claimed === undefined) return r
  const actual = await bodySha256Hex(req.body)
  if (actual !== claimed.toLowerCase()) {
    const why =
      `The body's SHA-256 is ${actual}, not the ${scheme.bodyDigestQuery} ` +
      `in the URL (${claimed}): the body was changed after signing.`
    return {
      ...r,
      valid: false,
      reason: r.valid ? 'signature-mismatch' : r.reason,
      message: r.valid ? `The signature over the URL matches, but the body does not. ${why}` : `${r.message} ${why}`
    }
  }
  return {
    ...r,
    bodyCovered: true,
    coverage: { kind: 'all', fields: [] },
    notices: [...r.notices, `The URL is signed and the body matches its ${scheme.bodyDigestQuery} (a JSON delivery).`]
  }
}

/** Signs a request: the scheme's variants, then the signature (and timestamp / id) where the scheme reads them. */
export async function sign(
  request: SignableRequest,
  key: KeyInput,
  scheme0: SchemeDefinition,
  opts: SignOptions
): Promise<SignResult> {
  // A reading pinned by the caller, or by the endpoint's / composer's "variant" setting.
  const scheme = reading(scheme0, opts.variant ?? opts.params?.variant)
  const batch = scheme.items ? batchItems(request.body, scheme.items) : null
  if (batch && batch.list.length > 0) {
    // Each item signed on its own, in place; the body is re-serialised once.
    let first: SignResult | null = null
    for (let i = 0; i < batch.list.length; i++) {
      const el = batch.list[i]
      const item = itemOf(el, scheme.items!.field) ?? {}
      const signed = await signPlain(
        { ...request, body: utf8(JSON.stringify(item)) },
        key,
        { ...scheme, items: undefined },
        opts
      )
      const value = JSON.parse(fromUtf8(signed.request.body)) as unknown
      if (scheme.items!.field && el && typeof el === 'object')
        (el as Record<string, unknown>)[scheme.items!.field] = value
      else batch.list[i] = value
      first ??= signed
    }
    return {
      request: { ...first!.request, body: utf8(JSON.stringify(batch.doc)) },
      signedContent: first!.signedContent,
      signature: first!.signature
    }
  }
  if (!usesBodyDigest(request, scheme)) return signPlain(request, key, scheme, opts)
  const url = setQuery(request.url, scheme.bodyDigestQuery!, await bodySha256Hex(request.body))
  return signPlain({ ...request, url }, key, { ...scheme, signedContent: contentForVariant(scheme, true) }, opts)
}
