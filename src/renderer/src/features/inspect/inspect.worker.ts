import { presentLayer } from '@shared/decode/present'

// Decoding and pretty-printing off the UI thread: a 25 MB body must not freeze the window.
interface Job {
  seq: number
  bytes: Uint8Array
  contentType: string | null
  encodings: string[]
  path?: string[]
}

self.onmessage = (e: MessageEvent<Job>) => {
  const { seq, bytes, contentType, encodings, path } = e.data
  try {
    const view = presentLayer(bytes, contentType, encodings, path)
    ;(self as unknown as Worker).postMessage({ seq, view })
  } catch (err) {
    ;(self as unknown as Worker).postMessage({ seq, error: (err as Error).message })
  }
}
