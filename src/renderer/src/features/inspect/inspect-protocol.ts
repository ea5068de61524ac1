import type { LayerView } from '@shared/decode/present'

/** The decode worker's messages, declared once for both sides. Window → worker: one body to present. */
export interface InspectJob {
  seq: number
  bytes: Uint8Array
  contentType: string | null
  encodings: string[]
  path?: string[]
}

/** Worker → window: the layer for the job with that `seq`, or why it could not be presented. */
export type InspectReply = { seq: number; view: LayerView } | { seq: number; error: string }
