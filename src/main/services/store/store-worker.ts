import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { HookscopeError } from '@shared/errors'
import { CaptureStore } from './capture-store'
import { Maintenance } from './capture-db'
import {
  perform,
  ROLE_OPS,
  packResult,
  type Done,
  type StoreMessage,
  type StoreRequest,
  type StoreThreadData
} from './protocol'

// Worker entry: its own connection to the capture database, serving one role's operations in order
// (the writer also runs the upkeep between them).
const port = parentPort!
const READER_CHECKPOINT_MS = 100
const WRITER_CHECKPOINT_MS = 1000
const { file, role, waiting } = workerData as StoreThreadData
// Reads give way to the listener's thread and the writer when the cores are busy: on Linux a thread
// has its own nice value (elsewhere this call would lower the whole process, so it is not made).
if (role === 'reader' && process.platform === 'linux') {
  try {
    setPriority(10)
  } catch {
    /* not permitted: reads run at the normal priority */
  }
}
let store: CaptureStore
try {
  store = CaptureStore.open(file)
  // Only the writer writes: the host has it index new captures before it asks the reader to search.
  store.searchIndexesFirst = role === 'writer'
  port.postMessage({ ready: true, count: store.count(), unindexed: store.upkeep.unindexed() } satisfies StoreMessage)
} catch (err) {
  port.postMessage({ ready: false, error: (err as Error).message } satisfies StoreMessage)
  throw err
}
// The writer's commits never stop to copy the log into the file (a checkpoint can take tens of ms on
// a busy store): the reader copies it, often, without blocking the writer. The log can only start over
// when it is copied to its very end between two commits, so the writer now and then copies the little
// the reader left, between operations — the log stays small under constant traffic.
if (role === 'writer') {
  store.upkeep.leaveCheckpoints()
  setInterval(() => store.upkeep.checkpoint(), WRITER_CHECKPOINT_MS)
} else setInterval(() => store.upkeep.checkpoint(), READER_CHECKPOINT_MS)
const allowed = new Set<string>(ROLE_OPS[role])
const upkeep =
  role === 'writer'
    ? new Maintenance(
        store.upkeep,
        {
          removed: (removed) => port.postMessage({ removed, count: store.count() } satisfies StoreMessage),
          upkeep: (state) => port.postMessage({ upkeep: state } satisfies StoreMessage)
        },
        () => Atomics.load(waiting, 0) > 0
      )
    : null

port.on('message', (req: StoreRequest) => {
  Atomics.sub(waiting, 0, 1)
  let reply: StoreMessage
  try {
    if (!allowed.has(req.op)) throw new Error(`${req.op} is not a ${role} operation`)
    const done = perform(store, req.op, req.args) as Done
    upkeep?.after(done)
    const writer = role === 'writer'
    reply = {
      seq: req.seq,
      op: done.op,
      result: packResult(done),
      count: writer ? store.count() : 0,
      unindexed: writer ? store.upkeep.unindexed() : 0
    } as StoreMessage
  } catch (err) {
    reply = {
      seq: req.seq,
      error: (err as Error).message,
      ...(err instanceof HookscopeError ? { code: err.code } : {})
    }
  }
  port.postMessage(reply)
})
