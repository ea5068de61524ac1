import { HookscopeError } from '@shared/errors'
import { DEFAULT_REPLY_RULE, type Endpoint, type EndpointInput, type KeySummary } from '@shared/model/vault'
import { type SchemeDefinition, replyRule } from '@shared/signatures'
import type { Endpoints } from '../configuration'
import type { ReverifyResult } from './reverify'
import type { Vault } from '../vault'

export interface UseForPathInput {
  /** The capture's request target: its path (without the query) becomes the endpoint's prefix. */
  target: string
  scheme: string
  /** A key pasted in the verify panel (stored once: the same key is found again by its fingerprint)… */
  material?: string
  /** …or stored keys that checked it. */
  keyIds?: number[]
  params?: Record<string, string>
}

export interface UseForPathResult {
  endpoint: Endpoint
  /** The key bound (null when stored keys were given), and whether it was already stored. */
  keyId: number | null
  keyReused: boolean
  reverified: ReverifyResult
}

interface Deps {
  vault: Vault
  endpoints: Endpoints
  resolveScheme: (id: string) => SchemeDefinition | undefined
  /** Saves through the same checks as the Endpoints view (scheme, key kind, forward target). */
  save: (input: EndpointInput) => Promise<Endpoint>
  reverify: (endpointId: number) => Promise<ReverifyResult>
}

/**
 * Capture first, set up after: from a check that passed in the verify panel, the endpoint for the
 * capture's path is created (or the one already there updated) with that scheme, key and settings,
 * and every earlier capture it matches — those the default endpoint caught too — is verified again.
 */
export async function setUpForPath(d: Deps, input: UseForPathInput): Promise<UseForPathResult> {
  const scheme = d.resolveScheme(input.scheme)
  if (!scheme) throw new HookscopeError('invalid-endpoint', `There is no signature scheme "${input.scheme}".`)
  const path = input.target.split('?')[0] || '/'
  let keyIds = input.keyIds ?? []
  let keyId: number | null = null
  let keyReused = false
  if (input.material !== undefined) {
    const same = d.vault.findSame(input.material)
    const key = same ?? d.vault.importKey(`${scheme.name} · ${path}`, input.material)
    keyId = key.id
    keyReused = same !== null
    keyIds = [key.id]
  }
  if (keyIds.length === 0)
    throw new HookscopeError('invalid-endpoint', 'Give the key that checked it (pasted or stored).')
  const current = d.endpoints.list().find((e) => e.pathPrefix.replace(/\/$/, '') === path.replace(/\/$/, ''))
  const endpoint = await d
    .save({
      ...(current
        ? { id: current.id, name: current.name, reply: current.reply, forwardTo: current.forwardTo ?? null }
        : { name: `${scheme.name} ${path}`, reply: replyRule(scheme) ?? DEFAULT_REPLY_RULE, forwardTo: null }),
      pathPrefix: path,
      scheme: scheme.id,
      keyIds: [...new Set([...keyIds, ...(current?.scheme === scheme.id ? current.keyIds : [])])],
      params: { ...(current?.params ?? {}), ...(input.params ?? {}) }
    })
    .catch((err: unknown) => {
      // Refused (a key of the wrong kind for the scheme): a key stored just for it goes again.
      if (keyId !== null && !keyReused) d.vault.delete(keyId)
      throw err
    })
  return { endpoint, keyId, keyReused, reverified: await d.reverify(endpoint.id) }
}

export interface BindKeyResult {
  endpoint: Endpoint
  key: KeySummary
  /** The same key (by fingerprint) was already stored: it was used, not stored again. */
  reused: boolean
  /** It was already bound to this endpoint: nothing changed. */
  alreadyBound: boolean
}

/**
 * A key a provider's API hands out (TruBit's create-webhook `publicKey`) becomes the endpoint's: stored
 * once — the same key found again by its fingerprint is not stored twice — and bound to the endpoint,
 * whose captures are then verified again.
 */
export async function bindReturnedKey(
  d: Deps,
  input: { endpointId: number; name: string; material: string }
): Promise<BindKeyResult> {
  const current = d.endpoints.list().find((e) => e.id === input.endpointId)
  if (!current) throw new HookscopeError('invalid-endpoint', 'That endpoint no longer exists.')
  const same = d.vault.findSame(input.material)
  const key = same ?? d.vault.importKey(input.name, input.material)
  const alreadyBound = current.keyIds.includes(key.id)
  let endpoint = current
  if (!alreadyBound) {
    try {
      endpoint = await d.save({ ...current, forwardTo: current.forwardTo ?? null, keyIds: [...current.keyIds, key.id] })
    } catch (err) {
      // Refused (a key of the wrong kind for the scheme): what was stored for it goes again.
      if (!same) d.vault.delete(key.id)
      throw err
    }
  }
  if (!alreadyBound) await d.reverify(endpoint.id)
  return { endpoint, key, reused: same !== null, alreadyBound }
}
