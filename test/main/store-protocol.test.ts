import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CaptureStore } from '@main/services/store/capture-store'
import { perform, type StoreReply, type StoreRequest } from '@main/services/store/protocol'
import { tempDir } from '../helpers/tmp'

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
