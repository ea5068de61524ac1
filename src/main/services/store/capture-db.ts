import { Worker } from 'node:worker_threads'
import type { StoreUpkeep } from '@shared/model/capture'
import { commitPruneBatch, type CaptureStore } from './capture-store'
import type { CaptureUpkeep } from './capture-upkeep'

/**
 * The capture operations the host asks for, all asynchronous: with workers, reads run on a reader
 * thread and writes and maintenance on a writer thread, each with its own SQLite connection (WAL lets
 * them run side by side), so no query, commit or Clear all can delay the listener's replies.
 */
const READS = ['list', 'count', 'get', 'firstWithSignature'] as const
const WRITES = ['commit', 'prune', 'delete', 'setPinned', 'setVerdict', 'recordForward', 'clear'] as const
type Op = (typeof READS)[number] | (typeof WRITES)[number]
export type StoreRole = 'reader' | 'writer'
export const ROLE_OPS: Record<StoreRole, readonly Op[]> = { reader: READS, writer: WRITES }

type Asynced<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never }
export type CaptureOps = Asynced<Pick<CaptureStore, Op>>

export interface CaptureDb extends CaptureOps {
  /** The capture count as of the last write (no query: for status lines). */
  knownCount(): number
  /** The background upkeep under way, as last reported. */
  upkeep(): StoreUpkeep
  close(): Promise<void>
}

/** What the store tells the host on its own: captures the upkeep removed, and when the upkeep starts, changes or ends. */
export interface StoreEvents {
  removed(ids: number[]): void
  upkeep(state: StoreUpkeep): void
}
type Step = 'more' | 'alone' | 'done'
const NO_EVENTS: StoreEvents = { removed: () => undefined, upkeep: () => undefined }

/**
 * Background upkeep where the writes run: the rows a Clear all hid, then giving their space back to
 * the disk, then retention left over after a commit — in slices of a few milliseconds, so commits
 * that arrive meanwhile wait at most one slice.
 */
export class Maintenance {
  private state: StoreUpkeep = null
  private retain: { keepLast: number; beforeMs: number } | null = null
  private retainLeft = false
  private reclaimDue = false
  /** A search index a Clear all put aside (or a spent generation) is still to be dropped. */
  private dropDue = false
  /** The oldest generation of the search index may be spent (enough captures went since it was last looked at). */
  private spentDue = true
  private sinceSpentCheck = 0
  /** Captures deleted since the search index was last tidied (their entries are only marked). */
  private marked = 0
  private scheduled = false
  private stopped = false
  static readonly SLICE_MS = 6
  static readonly PAUSE_MS = 18
  static readonly STEP = 128
  /** Marked index entries worth one bounded merge, and its size in index pages. */
  static readonly TIDY_EVERY = 128
  static readonly TIDY_PAGES = 4
  /** Deleted captures between two looks at whether the oldest index generation is spent. */
  static readonly SPENT_CHECK_EVERY = 512

  constructor(
    private readonly store: CaptureUpkeep,
    private readonly events: StoreEvents,
    /** Whether an operation is waiting for this thread (a slice then ends after its current step). */
    private readonly waited: () => boolean = () => false
  ) {
    this.dropDue = store.hasRetiredIndex()
    // A Clear all under way when the store was last closed goes on, and gives the space back after.
    this.reclaimDue = store.clearing() > 0 || this.dropDue
    if (this.reclaimDue) this.schedule()
  }

  /** After each operation: what it means for the upkeep to come. */
  after(op: Op, args: unknown[], result: unknown): void {
    if (op === 'clear') {
      // The rows, then the index put aside, then the space back to the disk. (Retention gives none
      // back: a store kept at N captures reuses its free pages.)
      this.dropDue = true
      this.reclaimDue = true
      this.schedule()
    }
    if (op === 'delete' && result === true) this.gone([args[0] as number])
    if (op === 'commit' || op === 'prune') {
      this.gone(op === 'commit' ? (result as { removed: number[] }).removed : (result as number[]))
      const policy = op === 'commit' ? (args[1] as typeof this.retain | undefined) : { keepLast: args[0] as number, beforeMs: args[1] as number }
      if (!policy) return
      this.retain = policy
      // A full batch means more may be over the limit (a lowered limit, a burst): the rest goes in the background.
      if (op === 'prune' || (result as { removed: number[] }).removed.length >= commitPruneBatch((args[0] as unknown[]).length)) {
        this.retainLeft = true
        this.schedule()
      }
    }
  }

