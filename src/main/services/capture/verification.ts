import { HookscopeError } from '@shared/errors'
import { createHash } from 'node:crypto'
import type { HttpRequest } from '@shared/model/http'
import {
  signableOf,
  readSignatureField,
  PROVIDER_SCHEMES,
  verify,
  type Finding,
  type SchemeDefinition,
  type VerifyResult
} from '@shared/signatures'
import type { CaptureOps } from '../store'
import type { Vault } from '../vault'

/** A captured request as the signature engine sees it: the URL the sender addressed (Host + target). */
/** A capture as verification needs it: the request and when it arrived (the clock its timestamps are checked against). */
export type SignableCapture = HttpRequest & { receivedAt: number }

/** What the store indexes to find the same signature again (replays): keyed by scheme, never the secret. */
export function signatureHash(schemeId: string, raw: string): string {
  return createHash('sha256').update(`${schemeId}\n${raw}`).digest('hex')
}

interface Deps {
  store: Pick<CaptureOps, 'get' | 'firstWithSignature'>
  vault: Vault
  schemes: { resolve(id: string): SchemeDefinition | undefined; list(): SchemeDefinition[] }
}

export interface VerifyCaptureArgs {
  scheme: string
  keyIds: number[]
  now?: number
  params?: Record<string, string>
}

/** At most this many other stored keys are tried when the chosen ones do not match. */
const OTHER_KEYS_TRIED = 64

/**
 * Verifies a stored capture with vault keys, in the host. On a mismatch the other stored keys are
 * tried and the one that matches is named; an earlier capture with the same signature is pointed
 * to. Secrets of every key used are masked in the result.
 */
export async function verifyStoredCapture(
  deps: Deps,
  id: number,
  { scheme, keyIds, now, params }: VerifyCaptureArgs
): Promise<VerifyResult | null> {
  const c = await deps.store.get(id)
  const def = deps.schemes.resolve(scheme)
  if (!c) return null
  if (!def) throw new HookscopeError('invalid-arguments', `Unknown scheme "${scheme}".`)
  const req = signableOf(c)
  const opts = {
    now: now ?? c.receivedAt,
    params: params ?? {},
    otherSchemes: [...PROVIDER_SCHEMES, ...deps.schemes.list()],
    ...(params?.variant ? { variant: params.variant } : {})
  }
  const result = await verify(req, deps.vault.materials(keyIds), def, opts)
  const used = [...keyIds]
  const findings: Finding[] = []
  if (!result.valid && (result.reason === 'signature-mismatch' || result.reason === 'no-key')) {
    const others = deps.vault
      .list()
      .filter((k) => !keyIds.includes(k.id))
      .slice(0, OTHER_KEYS_TRIED)
    for (const key of deps.vault.materials(others.map((k) => k.id))) {
      const r = await verify(req, [key], def, { ...opts, diagnose: false })
      if (!r.valid && r.reason !== 'stale-timestamp') continue
      used.push(key.id)
      findings.push({
        kind: 'other-stored-key',
        message:
          `Your stored key "${key.label}" matches this ` +
          `signature${r.valid ? '' : ' (the timestamp is out of tolerance)'}; it was not among the keys checked.`,
        fix: `Use "${key.label}" for this endpoint, or pick it here.`
      })
      break
    }
  }
  const raw = readSignatureField(req, def.signature)
  const earlier = raw === undefined ? null : await deps.store.firstWithSignature(signatureHash(def.id, raw), id)
  if (earlier) {
    findings.push({
      kind: 'same-signature-earlier',
      message:
        `Capture #${earlier.id} (${new Date(earlier.receivedAt).toISOString()}) ` +
        `carried the same signature: this delivery is a retry or a replay.`,
      fix: 'A receiver should accept a signature once: keep the delivery ids (or signatures) it has seen for the tolerance window.',
      captureId: earlier.id
    })
  }
  const length = result.signedContent?.length
  return deps.vault.maskFor(used).deep({
    ...result,
    diagnosis: [...result.diagnosis, ...findings],
    ...(length !== undefined ? { signedContentLength: length } : {})
  })
}
