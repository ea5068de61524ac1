import { Worker } from 'node:worker_threads'
import type { CaptureSummary } from '@shared/model/capture'
import type { CaptureStore, NewCapture } from './capture-store'

/** Where captures are committed. Resolves once the batch is durable, rejects when it is not. */
export interface CaptureWriter {
  insertMany(batch: NewCapture[]): Promise<CaptureSummary[]>
  /** Retention, run where the writes run (one batch of the oldest; see CaptureStore.prune). Resolves with how many went. */
  prune(keepLast: number, beforeMs: number): Promise<number>
  close(): Promise<void>
}

/** Commits on the calling thread (tests, tools). */
export class InlineCaptureWriter implements CaptureWriter {
  constructor(private readonly store: CaptureStore) {}
  async insertMany(batch: NewCapture[]): Promise<CaptureSummary[]> {
    return this.store.insertMany(batch)
  }
  async prune(keepLast: number, beforeMs: number): Promise<number> {
    return this.store.prune(keepLast, beforeMs)
  }
  async close(): Promise<void> {}
}

export type WriterRequest = { seq: number; captures: NewCapture[] } | { seq: number; prune: { keepLast: number; beforeMs: number } }
export type WriterReply = { seq: number; summaries: CaptureSummary[] } | { seq: number; removed: number } | { seq: number; error: string }

/**
 * Commits on a worker thread that owns its own SQLite connection, so the fsync behind every
 * acknowledgement never blocks the thread that parses HTTP (or, in Electron, serves the UI).
 */
export class WorkerCaptureWriter implements CaptureWriter {
  private seq = 0
  private readonly pending = new Map<number, { resolve: (r: WriterReply) => void; reject: (e: Error) => void }>()
  private failure: Error | null = null

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WriterReply) => {
      const p = this.pending.get(reply.seq)
      if (!p) return
      this.pending.delete(reply.seq)
      if ('error' in reply) p.reject(new Error(reply.error))
      else p.resolve(reply)
    })
    const failAll = (err: Error): void => {
      this.failure = err
      for (const p of this.pending.values()) p.reject(err)
      this.pending.clear()
    }
    worker.on('error', failAll)
    worker.on('exit', () => failAll(new Error('capture writer stopped')))
  }

  static async start(file: string, workerUrl: URL): Promise<WorkerCaptureWriter> {
    const worker = new Worker(workerUrl, { workerData: { file } })
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error ?? 'capture writer failed to start'))))
      worker.once('error', reject)
    })
    return new WorkerCaptureWriter(worker)
  }

  private request(req: WriterRequest, transfer: ArrayBuffer[] = []): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.pending.set(req.seq, { resolve, reject })
      this.worker.postMessage(req, transfer)
    })
  }

  async prune(keepLast: number, beforeMs: number): Promise<number> {
    const reply = await this.request({ seq: ++this.seq, prune: { keepLast, beforeMs } })
    return 'removed' in reply ? reply.removed : 0
  }

  async insertMany(captures: NewCapture[]): Promise<CaptureSummary[]> {
    {
      // Large bodies move to the worker instead of being copied: the listener is done with them
      // once handed off. Anything the size of Node's shared Buffer pool or smaller may be that
      // pool (other Buffers live in it), so it is copied, never moved.
      const transfer = [...new Set(captures.map((c) => c.body.buffer))].filter(
        (b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > Math.max(Buffer.poolSize, 64 * 1024)
      )
      const reply = await this.request({ seq: ++this.seq, captures }, transfer)
      return 'summaries' in reply ? reply.summaries : []
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
