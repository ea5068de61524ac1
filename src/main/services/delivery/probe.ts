import { generateKeyPairSync } from 'node:crypto'
import {
  type KeyInput,
  type SchemeDefinition,
  type SignableRequest,
  sign,
  itemPrefixes,
  removeSignature,
  underItem,
  bodyCoverage,
  jsonPath
} from '@shared/signatures'
import { fromUtf8, utf8 } from '@shared/bytes'
import type { OutgoingRequest, SendResult } from './sender'

export type ProbeCaseName =
  'valid' | 'tampered-body' | 'tampered-field' | 'wrong-signature' | 'missing-signature' | 'stale-timestamp' | 'replay'

export interface ProbeCase {
  name: ProbeCaseName
  description: string
  /** What a correct receiver does: accept the valid one, reject forgeries; a replay should ideally be rejected. */
  expected: 'accept' | 'reject' | 'reject-ideally'
  applicable: boolean
  status: number | null
  error: string | null
  accepted: boolean
  verdict: 'pass' | 'fail' | 'warn' | 'n/a'
}

export interface ProbeReport {
  scheme: string
  url: string
  cases: ProbeCase[]
  /** The valid delivery was accepted and every applicable forgery refused. */
  passed: boolean
}

const accepted = (r: SendResult): boolean => r.ok && r.status !== null && r.status >= 200 && r.status < 300

/** The first signed body field changed (a JSON path or a form field), the signature kept. */
function tamperField(req: SignableRequest, field: string): SignableRequest {
  const text = fromUtf8(req.body)
  const bump = (v: string): string => (v ? v.slice(0, -1) + (v.at(-1) === 'x' ? 'y' : 'x') : 'x')
  try {
    const doc = JSON.parse(text) as Record<string, unknown>
    const keys = field.split('.')
    const holder =
      keys.length > 1 ? (jsonPath(doc, keys.slice(0, -1).join('.')) as Record<string, unknown> | undefined) : doc
    const last = keys[keys.length - 1]!
    if (holder && typeof holder === 'object') {
      const v = holder[last]
      holder[last] = typeof v === 'number' ? v + 1 : bump(String(v ?? ''))
      return { ...req, body: utf8(JSON.stringify(doc)) }
    }
  } catch {
    /* a form body */
  }
  const parts = text.split('&').map((p) => (p.split('=')[0] === field ? bump(p) : p))
  return { ...req, body: utf8(parts.join('&')) }
}

function tamper(body: Uint8Array): Uint8Array {
  const out = Uint8Array.from(body.length ? body : [0x7b, 0x7d])
  // Change a digit or letter near the end (not the closing brace), so the body stays plausible.
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!
    if (c >= 0x30 && c <= 0x39) {
      out[i] = c === 0x39 ? 0x30 : c + 1
      return out
    }
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
      out[i] = c === 0x7a || c === 0x5a ? c - 1 : c + 1
      return out
    }
  }
  out[out.length - 1] = out[out.length - 1]! ^ 1
  return out
}

interface ProbeOptions {
  scheme: SchemeDefinition
  key: KeyInput
  wrongKey: KeyInput
  base: SignableRequest
  now: number
  params?: Record<string, string>
  send: (req: OutgoingRequest) => Promise<SendResult>
}

interface PlannedCase {
  name: ProbeCaseName
  description: string
  expected: ProbeCase['expected']
  applicable: boolean
  build: () => Promise<SignableRequest>
}

