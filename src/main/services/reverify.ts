import type { CaptureSummary, Verdict } from '@shared/model/capture'
import { MAX_PAGE_SIZE } from '@shared/model/capture'
import type { Endpoints } from './endpoints'
import { checkSignature } from './prepare-capture'
import type { CaptureOps } from './store/capture-db'
import type { Vault } from './vault/vault'
import type { SchemeDefinition } from '@shared/signatures'

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
export async function reverify(deps: Deps, target: ReverifyTarget): Promise<{ checked: number; changed: number }> {
  let checked = 0
  let changed = 0
  const endpoints = new Map(deps.endpoints.list().map((e) => [e.id, e]))
  const run = async (ids: number[]): Promise<void> => {
    const updated: CaptureSummary[] = []
    for (const id of ids) {
      const c = await deps.store.get(id)
      const ep = c?.endpointId != null ? endpoints.get(c.endpointId) : undefined
      if (!c || !ep) continue
      checked++
      const r = await checkSignature(c, ep, deps)
      if (r.verdict === c.verdict && r.verdictReason === c.verdictReason) continue
      const s = await deps.store.setVerdict(id, r.verdict, r.verdictReason)
      if (s) updated.push(s)
    }
    changed += updated.length
    if (updated.length) deps.onUpdated(updated)
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (target.ids) {
    for (let i = 0; i < target.ids.length; i += MAX_PAGE_SIZE) await run(target.ids.slice(i, i + MAX_PAGE_SIZE))
    return { checked, changed }
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
  return { checked, changed }
}
