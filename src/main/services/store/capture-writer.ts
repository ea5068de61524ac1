import { Worker } from 'node:worker_threads'
import type { CaptureSummary } from '@shared/model/capture'
import type { CaptureStore, NewCapture } from './capture-store'

/** Where captures are committed. Resolves once the batch is durable, rejects when it is not. */
export interface CaptureWriter {
  insertMany(batch: NewCapture[]): Promise<CaptureSummary[]>
  close(): Promise<void>
}

/** Commits on the calling thread (tests, tools). */
export class InlineCaptureWriter implements CaptureWriter {
  constructor(private readonly store: CaptureStore) {}
  async insertMany(batch: NewCapture[]): Promise<CaptureSummary[]> {
    return this.store.insertMany(batch)
  }
  async close(): Promise<void> {}
}

export interface WriterRequest {
  seq: number
  captures: NewCapture[]
}
export type WriterReply = { seq: number; summaries: CaptureSummary[] } | { seq: number; error: string }

/**
 * Commits on a worker thread that owns its own SQLite connection, so the fsync behind every
 * acknowledgement never blocks the thread that parses HTTP (or, in Electron, serves the UI).
 */
export class WorkerCaptureWriter implements CaptureWriter {
  private seq = 0
  private readonly pending = new Map<number, { resolve: (s: CaptureSummary[]) => void; reject: (e: Error) => void }>()
  private failure: Error | null = null

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WriterReply) => {
      const p = this.pending.get(reply.seq)
      if (!p) return
      this.pending.delete(reply.seq)
      if ('error' in reply) p.reject(new Error(reply.error))
      else p.resolve(reply.summaries)
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

  insertMany(captures: NewCapture[]): Promise<CaptureSummary[]> {
    if (this.failure) return Promise.reject(this.failure)
    const seq = ++this.seq
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject })
      // Large bodies move to the worker instead of being copied: the listener is done with them
      // once handed off. Anything the size of Node's shared Buffer pool or smaller may be that
      // pool (other Buffers live in it), so it is copied, never moved.
      const transfer = [...new Set(captures.map((c) => c.body.buffer))].filter(
        (b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > Math.max(Buffer.poolSize, 64 * 1024)
      )
      this.worker.postMessage({ seq, captures } satisfies WriterRequest, transfer)
    })
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }
}