/** The valid delivery and the classic forgeries, each with what a sound receiver does with it. */
function plannedCases(opts: ProbeOptions, valid: SignableRequest): PlannedCase[] {
  const { scheme, base, now } = opts
  const signOpts = { now, params: opts.params ?? {}, id: `probe_${now}` }
  const tol = scheme.timestamp?.toleranceSec
  const coverage = bodyCoverage(scheme.signedContent)
  return [
    {
      name: 'valid',
      description: 'correctly signed delivery',
      expected: 'accept',
      applicable: true,
      build: async () => valid
    },
    {
      name: 'tampered-body',
      description: 'valid signature, one body byte changed',
      expected: 'reject',
      applicable: coverage.kind === 'all',
      build: async () => ({ ...valid, body: tamper(valid.body) })
    },
    {
      name: 'tampered-field',
      description: `valid signature, the signed field ${coverage.fields[0] ?? ''} changed`,
      expected: 'reject',
      applicable: coverage.kind === 'fields',
      // In a batch (Adyen classic) the last item's field: a receiver that checks only the first item is caught.
      build: async () =>
        tamperField(valid, underItem(itemPrefixes(valid.body, scheme.items).at(-1)!, coverage.fields[0]!))
    },
    {
      name: 'wrong-signature',
      description: 'signed with another key',
      expected: 'reject',
      applicable: true,
      build: async () => (await sign(base, opts.wrongKey, scheme, signOpts)).request
    },
    {
      name: 'missing-signature',
      description: 'signature removed',
      expected: 'reject',
      applicable: true,
      build: async () => removeSignature(valid, scheme)
    },
    {
      name: 'stale-timestamp',
      description: `signed ${tol !== undefined ? tol + 600 : 3600} s in the past`,
      expected: 'reject',
      applicable: scheme.timestamp !== undefined,
      build: async () =>
        (
          await sign(base, opts.key, scheme, {
            ...signOpts,
            now: now - ((tol ?? 3000) + 600) * 1000,
            id: `probe_stale_${now}`
          })
        ).request
    },
    {
      name: 'replay',
      description: 'the valid delivery sent again',
      expected: 'reject-ideally',
      applicable: true,
      build: async () => valid
    }
  ]
}

/** One case sent (or reported not applicable) and judged by what the receiver answered. */
async function runCase(c: PlannedCase, send: ProbeOptions['send']): Promise<ProbeCase> {
  const head = { name: c.name, description: c.description, expected: c.expected }
  if (!c.applicable) return { ...head, applicable: false, status: null, error: null, accepted: false, verdict: 'n/a' }
  const req = await c.build()
  const r = await send({ method: req.method, url: req.url, headers: req.headers, body: req.body })
  const ok = accepted(r)
  const verdict =
    c.expected === 'accept'
      ? ok
        ? 'pass'
        : 'fail'
      : c.expected === 'reject'
        ? ok
          ? 'fail'
          : 'pass'
        : ok
          ? 'warn'
          : 'pass'
  return { ...head, applicable: true, status: r.status, error: r.error, accepted: ok, verdict }
}

/**
 * Sends a valid delivery and the classic forgeries to a receiver and reports which it accepted.
 * `wrongKey` signs the forged-signature case (same kind of key, not the receiver's).
 */
export async function probe(opts: ProbeOptions): Promise<ProbeReport> {
  const signOpts = { now: opts.now, params: opts.params ?? {}, id: `probe_${opts.now}` }
  const valid = (await sign(opts.base, opts.key, opts.scheme, signOpts)).request
  const out: ProbeCase[] = []
  // One after another: a receiver sees them in this order (the replay comes after the valid one).
  for (const c of plannedCases(opts, valid)) out.push(await runCase(c, opts.send))
  return { scheme: opts.scheme.id, url: opts.base.url, cases: out, passed: out.every((c) => c.verdict !== 'fail') }
}

/** A key of the same kind that the receiver does not know, to forge the wrong-signature case. */
export function otherKey(scheme: SchemeDefinition, key: KeyInput): KeyInput {
  if (scheme.algorithm.startsWith('rsa-'))
    return {
      material: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem'
      }) as string
    }
  if (scheme.algorithm === 'ed25519')
    return { material: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }
  if (scheme.algorithm.startsWith('ecdsa-'))
    return {
      material: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'pkcs8',
        format: 'pem'
      }) as string
    }
  const m = String(key.material)
  if (scheme.key.form === 'base64' || scheme.key.prefix)
    return {
      material: (scheme.key.prefix ?? '') + Buffer.from('not-the-receiver-secret-0123456789').toString('base64')
    }
  if (scheme.key.form === 'hex') return { material: 'ab'.repeat(32) }
  return { material: m + '-forged' }
}
