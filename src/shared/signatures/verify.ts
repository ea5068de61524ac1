import { headerValue } from '../http/headers'
import { timingSafeEqual } from '../bytes'
import { decodeSignature, encodeSignature, formatSignatureField, parseSignatureField, timestampMs } from './codec'
import { bodyCoverage, buildContent, ContentError, type ContentContext } from './content'
import { diagnose } from './diagnostics'
import { isAsymmetric, KeyError, parseAsymmetricKey, publicFromPrivate, secretBytes } from './keys'
import { describeLocation, readSignatureField, readTimestamp } from './location'
import { digest, isDigest, verifyAsymmetric } from './primitives'
import { rsaFindings } from './rsa-recover'
import type { FailureReason, Finding, KeyInput, SchemeDefinition, SignableRequest, VerifyOptions, VerifyResult } from './types'

/** Prepares what one key contributes: HMAC/hash secret bytes, or a public key to verify with. */
async function verifierFor(key: KeyInput, scheme: SchemeDefinition): Promise<{ secret: Uint8Array | null; publicKey: CryptoKey | null }> {
  if (!isAsymmetric(scheme.algorithm)) return { secret: secretBytes(key, scheme), publicKey: null }
  const parsed = await parseAsymmetricKey(key, scheme)
  if (parsed.kind === 'secret') throw new KeyError('Expected a public key.')
  return { secret: null, publicKey: parsed.kind === 'public' ? parsed.key : await publicFromPrivate(parsed.key) }
}

export interface MatchAttempt {
  content: Uint8Array
  matched: boolean
  expected: string | null
}

/** Checks candidate signatures against one key and one content reading. */
export async function checkContent(
  scheme: SchemeDefinition,
  content: Uint8Array,
  candidates: Uint8Array[],
  secret: Uint8Array | null,
  publicKey: CryptoKey | null
): Promise<MatchAttempt> {
  if (scheme.algorithm === 'token') {
    const expected = secret ?? new Uint8Array()
    return { content, matched: candidates.some((c) => timingSafeEqual(c, expected)), expected: encodeSignature(expected, scheme.signature) }
  }
  if (isDigest(scheme.algorithm)) {
    const mac = await digest(scheme.algorithm, secret!, content)
    return { content, matched: candidates.some((c) => timingSafeEqual(c, mac)), expected: encodeSignature(mac, scheme.signature) }
  }
  for (const c of candidates) {
    if (await verifyAsymmetric(scheme.algorithm, publicKey!, c, content, scheme.signature.ecdsaForm)) {
      return { content, matched: true, expected: null }
    }
  }
  return { content, matched: false, expected: null }
}

function baseResult(scheme: SchemeDefinition): VerifyResult {
  return {
    valid: false,
    reason: null,
    scheme: scheme.id,
    message: '',
    signedContent: null,
    expected: null,
    received: null,
    matchedKey: null,
    timestamp: null,
    bodyCovered: bodyCoverage(scheme.signedContent).kind === 'all',
    coverage: bodyCoverage(scheme.signedContent),
    notices: scheme.notice ? [scheme.notice] : [],
    diagnosis: []
  }
}

function fail(r: VerifyResult, reason: FailureReason, message: string): VerifyResult {
  return { ...r, valid: false, reason, message }
}

/** A delivery this scheme cannot check at all (a version it does not have), and why. */
export function notChecked(scheme: SchemeDefinition, message: string): VerifyResult {
  return fail(baseResult(scheme), 'invalid-scheme', message)
}

/**
 * Verifies a request against a scheme with one or more keys (rotation). Never throws for an
 * expected failure: the result says what was checked, what was expected and why it failed.
 */