  /** Captures deleted: those of the current index generation left marked entries; enough of any may have emptied the oldest one. */
  private gone(ids: number[]): void {
    if (ids.length === 0) return
    this.sinceSpentCheck += ids.length
    if (this.sinceSpentCheck >= Maintenance.SPENT_CHECK_EVERY) {
      this.sinceSpentCheck = 0
      this.spentDue = true
      this.schedule()
    }
    const from = this.store.indexFrom()
    this.marked += ids.filter((id) => id >= from).length
    if (this.marked >= Maintenance.TIDY_EVERY) this.schedule()
  }

  /**
   * The first slice runs as soon as the thread is free; while there is more, each next one waits
   * PAUSE_MS, so upkeep takes at most about a quarter of the writer's time and of the disk's: commits
   * meet at most one slice, and their sync never has a long stretch of upkeep writes to flush. Work a
   * slice itself finds (deletions that make a tidy due) waits for the pause like the rest.
   */
  private schedule(pause = false): void {
    if (this.scheduled) return
    this.scheduled = true
    const run = (): void => {
      if (this.stopped) return
      const more = this.slice()
      this.scheduled = false
      if (more) this.schedule(true)
    }
    if (pause) setTimeout(run, Maintenance.PAUSE_MS)
    else setImmediate(run)
  }

  /** No slice runs after this (the connection is about to close). */
  stop(): void {
    this.stopped = true
  }

  /**
   * One slice of work, its steps in one transaction (reclaiming runs on its own); true when there is
   * more. A slice ends early, after its current step, when an operation is waiting: a webhook's
   * commit waits for one step (~1 ms), not a whole slice.
   */
  private slice(): boolean {
    const until = performance.now() + Maintenance.SLICE_MS
    let next = this.store.together(() => {
      let step: Step
      do step = this.step()
      while (step === 'more' && performance.now() < until && !this.waited())
      return step
    })
    if (next === 'alone') {
      this.report('reclaiming')
      this.reclaimDue = this.store.reclaim(Maintenance.STEP) > 0
      next = 'more'
    }
    if (next === 'done') this.report(null)
    return next !== 'done'
  }

  /** One bounded step of the most urgent work: 'more' when done, 'alone' when the next is reclaiming, 'done' when none is left. */
  private step(): Step {
    if (this.store.clearing() > 0) {
      this.report('clearing')
      this.store.clearStep(Maintenance.STEP)
    } else if (this.dropDue) {
      // An index put aside (by Clear all, or a generation retention emptied), a few pages at a time.
      this.report(this.reclaimDue ? 'clearing' : 'retention')
      this.dropDue = this.store.dropRetiredStep(Maintenance.STEP)
    } else if (this.spentDue) {
      // Retention emptied the oldest generation of the index: it goes whole (then is dropped in steps).
      this.spentDue = this.store.retireSpentGeneration()
      if (this.spentDue) this.dropDue = true
    } else if (this.marked >= Maintenance.TIDY_EVERY) {
      this.report('retention')
      this.store.tidyIndex(Maintenance.TIDY_PAGES)
      this.marked -= Maintenance.TIDY_EVERY
    } else if (this.reclaimDue) {
      return 'alone'
    } else if (this.retain && this.retainLeft) {
      this.report('retention')
      const removed = this.store.prune(this.retain.keepLast, this.retain.beforeMs, Maintenance.STEP)
      this.retainLeft = removed.length === Maintenance.STEP
      this.gone(removed)
      if (removed.length) this.events.removed(removed)
    } else return 'done'
    return 'more'
  }

  private report(state: StoreUpkeep): void {
    if (state === this.state) return
    this.state = state
    this.events.upkeep(state)
  }
}

