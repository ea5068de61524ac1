import type { StoreUpkeep } from '@shared/model/capture'
import type { CaptureStore } from './capture-store'
import { summaryOfNew } from './rows'

/**
 * The messages between the host and a store thread, declared once. A request names an operation of
 * CaptureStore with that operation's own argument types; a reply carries that operation's result
 * type. `PERFORM` is the one place the protocol meets the store: the compiler checks every operation,
 * its arguments and its result, on both sides.
 */
export const READS = ['list', 'count', 'get', 'getMany', 'firstWithSignature'] as const
export const WRITES = [
  'commit',
  'indexPending',
  'prune',
  'delete',
  'setPinned',
  'setVerdict',
  'adopt',
  'recordForward',
  'clear'
] as const
export type Op = (typeof READS)[number] | (typeof WRITES)[number]
export type StoreRole = 'reader' | 'writer'
export const ROLE_OPS: Record<StoreRole, readonly Op[]> = { reader: READS, writer: WRITES }

export type OpArgs<K extends Op> = Parameters<CaptureStore[K]>
export type OpResult<K extends Op> = ReturnType<CaptureStore[K]>

/** Host → thread: one operation and its arguments. */
export type RequestOf<K extends Op> = { seq: number; op: K; args: OpArgs<K> }
export type StoreRequest = { [K in Op]: RequestOf<K> }[Op]

/** An operation done: what was asked and what it gave (the upkeep decides from it what comes next). */
export type DoneOf<K extends Op> = { op: K; args: OpArgs<K>; result: OpResult<K> }
export type Done = { [K in Op]: DoneOf<K> }[Op]

/**
 * A commit's result as it crosses to the host (packed): only what the store decided — each capture's id, which
 * of them were replays (their index in the batch) and what retention removed. The host rebuilds each
 * summary from the capture it sent (`summaryOfNew`, as the store does): cloning the summaries back
 * cost the listener's thread more than the rest of the reply.
 */
export type CommittedPacked = { ids: number[]; replays: number[]; removed: number[] }
/** An operation's result as it crosses between threads. */
export type PackedResult<K extends Op> = K extends 'commit' ? CommittedPacked : OpResult<K>

/** The result of `done` as the thread sends it. */
export function packResult(done: Done): PackedResult<Op> {
  if (done.op !== 'commit') return done.result
  const { added, removed } = done.result
  const replays: number[] = []
  added.forEach((s, i) => s.replay && replays.push(i))
  return { ids: added.map((s) => s.id), replays, removed }
}

/** The result the operation `request` asked for, from what the thread sent. */
export function unpackResult<K extends Op>(request: RequestOf<K>, wire: PackedResult<K>): OpResult<K> {
  if (request.op !== 'commit') return wire as OpResult<K>
  const { ids, replays, removed } = wire as CommittedPacked
  const replayed = new Set(replays)
  const added = (request as RequestOf<'commit'>).args[0].map((c, i) =>
    summaryOfNew(ids[i]!, c, c.provider ?? null, c.event ?? null, replayed.has(i))
  )
  return { added, removed } as OpResult<K>
}

/**
 * Thread → host: the result of the request with that `seq` (with the writer's capture count after it,
 * and how many captures are not in the search index yet), or its error.
 */
export type StoreReply =
  | { [K in Op]: { seq: number; op: K; result: PackedResult<K>; count: number; unindexed: number } }[Op]
  | { seq: number; error: string; code?: string }
/** Thread → host, on its own: captures the background upkeep removed and the count after, or the upkeep's new state. */
export type StoreNotice = { removed: number[]; count: number } | { upkeep: StoreUpkeep }
/** Thread → host, first: the store is open (with its count and captures not yet indexed), or why it is not. */
export type StoreStarted = { ready: true; count: number; unindexed: number } | { ready: false; error: string }
export type StoreMessage = StoreStarted | StoreReply | StoreNotice

/** What a store thread starts with; `waiting` counts requests posted to it and not yet taken up. */
export type StoreThreadData = { file: string; role: StoreRole; waiting: Int32Array }

const PERFORM: { [K in Op]: (s: CaptureStore, ...args: OpArgs<K>) => OpResult<K> } = {
  list: (s, ...a) => s.list(...a),
  count: (s, ...a) => s.count(...a),
  get: (s, ...a) => s.get(...a),
  getMany: (s, ...a) => s.getMany(...a),
  firstWithSignature: (s, ...a) => s.firstWithSignature(...a),
  commit: (s, ...a) => s.commit(...a),
  indexPending: (s) => s.indexPending(),
  prune: (s, ...a) => s.prune(...a),
  delete: (s, ...a) => s.delete(...a),
  setPinned: (s, ...a) => s.setPinned(...a),
  setVerdict: (s, ...a) => s.setVerdict(...a),
  adopt: (s, ...a) => s.adopt(...a),
  recordForward: (s, ...a) => s.recordForward(...a),
  clear: (s) => s.clear()
}

/** Runs one operation on a store. */
export function perform<K extends Op>(store: CaptureStore, op: K, args: OpArgs<K>): DoneOf<K> {
  return { op, args, result: PERFORM[op](store, ...args) }
}
