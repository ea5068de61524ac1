import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CaptureStore, type NewCapture } from '@main/services/store/capture-store'
import { bodiesToMove, startCaptureThreads } from '@main/services/store/capture-db'
import { perform, type StoreReply, type StoreRequest } from '@main/services/store/protocol'
import { newCapture } from '../helpers/captures'
import { tempDir } from '../helpers/tmp'

const WORKER = pathToFileURL(resolve('out/main/store-worker.js'))

describe('the store threads speak one typed protocol', () => {
  it('requests and replies are checked per operation at compile time (npm run typecheck fails if these stop being errors)', () => {
    const ok: StoreRequest[] = [
      { seq: 1, op: 'get', args: [3] },
      { seq: 2, op: 'prune', args: [100, 0] },
      { seq: 3, op: 'clear', args: [] }
    ]
    // @ts-expect-error -- a commit takes captures and a policy, not a number
    const badArgs: StoreRequest = { seq: 4, op: 'commit', args: [5] }
    // @ts-expect-error -- there is no such operation
    const badOp: StoreRequest = { seq: 5, op: 'drop', args: [] }
    // @ts-expect-error -- get answers a capture or null, not a count
    const badResult: StoreReply = { seq: 6, op: 'get', result: 12, count: 0 }
    expect([ok.length, badArgs.seq, badOp.seq, badResult.seq]).toEqual([3, 4, 5, 6])
  })

  it('perform runs the named operation with its arguments and says what was done', () => {
    const store = CaptureStore.open(join(tempDir(), 'hookscope.db'))
    try {
      const body = new TextEncoder().encode('{"a":1}')
      const base = {
        receivedAt: 1,
        method: 'POST',
        target: '/p',
        httpVersion: '1.1',
        rawHeaders: [],
        contentType: null,
        body,
        bodySize: body.length
      }
      const capture = {
        ...base,
        truncated: false,
        remoteAddress: '127.0.0.1',
        remotePort: 1,
        reply: { status: 200, headers: [], body: '' }
      }
      const committed = perform(store, 'commit', [[capture]])
      expect(committed.op).toBe('commit')
      const id = committed.result.added[0]!.id
      expect(perform(store, 'get', [id]).result?.target).toBe('/p')
      expect(perform(store, 'count', [{}]).result).toBe(1)
      expect(perform(store, 'delete', [id])).toEqual({ op: 'delete', args: [id], result: true })
    } finally {
      store.close()
    }
  })
})

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

  it('moves a body the listener owns to the writer instead of copying it; a pooled one is copied', async () => {
    const own = Buffer.allocUnsafeSlow(5)
    own.write('owned')
    const pooled = Buffer.from('pooled')
    expect(bodiesToMove([{ body: pooled }, { body: own, ownBody: true }])).toEqual([own.buffer])

    const file = join(tempDir(), 'move.db')
    CaptureStore.open(file).close()
    const threads = await startCaptureThreads(file, WORKER)
    try {
      const [a, b] = [newCapture(1), newCapture(2)]
      const { added } = await threads.commit([
        { ...a, body: own, bodySize: 5, ownBody: true },
        { ...b, body: pooled, bodySize: 6 }
      ])
      // Moved: the host's view of the owned body is empty now; the pooled one is intact.
      expect(own.byteLength).toBe(0)
      expect(pooled.toString()).toBe('pooled')
      const stored = await threads.getMany(added.map((s) => s.id))
      expect(stored.map((c) => Buffer.from(c.body).toString())).toEqual(['owned', 'pooled'])
    } finally {
      await threads.close()
    }
  })
})
