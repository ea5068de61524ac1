import { parentPort, workerData } from 'node:worker_threads'
import { CaptureStore } from './capture-store'
import type { WriterReply, WriterRequest } from './capture-writer'

// Worker entry: owns the write connection and commits each batch it is sent.
const port = parentPort!
let store: CaptureStore
try {
  store = CaptureStore.open((workerData as { file: string }).file)
  port.postMessage({ ready: true })
} catch (err) {
  port.postMessage({ error: (err as Error).message })
  throw err
}

port.on('message', (req: WriterRequest) => {
  let reply: WriterReply
  try {
    reply =
      'prune' in req
        ? { seq: req.seq, removed: store.prune(req.prune.keepLast, req.prune.beforeMs) }
        : { seq: req.seq, summaries: store.insertMany(req.captures) }
  } catch (err) {
    reply = { seq: req.seq, error: (err as Error).message }
  }
  port.postMessage(reply)
})
