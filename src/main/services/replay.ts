import type { RawHeaders } from '../../shared/model/capture'
import { sign, type KeyInput, type SchemeDefinition } from '../../shared/signatures'
import type { CaptureStore } from './store/capture-store'
import { send, type SendResult } from './sender'

export interface ReplayResult {
  id: number
  status: number | null
  error: string | null
  ms: number
}

/** Headers to carry over byte-exact; Host and framing are the new connection's own. */
export function replayHeaders(headers: RawHeaders): RawHeaders {
  const skip = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'])
  return headers.filter(([n]) => !skip.has(n.toLowerCase()))
}

/**
 * Sends captures again to `url`: byte-exact as received, or re-signed with a fresh timestamp
 * and id so a provider's tolerance window does not reject them. `concurrency` at a time.
 */
export async function replay(
  store: CaptureStore,
  ids: number[],
  opts: { url: string; resign?: { scheme: SchemeDefinition; key: KeyInput; params?: Record<string, string> }; concurrency?: number; now?: () => number },
  sendFn: typeof send = send
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = []
  const queue = [...ids]
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const c = store.get(id)
      if (!c) {
        results.push({ id, status: null, error: 'No such capture.', ms: 0 })
        continue
      }
      let req = { method: c.method, url: opts.url, headers: replayHeaders(c.rawHeaders), body: c.body }
      if (opts.resign) {
        const signed = await sign(req, opts.resign.key, opts.resign.scheme, { now: (opts.now ?? Date.now)(), params: opts.resign.params ?? {} })
        req = { ...signed.request, url: signed.request.url }
      }
      const r: SendResult = await sendFn(req, { timeoutMs: 15_000 })
      results.push({ id, status: r.status, error: r.error, ms: Math.round(r.timings.totalMs) })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, 16)) }, worker))
  return results.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
}
