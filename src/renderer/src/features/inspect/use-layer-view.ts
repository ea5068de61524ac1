import { useEffect, useState } from 'react'
import { type LayerView, presentLayer } from '@shared/decode/present'
import type { InspectJob, InspectReply } from './inspect-protocol'

/** Small bodies are decoded right away; bigger ones in a worker that a newer request replaces. */
const INLINE_LIMIT = 64 * 1024

let worker: Worker | null = null
let seq = 0
const pending = new Map<number, (r: InspectReply) => void>()

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./inspect.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<InspectReply>) => {
      pending.get(e.data.seq)?.(e.data)
      pending.delete(e.data.seq)
    }
  }
  return worker
}

/** Stops a job that is no longer wanted (the user moved on): the worker is replaced, not waited for. */
function cancelAll(): void {
  if (pending.size === 0 || !worker) return
  worker.terminate()
  worker = null
  pending.clear()
}

export interface LayerState {
  view: LayerView | null
  loading: boolean
  error: string | null
}

export function useLayerView(
  bytes: Uint8Array | null,
  contentType: string | null,
  encodings: string[],
  path: string[] | undefined
): LayerState {
  const [state, setState] = useState<LayerState>({ view: null, loading: true, error: null })
  const pathKey = path ? JSON.stringify(path) : ''
  useEffect(() => {
    if (!bytes) return
    if (bytes.length <= INLINE_LIMIT) {
      try {
        setState({ view: presentLayer(bytes, contentType, encodings, path), loading: false, error: null })
      } catch (err) {
        setState({ view: null, loading: false, error: (err as Error).message })
      }
      return
    }
    cancelAll()
    const id = ++seq
    let live = true
    setState((s) => ({ view: s.view, loading: true, error: null }))
    pending.set(id, (r) => {
      if (!live) return
      setState(
        'view' in r ? { view: r.view, loading: false, error: null } : { view: null, loading: false, error: r.error }
      )
    })
    getWorker().postMessage({ seq: id, bytes, contentType, encodings, ...(path ? { path } : {}) } satisfies InspectJob)
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bytes, contentType, encodings.join(','), pathKey])
  return state
}