/** Verifies with the scheme as written; `verify` (variants.ts) applies the scheme's variants first. */
export async function verifyPlain(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions
): Promise<VerifyResult> {
  let r = baseResult(scheme)
  const loc = scheme.signature
  const raw = readSignatureField(req, loc)
  const parsed = raw === undefined ? null : parseSignatureField(raw, loc.format)
  // `otherwise`: findings to give when no variant of the request explains the failure.
  const explain = async (
    res: VerifyResult,
    ts: string | null,
    id: string | null,
    otherwise?: () => Promise<Finding[]>
  ): Promise<VerifyResult> => {
    if (opts.diagnose === false) return res
    const found = await diagnose(req, keys, scheme, opts, { parsed, timestamp: ts, id, verify: verifyPlain }, raw)
    return { ...res, diagnosis: found.length || !otherwise ? found : await otherwise() }
  }
  if (raw === undefined) {
    return explain(
      fail(r, 'missing-header', `The request has no ${describeLocation(loc)}, where ${scheme.name} puts its signature.`),
      null,
      null
    )
  }
  r.received = raw
  if (!parsed) {
    return explain(
      fail(r, 'malformed-signature', `The ${describeLocation(loc)} is not in the expected format (${formatHint(scheme)}).`),
      null,
      null
    )
  }

  let ts: string | null = null
  let stale = false
  if (scheme.timestamp) {
    const value = readTimestamp(req, scheme.timestamp, parsed)
    if (value === undefined) return fail(r, 'missing-timestamp', `The request carries no timestamp (${timestampWhere(scheme)}).`)
    const ms = timestampMs(value, scheme.timestamp.unit)
    if (Number.isNaN(ms)) return fail(r, 'malformed-timestamp', `The timestamp "${value}" is not ${unitName(scheme.timestamp.unit)}.`)
    const ageSec = (opts.now - ms) / 1000
    const tol = scheme.timestamp.toleranceSec ?? null
    r.timestamp = { value, ageSec, toleranceSec: tol }
    stale = tol !== null && Math.abs(ageSec) > tol
    ts = value
  }
  const id = scheme.deliveryId ? (headerValue(req.headers, scheme.deliveryId.header) ?? null) : null
  if (scheme.deliveryId && id === null)
    return fail(r, 'missing-id', `The request has no ${scheme.deliveryId.header} header (the delivery id is signed).`)
  if (keys.length === 0) return fail(r, 'no-key', 'No key was given to verify with.')

  const candidates: Uint8Array[] = []
  for (const c of parsed.candidates) {
    try {
      candidates.push(decodeSignature(c, loc))
    } catch {
      /* counted below */
    }
  }
  if (candidates.length === 0) {
    return explain(
      fail(r, 'malformed-signature', `The signature is not valid ${loc.urlEncoded ? 'URL-encoded ' : ''}${loc.encoding}.`),
      ts,
      id
    )
  }

  // The expected value as it would appear in the field, so it lines up with `received`.
  const shown = (encoded: string | null, t: string | null): string | null =>
    encoded === null ? null : formatSignatureField(encoded, loc.format, t)
  const keyErrors: string[] = []
  const publicKeys: CryptoKey[] = []
  let firstAttempt: MatchAttempt | null = null
  for (let i = 0; i < keys.length; i++) {
    let prepared: { secret: Uint8Array | null; publicKey: CryptoKey | null }
    try {
      prepared = await verifierFor(keys[i]!, scheme)
    } catch (err) {
      keyErrors.push(`key ${i + 1}: ${(err as Error).message}`)
      continue
    }
    if (prepared.publicKey) publicKeys.push(prepared.publicKey)
    const ctx: ContentContext = { timestamp: ts, id, secret: prepared.secret, params: opts.params ?? {} }
    let content: Uint8Array
    try {
      content = buildContent(scheme.signedContent, req, ctx)
    } catch (err) {
      if (err instanceof ContentError) return fail(r, err.reason, err.message)
      throw err
    }
    const attempt = await checkContent(scheme, content, candidates, prepared.secret, prepared.publicKey)
    firstAttempt ??= attempt
    if (attempt.matched) {
      r = { ...r, signedContent: content, expected: shown(attempt.expected, ts), matchedKey: i }
      if (stale) {
        const staleResult = fail(
          r,
          'stale-timestamp',
          `The signature matches, but the timestamp is ${Math.round(Math.abs(r.timestamp!.ageSec))} s ` +
            `${r.timestamp!.ageSec >= 0 ? 'old' : 'in the future'}; ${scheme.name} allows ${r.timestamp!.toleranceSec} s.`
        )
        return explain(staleResult, ts, id)
      }
      const who = keys.length > 1 ? ` with key ${i + 1}${keys[i]!.label ? ` (${keys[i]!.label})` : ''}` : ''
      const rotated =
        i > 0
          ? [
              {
                kind: 'other-key',
                message: `Key ${i + 1} matched, not key 1: the sender signs with another of your keys.`,
                fix: 'If key 1 is the current one, the sender has not rotated yet (or the other way round).'
              }
            ]
          : []
      return {
        ...r,
        diagnosis: rotated,
        valid: true,
        reason: null,
        message: `Valid ${scheme.name} signature${who}.${
          r.bodyCovered
            ? ''
            : r.coverage.kind === 'fields'
              ? ` Only these body fields are signed: ${r.coverage.fields.join(', ')}.`
              : ' The body is NOT covered by this signature.'
        }`
      }
    }
  }
  if (!firstAttempt) return fail(r, 'unsupported-key', `No key could be used: ${keyErrors.join('; ')}`)
  r = { ...r, signedContent: firstAttempt.content, expected: shown(firstAttempt.expected, ts) }
  r = fail(r, 'signature-mismatch', `The signature does not match the ${scheme.name} signature computed over the content below.`)
  // RSA PKCS#1 v1.5 opens with the public key: other bytes, another hash or another key, told apart.
  const content = firstAttempt.content
  return explain(r, ts, id, () => rsaFindings(scheme.algorithm, publicKeys, candidates, content))
}

function unitName(u: 's' | 'ms' | 'rfc3339'): string {
  return u === 's' ? 'epoch seconds' : u === 'ms' ? 'epoch milliseconds' : 'an RFC 3339 time'
}

function timestampWhere(s: SchemeDefinition): string {
  const t = s.timestamp!
  return t.fromSignature ? `inside the ${describeLocation(s.signature)}` : t.header ? `${t.header} header` : `"${t.query}" query parameter`
}

function formatHint(s: SchemeDefinition): string {
  const f = s.signature.format
  if (f.kind === 'prefixed') return `"${f.prefix}" followed by the ${s.signature.encoding} signature`
  if (f.kind === 'kv') return `${f.timestampKey ? `${f.timestampKey}=…${f.pairSeparator}` : ''}${f.signatureKey}${f.kvSeparator}…`
  if (f.kind === 'list') return `"${f.itemPrefix ?? ''}<signature>" items separated by "${f.separator}"`
  return `a ${s.signature.encoding} signature`
}
