import { headerValue } from '../http/headers'
import { decodeSignature, formatSignatureField, parseSignatureField, timestampMs, type ParsedField } from './codec'
import { buildContent, ContentError, type ContentContext } from './content'
import { bodyCoverage } from './coverage'
import { diagnose } from './diagnostics'
import { describeLocation, readSignatureField, readTimestamp } from './location'
import { rsaFindings } from './rsa-recover'
import { checkContent, verifierFor, type MatchAttempt } from './match'
import type {
  FailureReason,
  Finding,
  KeyInput,
  SchemeDefinition,
  SignableRequest,
  VerifyOptions,
  VerifyResult
} from './types'

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
  const where = describeLocation(loc)
  if (raw === undefined)
    return explain(
      fail(r, 'missing-header', `The request has no ${where}, where ${scheme.name} puts its signature.`),
      null,
      null
    )
  r.received = raw
  if (!parsed)
    return explain(
      fail(r, 'malformed-signature', `The ${where} is not in the expected format (${formatHint(scheme)}).`),
      null,
      null
    )

  const time = checkTimestamp(r, req, scheme, parsed, opts.now)
  if ('failed' in time) return time.failed
  const { ts, stale } = time
  const id = deliveryIdOf(req, scheme, parsed)
  if (scheme.deliveryId && id === null)
    return fail(r, 'missing-id', `The request has no ${idWhere(scheme)} (the delivery id is signed).`)
  if (keys.length === 0) return fail(r, 'no-key', 'No key was given to verify with.')

  const candidates = decodeCandidates(parsed.candidates, loc)
  if (candidates.length === 0) {
    return explain(
      fail(
        r,
        'malformed-signature',
        `The signature is not valid ${loc.urlEncoded ? 'URL-encoded ' : ''}${loc.encoding}.`
      ),
      ts,
      id
    )
  }

  // The expected value as it would appear in the field, so it lines up with `received`.
  // Settings the signature header carries (Hygraph's env=) win over the endpoint's.
  const params = { ...opts.params, ...parsed.params }
  const shown = (encoded: string | null, t: string | null): string | null =>
    encoded === null ? null : formatSignatureField(encoded, loc.format, t, id, parsed.params)
  const trial = await tryKeys(req, keys, scheme, { timestamp: ts, id, params }, candidates)
  if (trial.kind === 'content-error') return fail(r, trial.error.reason, trial.error.message)
  if (trial.kind === 'matched') {
    r = {
      ...r,
      signedContent: trial.attempt.content,
      expected: shown(trial.attempt.expected, ts),
      matchedKey: trial.index
    }
    return stale ? explain(staleFailure(r, scheme), ts, id) : validResult(r, scheme, keys, trial.index)
  }
  const { first: firstAttempt, publicKeys, keyErrors } = trial
  if (!firstAttempt) return fail(r, 'unsupported-key', `No key could be used: ${keyErrors.join('; ')}`)
  r = { ...r, signedContent: firstAttempt.content, expected: shown(firstAttempt.expected, ts) }
  r = fail(
    r,
    'signature-mismatch',
    `The signature does not match the ${scheme.name} signature computed over the content below.`
  )
  // RSA PKCS#1 v1.5 opens with the public key: other bytes, another hash or another key, told apart.
  const content = firstAttempt.content
  return explain(r, ts, id, () => rsaFindings(scheme.algorithm, publicKeys, candidates, content))
}

type KeyTrial =
  | { kind: 'matched'; index: number; attempt: MatchAttempt }
  | { kind: 'content-error'; error: ContentError }
  | { kind: 'none'; first: MatchAttempt | null; publicKeys: CryptoKey[]; keyErrors: string[] }

/** Each key in turn (rotation) until one matches: the content it signs is built with that key's secret. */
async function tryKeys(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  base: Omit<ContentContext, 'secret'>,
  candidates: Uint8Array[]
): Promise<KeyTrial> {
  const keyErrors: string[] = []
  const publicKeys: CryptoKey[] = []
  let first: MatchAttempt | null = null
  for (let i = 0; i < keys.length; i++) {
    let prepared: { secret: Uint8Array | null; publicKey: CryptoKey | null }
    try {
      prepared = await verifierFor(keys[i]!, scheme)
    } catch (err) {
      keyErrors.push(`key ${i + 1}: ${(err as Error).message}`)
      continue
    }
    if (prepared.publicKey) publicKeys.push(prepared.publicKey)
    let content: Uint8Array
    try {
      content = buildContent(scheme.signedContent, req, { ...base, secret: prepared.secret })
    } catch (err) {
      if (err instanceof ContentError) return { kind: 'content-error', error: err }
      throw err
    }
    const attempt = await checkContent(scheme, content, candidates, prepared.secret, prepared.publicKey)
    first ??= attempt
    if (attempt.matched) return { kind: 'matched', index: i, attempt }
  }
  return { kind: 'none', first, publicKeys, keyErrors }
}

