import { presentLayer } from '@shared/decode/present'
import type { InspectJob, InspectReply } from './inspect-protocol'

// Decoding and pretty-printing off the UI thread: a 25 MB body must not freeze the window.
const reply = (r: InspectReply): void => (self as unknown as Worker).postMessage(r)

self.onmessage = (e: MessageEvent<InspectJob>) => {
  const { seq, bytes, contentType, encodings, path } = e.data
  try {
    reply({ seq, view: presentLayer(bytes, contentType, encodings, path) })
  } catch (err) {
    reply({ seq, error: (err as Error).message })
  }
}