/** Each operation as a call through `call`. */
function opsVia(call: (op: Op, args: unknown[]) => Promise<unknown>, ops: readonly Op[] = [...READS, ...WRITES]): CaptureOps {
  const out = {} as Record<Op, unknown>
  for (const op of ops) out[op] = (...args: unknown[]) => call(op, args)
  return out as unknown as CaptureOps
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
  const call = async (op: Op, args: unknown[]): Promise<unknown> => {
    const result = (store[op] as (...a: unknown[]) => unknown).apply(store, args)
    upkeep.after(op, args, result)
    return result
  }
  return { ...opsVia(call), knownCount: () => store.count(), upkeep: () => state, close: async () => upkeep.stop() }
}

export type StoreRequest = { seq: number; op: Op; args: unknown[] }
/** What a store thread starts with; `waiting` counts requests posted to it and not yet taken up. */
export type StoreThreadData = { file: string; role: StoreRole; waiting: Int32Array }
export type StoreReply = { seq: number; result: unknown; count: number } | { seq: number; error: string; code?: string }
/** Sent by the writer on its own: captures the background upkeep removed and the count after, or the upkeep's new state. */
export type StoreNotice = { removed: number[]; count: number } | { upkeep: StoreUpkeep }

/** One worker thread with its own connection, serving the operations of its role in order. */
class StoreThread {
  private seq = 0
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>()
  private failure: Error | null = null
  count = 0
  upkeep: StoreUpkeep = null

  private constructor(
    private readonly worker: Worker,
    events: StoreEvents,
    /** Operations posted and not yet taken up by the thread (shared with it). */
    private readonly waiting: Int32Array
  ) {
    worker.on('message', (reply: StoreReply | StoreNotice) => {
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
    const count = await new Promise<number>((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean; count?: number; error?: string }) =>
        m.ready ? resolve(m.count ?? 0) : reject(new Error(m.error ?? 'capture store thread failed to start'))
      )
      worker.once('error', reject)
    })
    const thread = new StoreThread(worker, events, waiting)
    thread.count = count
    return thread
  }

  call(op: Op, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure)
    const seq = ++this.seq
    const transfer = op === 'commit' ? bodiesToMove(args[0] as { body: Uint8Array }[]) : []
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject })
      Atomics.add(this.waiting, 0, 1)
      this.worker.postMessage({ seq, op, args } satisfies StoreRequest, transfer)
    })
  }

  close(): Promise<number> {
    return this.worker.terminate()
  }
}

/**
 * Large bodies move to the writer instead of being copied: the listener is done with them once
 * handed off. Anything the size of Node's shared Buffer pool or smaller may be that pool (other
 * Buffers live in it), so it is copied, never moved.
 */
function bodiesToMove(captures: { body: Uint8Array }[]): ArrayBuffer[] {
  return [...new Set(captures.map((c) => c.body.buffer))].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > Math.max(Buffer.poolSize, 64 * 1024)
  )
}

/** Reads on one thread, writes and upkeep on another. */
export async function startCaptureThreads(file: string, url: URL, events: Partial<StoreEvents> = {}): Promise<CaptureDb> {
  // Both threads start side by side (each loads the store code and opens its connection).
  const [w, r] = await Promise.allSettled([StoreThread.start(file, url, 'writer', { ...NO_EVENTS, ...events }), StoreThread.start(file, url, 'reader')])
  if (w.status === 'rejected' || r.status === 'rejected') {
    await Promise.all([w, r].map((t) => (t.status === 'fulfilled' ? t.value.close() : undefined)))
    throw w.status === 'rejected' ? w.reason : (r as PromiseRejectedResult).reason
  }
  const [writer, reader] = [w.value, r.value]
  return {
    ...opsVia((op, args) => reader.call(op, args), READS),
    ...opsVia((op, args) => writer.call(op, args), WRITES),
    knownCount: () => writer.count,
    upkeep: () => writer.upkeep,
    close: async () => void (await Promise.all([reader.close(), writer.close()]))
  }
}

/** Operations that always go to whichever CaptureDb is current (inline until the threads are up). */
export function forwardOps(current: () => CaptureOps): CaptureOps {
  return opsVia((op, args) => (current()[op] as (...a: unknown[]) => Promise<unknown>)(...args))
}
