import { sign, type KeyInput, type SchemeDefinition } from '@shared/signatures'
import type { CaptureOps } from '../store'
import { send, type SendResult } from './sender'

export type { ReplayResultView as ReplayResult } from '@shared/api/contract'
import type { ReplayResultView as ReplayResult } from '@shared/api/contract'

/** A single replay shows the receiver's answer; its body is kept up to this many bytes. */
const RESPONSE_BODY_LIMIT = 64 * 1024

/**
 * Sends captures again to `url` (the sender supplies Host and framing): byte-exact as received, or re-signed with a fresh timestamp
 * and id so a provider's tolerance window does not reject them. `concurrency` at a time.
 */
export async function replay(
  store: Pick<CaptureOps, 'get'>,
  ids: number[],
  opts: {
    url: string
    resign?: { scheme: SchemeDefinition; key: KeyInput; params?: Record<string, string> }
    concurrency?: number
    now?: () => number
  },
  sendFn: typeof send = send
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = []
  const queue = [...ids]
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const c = await store.get(id)
      if (!c) {
        results.push({ id, status: null, error: 'No such capture.', ms: 0 })
        continue
      }
      let req = { method: c.method, url: opts.url, headers: c.rawHeaders, body: c.body }
      if (opts.resign) {
        const signed = await sign(req, opts.resign.key, opts.resign.scheme, {
          now: (opts.now ?? Date.now)(),
          params: opts.resign.params ?? {}
        })
        req = { ...signed.request, url: signed.request.url }
      }
      const r: SendResult = await sendFn(req, { timeoutMs: 15_000 })
      results.push({
        id,
        status: r.status,
        error: r.error,
        ms: Math.round(r.timings.totalMs),
        ...(ids.length === 1 && r.status !== null
          ? { response: { headers: r.headers, body: r.body.subarray(0, RESPONSE_BODY_LIMIT), size: r.body.length } }
          : {})
      })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, 16)) }, worker))
  return results.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
}
