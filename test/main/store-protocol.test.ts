import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CaptureStore, type NewCapture } from '@main/services/store/capture-store'
import { startCaptureThreads } from '@main/services/store/capture-db'
import { newCapture } from '../helpers/captures'
import { tempDir } from '../helpers/tmp'

const WORKER = pathToFileURL(resolve('out/main/store-worker.js'))

/** Captures with every field a summary carries: a verdict, an endpoint, an import, a pin, and a signature sent twice. */
function batch(from: number): NewCapture[] {
  const c = (i: number): NewCapture => newCapture(from + i)
  return [
    { ...c(0), provider: 'stripe', event: 'invoice.paid', endpointId: 3, verdict: 'valid', sigHash: 'sig-a' },
    { ...c(1), provider: 'stripe', event: 'invoice.paid', endpointId: 3, verdict: 'valid', sigHash: 'sig-a' },
    { ...c(2), provider: null, event: null, imported: 'har', pinned: true },
    { ...c(3), verdict: 'invalid', verdictReason: 'signature-mismatch', truncated: true, bodySize: 99_999 },
    { ...c(4), sigHash: 'sig-b', reply: { status: 202, headers: [['X-A', 'b']], body: 'ok' } }
  ]
}

describe('store thread protocol', () => {
  it('a commit through the writer thread gives the summaries and removals the store gives inline', async () => {
    const dir = tempDir()
    const inline = CaptureStore.open(join(dir, 'inline.db'))
    const threadFile = join(dir, 'threads.db')
    CaptureStore.open(threadFile).close()
    const threads = await startCaptureThreads(threadFile, WORKER)
    try {
      const retain = { keepLast: 6, beforeMs: 0 }
      const removed: number[] = []
      const replays: boolean[] = []
      for (const from of [0, 10, 20]) {
        // The second and third batches repeat sig-a and sig-b (replays) and push retention past 6.
        const viaThread = await threads.commit(batch(from), retain)
        const direct = inline.commit(batch(from), retain)
        expect(viaThread).toEqual(direct)
        removed.push(...direct.removed)
        replays.push(...direct.added.map((s) => s.replay))
      }
      // What the comparison covered: replays within a batch and across, and retention's removals.
      expect(replays.filter(Boolean)).toHaveLength(1 + 3 + 3)
      expect(removed.length).toBeGreaterThan(0)
      expect(await threads.count()).toBe(inline.count())
    } finally {
      await threads.close()
      inline.close()
    }
  })
})
