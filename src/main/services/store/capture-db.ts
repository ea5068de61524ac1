import { Worker } from 'node:worker_threads'
import type { StoreUpkeep } from '@shared/model/capture'
import type { CaptureStore } from './capture-store'
import { Maintenance, NO_EVENTS, type StoreEvents } from './maintenance'
import {
  unpackResult,
  perform,
  READS,
  WRITES,
  type Done,
  type Op,
  type OpArgs,
  type OpResult,
  type RequestOf,
  type StoreMessage,
  type StoreRequest,
  type StoreRole,
  type StoreThreadData,
  type PackedResult
} from './protocol'

export { ROLE_OPS, type StoreRole } from './protocol'
export { Maintenance, type StoreEvents } from './maintenance'

/**
 * The capture operations the host asks for, all asynchronous: with workers, reads run on a reader
 * thread and writes and maintenance on a writer thread, each with its own SQLite connection (WAL lets
 * them run side by side), so no query, commit or Clear all can delay the listener's replies.
 */
type Asynced<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never }
export type CaptureOps = Asynced<Pick<CaptureStore, Op>>

export interface CaptureDb extends CaptureOps {
  /** The capture count as of the last write (no query: for status lines). */
  knownCount(): number
  /** The background upkeep under way, as last reported. */
  upkeep(): StoreUpkeep
  close(): Promise<void>
}

/** Runs on the calling thread (tests, tools); upkeep still runs in slices between events. */
export function inlineCaptureDb(store: CaptureStore, events: Partial<StoreEvents> = {}): CaptureDb {
  let state: StoreUpkeep = null
  const upkeep = new Maintenance(store.upkeep, {
    ...NO_EVENTS,
    ...events,
    upkeep: (s) => {
      state = s
      events.upkeep?.(s)
    }
  })
  const call = async <K extends Op>(op: K, args: OpArgs<K>): Promise<OpResult<K>> => {
    if (searches(op, args)) store.indexPending()
    const done = perform(store, op, args)
    upkeep.after(done as Done)
    return done.result
  }
  return { ...opsVia(call), knownCount: () => store.count(), upkeep: () => state, close: async () => upkeep.stop() }
}

/** One worker thread with its own connection, serving the operations of its role in order. */
class StoreThread {
  private seq = 0
  private readonly pending = new Map<number, { resolve: (wire: unknown) => void; reject: (e: Error) => void }>()
  private failure: Error | null = null
  count = 0
  /** Captures not in the search index yet, as of the last reply. */
  unindexed = 0
  upkeep: StoreUpkeep = null

  private constructor(
    private readonly worker: Worker,
    events: StoreEvents,
    /** Operations posted and not yet taken up by the thread (shared with it). */
    private readonly waiting: Int32Array
  ) {
    worker.on('message', (reply: StoreMessage) => {
      if ('ready' in reply) return
      if ('removed' in reply) {
        this.count = reply.count
        events.removed(reply.removed)
        return
      }
      if ('upkeep' in reply) {
        this.upkeep = reply.upkeep
        events.upkeep(reply.upkeep)
        return
      }
      const p = this.pending.get(reply.seq)
      if (!p) return
      this.pending.delete(reply.seq)
      if ('error' in reply) p.reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}))
      else {
        this.count = reply.count
        this.unindexed = reply.unindexed
        p.resolve(reply.result)
      }
    })
    const failAll = (err: Error): void => {
      this.failure = err
      for (const p of this.pending.values()) p.reject(err)
      this.pending.clear()
    }
    worker.on('error', failAll)
    worker.on('exit', () => failAll(new Error(`capture store thread stopped`)))
  }

  static async start(file: string, url: URL, role: StoreRole, events: StoreEvents = NO_EVENTS): Promise<StoreThread> {
    const waiting = new Int32Array(new SharedArrayBuffer(4))
    const worker = new Worker(url, { workerData: { file, role, waiting } satisfies StoreThreadData })
    const started = await new Promise<{ count: number; unindexed: number }>((resolve, reject) => {
      worker.once('message', (m: StoreMessage) => {
        if (!('ready' in m)) reject(new Error('capture store thread failed to start'))
        else if (m.ready) resolve(m)
        else reject(new Error(m.error))
      })
      worker.once('error', reject)
    })
    const thread = new StoreThread(worker, events, waiting)
    thread.count = started.count
    // A store closed while captures waited for indexing: the first search has them indexed first.
    thread.unindexed = started.unindexed
    return thread
  }

  call<K extends Op>(op: K, args: OpArgs<K>): Promise<OpResult<K>> {
    if (this.failure) return Promise.reject(this.failure)
    const seq = ++this.seq
    const request = { seq, op, args } as StoreRequest
    const transfer = request.op === 'commit' ? bodiesToMove(request.args[0]) : []
    return new Promise((resolve, reject) => {
      // The reply with this seq answers this request: its result is this operation's.
      this.pending.set(seq, {
        resolve: (wire) => resolve(unpackResult(request as RequestOf<K>, wire as PackedResult<K>)),
        reject
      })
      Atomics.add(this.waiting, 0, 1)
      this.worker.postMessage(request, transfer)
    })
  }

  close(): Promise<number> {
    return this.worker.terminate()
  }
}