/** The signatures that decode (the others are left out: none left is a malformed signature). */
function decodeCandidates(encoded: readonly string[], loc: SchemeDefinition['signature']): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const c of encoded) {
    try {
      out.push(decodeSignature(c, loc))
    } catch {
      /* counted by the caller */
    }
  }
  return out
}

/** The delivery id (or nonce) the signed content names: from its header, or from the signature header. */
function deliveryIdOf(req: SignableRequest, scheme: SchemeDefinition, parsed: ParsedField): string | null {
  const rule = scheme.deliveryId
  if (!rule) return null
  return (rule.header ? headerValue(req.headers, rule.header) : parsed.id) ?? null
}

function idWhere(scheme: SchemeDefinition): string {
  const rule = scheme.deliveryId!
  const f = scheme.signature.format
  return rule.header ? `${rule.header} header` : `${f.kind === 'kv' ? f.idKey : 'id'}= in the signature`
}

/** The timestamp the request carries, noted in the result with its age; a failed result when it has none or an unreadable one. */
function checkTimestamp(
  r: VerifyResult,
  req: SignableRequest,
  scheme: SchemeDefinition,
  parsed: ParsedField,
  now: number
): { ts: string | null; stale: boolean } | { failed: VerifyResult } {
  if (!scheme.timestamp) return { ts: null, stale: false }
  const value = readTimestamp(req, scheme.timestamp, parsed)
  if (value === undefined)
    return { failed: fail(r, 'missing-timestamp', `The request carries no timestamp (${timestampWhere(scheme)}).`) }
  const ms = timestampMs(value, scheme.timestamp.unit)
  if (Number.isNaN(ms))
    return {
      failed: fail(r, 'malformed-timestamp', `The timestamp "${value}" is not ${unitName(scheme.timestamp.unit)}.`)
    }
  const ageSec = (now - ms) / 1000
  const tol = scheme.timestamp.toleranceSec ?? null
  r.timestamp = { value, ageSec, toleranceSec: tol }
  return { ts: value, stale: tol !== null && Math.abs(ageSec) > tol }
}

/** The signature matched but the timestamp is outside the scheme's tolerance. */
function staleFailure(r: VerifyResult, scheme: SchemeDefinition): VerifyResult {
  const age = r.timestamp!.ageSec
  return fail(
    r,
    'stale-timestamp',
    `The signature matches, but the timestamp is ${Math.round(Math.abs(age))} s ${age >= 0 ? 'old' : 'in the future'}; ` +
      `${scheme.name} allows ${r.timestamp!.toleranceSec} s.`
  )
}

/** A match with key `i`: valid, saying which key when there are several, and what of the body is not covered. */
function validResult(r: VerifyResult, scheme: SchemeDefinition, keys: readonly KeyInput[], i: number): VerifyResult {
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
  const coverage = r.bodyCovered
    ? ''
    : r.coverage.kind === 'fields'
      ? ` Only these body fields are signed: ${r.coverage.fields.join(', ')}.`
      : ' The body is NOT covered by this signature.'
  return {
    ...r,
    diagnosis: rotated,
    valid: true,
    reason: null,
    message: `Valid ${scheme.name} signature${who}.${coverage}`
  }
}

function unitName(u: 's' | 'ms' | 'rfc3339'): string {
  return u === 's' ? 'epoch seconds' : u === 'ms' ? 'epoch milliseconds' : 'an RFC 3339 time'
}

function timestampWhere(s: SchemeDefinition): string {
  const t = s.timestamp!
  return t.fromSignature
    ? `inside the ${describeLocation(s.signature)}`
    : t.header
      ? `${t.header} header`
      : `"${t.query}" query parameter`
}

function formatHint(s: SchemeDefinition): string {
  const f = s.signature.format
  if (f.kind === 'prefixed') return `"${f.prefix}" followed by the ${s.signature.encoding} signature`
  if (f.kind === 'kv')
    return `${f.timestampKey ? `${f.timestampKey}=…${f.pairSeparator}` : ''}${f.signatureKey}${f.kvSeparator}…`
  if (f.kind === 'list') return `"${f.itemPrefix ?? ''}<signature>" items separated by "${f.separator}"`
  if (f.kind === 'base64-json')
    return `base64 of a JSON object whose "${f.field}" is the ${s.signature.encoding} signature`
  return `a ${s.signature.encoding} signature`
}
