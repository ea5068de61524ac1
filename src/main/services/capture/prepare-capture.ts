import type { CaptureReply, Verdict } from '@shared/model/capture'
import {
  getScheme,
  SCHEMES,
  verify,
  type SchemeDefinition,
  readSignatureField,
  describeDelivery,
  signableOf
} from '@shared/signatures'
import type { Endpoints } from '../configuration'
import type { Endpoint } from '@shared/model/vault'
import type { Preparation } from './listener/capture-listener'
import type { NewCapture } from '../store'
import { signatureHash, type SignableCapture } from './verification'
import type { Vault } from '../vault'
import { handshakeReply } from './handshake'

interface Deps {
  endpoints: Endpoints
  /** Built-in or user-defined scheme by id. */
  resolveScheme?: (id: string) => SchemeDefinition | undefined
  customSchemes?: () => SchemeDefinition[]
  /** The capture path's one detection (capture/describe.ts); without it, detected here with the full list. */
  describe?: (c: SignableCapture & { contentType: string | null }) => { provider: string | null; event: string | null }
  vault: Vault
  random?: () => number
}

function withNosniff(headers: [string, string][]): [string, string][] {
  return headers.some(([n]) => n.toLowerCase() === 'x-content-type-options')
    ? headers
    : [...headers, ['X-Content-Type-Options', 'nosniff']]
}

/**
 * For one request: which endpoint caught it, what to answer (its reply rule, or a simulated
 * failure), and the signature verdict with stored keys — all before the row is committed.
 * Verification with stored keys happens here, in the main process / host: the keys never
 * travel to the UI.
 */
export function prepareCapture(c: NewCapture, deps: Deps): Promise<Preparation> | null {
  const ep = deps.endpoints.match(c.target)
  // The default endpoint checks nothing and answers the listener's default: no work, no async hop.
  if (!ep) return null
  return prepareForEndpoint(c, ep, deps)
}

async function prepareForEndpoint(c: NewCapture, ep: Endpoint, deps: Deps): Promise<Preparation> {
  const rule = ep.reply
  const fail = rule.failureRate > 0 && (deps.random ?? Math.random)() * 100 < rule.failureRate
  let reply: CaptureReply = fail
    ? {
        status: 500,
        headers: [
          ['Content-Type', 'text/plain; charset=utf-8'],
          ['X-Content-Type-Options', 'nosniff']
        ],
        body: 'Simulated failure (endpoint failure rate).\n'
      }
    : { status: rule.status, headers: withNosniff(rule.headers), body: rule.body }
  const extra: Preparation['extra'] = {
    endpointId: ep.id,
    verdict: null,
    verdictReason: null,
    replay: false,
    sigHash: null
  }

  try {
    Object.assign(extra, await checkSignature(c, ep, deps))
  } catch (e) {
    // A check that cannot run (a broken user scheme) still leaves the capture its endpoint and reply.
    Object.assign(extra, {
      verdict: 'invalid',
      verdictReason: `The signature check could not run: ${(e as Error).message}`
    })
  }
  // A provider's handshake (Asana's X-Hook-Secret, Dropbox's challenge, X's CRC…) gets the answer it needs.
  const handshake =
    !fail && rule.handshake
      ? handshakeReply(rule.handshake, {
          ...c,
          verdict: extra.verdict ?? null,
          params: ep.params,
          secret: () => secretOf(ep, deps.vault)
        })
      : null
  if (handshake) reply = handshake
  return { reply, delayMs: fail || handshake ? 0 : rule.delayMs, extra }
}

/** The endpoint's first secret that can be read now, as bytes (a public key is not one). */
function secretOf(ep: Endpoint, vault: Vault): Uint8Array | null {
  const k = vault.materials(ep.keyIds).find((m) => typeof m.material === 'string' && !m.material.includes('-----BEGIN'))
  return k ? new TextEncoder().encode(k.material as string) : null
}

export interface SignatureCheck {
  verdict: Verdict | null
  verdictReason: string | null
  sigHash: string | null
  /** The detected provider and event (stored with the capture: detection runs once, with the user's schemes too). */
  provider: string | null
  event: string | null
}

/**
 * The verdict of one request under its endpoint's scheme and keys: at capture time, and again when
 * the user re-verifies (after unlocking the vault, adding a key, or changing the endpoint).
 */
export async function checkSignature(
  c: SignableCapture & { contentType: string | null },
  ep: Endpoint,
  deps: Omit<Deps, 'endpoints' | 'random'>
): Promise<SignatureCheck> {
  const described = deps.describe
    ? deps.describe(c)
    : describeDelivery(c, [...SCHEMES, ...(deps.customSchemes?.() ?? [])])
  const out: SignatureCheck = { verdict: null, verdictReason: null, sigHash: null, ...described }
  const req = signableOf(c)
  const resolve = deps.resolveScheme ?? getScheme
  const schemeId = ep.scheme ?? described.provider
  const scheme = schemeId ? resolve(schemeId) : undefined
  if (!scheme) return out
  const raw = readSignatureField(req, scheme.signature)
  if (raw === undefined) {
    if (ep.scheme) out.verdict = 'unsigned'
    return out
  }
  out.sigHash = signatureHash(scheme.id, raw)
  const keys = deps.vault.materials(ep.keyIds)
  if (keys.length === 0) {
    out.verdict = deps.vault.anyLocked(ep.keyIds) ? 'key-locked' : 'no-key'
    return out
  }
  const r = await verify(req, keys, scheme, {
    now: c.receivedAt,
    params: ep.params,
    diagnose: false,
    ...(ep.params.variant ? { variant: ep.params.variant } : {})
  })
  out.verdict = r.valid ? (r.bodyCovered ? 'valid' : 'not-covered') : 'invalid'
  // The reading that matched (UseePay form deliveries) is part of the verdict, as in the detail.
  out.verdictReason = r.valid && r.variant ? `matched: ${r.variant}` : r.reason
  if (r.valid && r.matchedKey !== null) deps.vault.touch(keys[r.matchedKey]!.id)
  return out
}