/**
 * Bodies that move to the writer instead of being copied: those the listener owns (`ownBody`), and
 * large ones, which are not Node's shared Buffer pool (other Buffers live in a pool slab, so anything
 * its size or smaller is copied, never moved).
 */
export function bodiesToMove(captures: readonly { body: Uint8Array; ownBody?: boolean }[]): ArrayBuffer[] {
  const large = Math.max(Buffer.poolSize, 64 * 1024)
  const moved = new Set<ArrayBuffer>()
  for (const { body, ownBody } of captures)
    if (body.buffer instanceof ArrayBuffer && (ownBody || body.buffer.byteLength > large)) moved.add(body.buffer)
  return [...moved]
}

/** Reads on one thread, writes and upkeep on another. */
export async function startCaptureThreads(
  file: string,
  url: URL,
  events: Partial<StoreEvents> = {}
): Promise<CaptureDb> {
  // Both threads start side by side (each loads the store code and opens its connection).
  const [w, r] = await Promise.allSettled([
    StoreThread.start(file, url, 'writer', { ...NO_EVENTS, ...events }),
    StoreThread.start(file, url, 'reader')
  ])
  if (w.status === 'rejected' || r.status === 'rejected') {
    await Promise.all([w, r].map((t) => (t.status === 'fulfilled' ? t.value.close() : undefined)))
    throw w.status === 'rejected' ? w.reason : (r as PromiseRejectedResult).reason
  }
  const [writer, reader] = [w.value, r.value]
  const read = async <K extends Op>(op: K, args: OpArgs<K>): Promise<OpResult<K>> => {
    // A search sees every capture committed before it: the writer indexes what it has not yet, first.
    if (writer.unindexed > 0 && searches(op, args)) await writer.call('indexPending', [])
    return reader.call(op, args)
  }
  return {
    ...opsVia(read, READS),
    ...opsVia((op, args) => writer.call(op, args), WRITES),
    knownCount: () => writer.count,
    upkeep: () => writer.upkeep,
    close: async () => void (await Promise.all([reader.close(), writer.close()]))
  }
}

/** A read that goes through the search index (captures are indexed after their commit). */
function searches<K extends Op>(op: K, args: OpArgs<K>): boolean {
  const query = (op === 'list' || op === 'count') && (args[0] as { search?: string } | undefined)
  return !!query && !!query.search
}

/** Operations that always go to whichever CaptureDb is current (inline until the threads are up). */
export function forwardOps(current: () => CaptureOps): CaptureOps {
  return opsVia(<K extends Op>(op: K, args: OpArgs<K>) =>
    (current()[op] as (...a: OpArgs<K>) => Promise<OpResult<K>>)(...args)
  )
}

/** Each operation as a call through `call` (typed per operation; the object is built in a loop). */
function opsVia(
  call: <K extends Op>(op: K, args: OpArgs<K>) => Promise<OpResult<K>>,
  ops: readonly Op[] = [...READS, ...WRITES]
): CaptureOps {
  const out: Record<string, unknown> = {}
  for (const op of ops) out[op] = (...args: OpArgs<typeof op>) => call(op, args)
  return out as unknown as CaptureOps
}
