import { type CaptureSummary, type Verdict, MAX_PAGE_SIZE } from '@shared/model/capture'
import type { Endpoints } from '../configuration'
import type { Endpoint } from '@shared/model/vault'
import { checkSignature } from './prepare-capture'
import type { CaptureOps } from '../store'
import type { Vault } from '../vault'
import type { SchemeDefinition } from '@shared/signatures'

/** Captures read from the store at once while re-verifying: few enough that large bodies do not pile up. */
const READ_AHEAD = 8

/** Which captures to check again: these ids, or every capture of an endpoint and/or with a verdict. */
export interface ReverifyTarget {
  ids?: number[]
  endpointId?: number
  verdict?: Verdict
}

interface Deps {
  store: CaptureOps
  endpoints: Endpoints
  vault: Vault
  resolveScheme: (id: string) => SchemeDefinition | undefined
  customSchemes: () => SchemeDefinition[]
  /** Called with each batch whose verdicts changed. */
  onUpdated: (summaries: CaptureSummary[]) => void
}

/**
 * Runs each capture's signature check again with its endpoint's current scheme, keys and settings,
 * and stores the new verdict. Works in pages of ids and yields between them, so a whole endpoint's
 * history never holds up the listener. Captures of the default endpoint have nothing to check.
 */
export async function reverify(deps: Deps, target: ReverifyTarget): Promise<ReverifyResult> {
  let checked = 0
  let changed = 0
  let valid = 0
  const endpoints = new Map(deps.endpoints.list().map((e) => [e.id, e]))
  // An endpoint's captures include those the default endpoint caught before it existed.
  const adopted =
    target.endpointId !== undefined && !target.ids ? await adopt(deps, endpoints.get(target.endpointId)) : 0
  const run = async (ids: number[]): Promise<void> => {
    const updated: CaptureSummary[] = []
    // A few captures read at once (the reader thread answers them in one go), then checked one by one.
    for (let i = 0; i < ids.length; i += READ_AHEAD) {
      const captures = await Promise.all(ids.slice(i, i + READ_AHEAD).map((id) => deps.store.get(id)))
      const writes: Promise<CaptureSummary | null>[] = []
      for (const c of captures) {
        const ep = c?.endpointId != null ? endpoints.get(c.endpointId) : undefined
        if (!c || !ep) continue
        checked++
        const r = await checkSignature(c, ep, deps)
        if (r.verdict === 'valid' || r.verdict === 'not-covered') valid++
        if (r.verdict === c.verdict && r.verdictReason === c.verdictReason) continue
        writes.push(deps.store.setVerdict(c.id, r.verdict, r.verdictReason))
      }
      for (const s of await Promise.all(writes)) if (s) updated.push(s)
      await new Promise((resolve) => setImmediate(resolve))
    }
    changed += updated.length
    if (updated.length) deps.onUpdated(updated)
  }
  if (target.ids) {
    for (let i = 0; i < target.ids.length; i += MAX_PAGE_SIZE) await run(target.ids.slice(i, i + MAX_PAGE_SIZE))
    return { adopted, checked, changed, valid }
  }
  let cursor: number | null = null
  do {
    const page = await deps.store.list({
      cursor,
      limit: MAX_PAGE_SIZE,
      ...(target.verdict ? { verdict: target.verdict } : {}),
      ...(target.endpointId !== undefined ? { endpointId: target.endpointId } : {})
    })
    await run(page.items.map((s) => s.id))
    cursor = page.nextCursor
  } while (cursor !== null)
  return { adopted, checked, changed, valid }
}

export interface ReverifyResult {
  /** Captures of the default endpoint that became this endpoint's (their path is under its prefix). */
  adopted: number
  checked: number
  changed: number
  /** Checked and valid now (the body covered or not). */
  valid: number
}

/** Pages the default endpoint's captures under the endpoint's prefix over to it; the list hears of each page. */
async function adopt(deps: Deps, ep: Endpoint | undefined): Promise<number> {
  if (!ep) return 0
  const base = ep.pathPrefix.replace(/\/$/, '')
  const longer = deps.endpoints
    .list()
    .filter((o) => o.id !== ep.id && o.pathPrefix.replace(/\/$/, '').length > base.length)
    .map((o) => o.pathPrefix)
  let adopted = 0
  for (let after = 0; ;) {
    const page = await deps.store.adopt(ep.id, ep.pathPrefix, after, MAX_PAGE_SIZE, longer)
    if (page.length === 0) return adopted
    adopted += page.length
    deps.onUpdated(page)
    after = page.at(-1)!.id
    await new Promise((resolve) => setImmediate(resolve))
  }
}
