import type { RawHeaders } from '../../model/capture'
import { HookscopeError } from '../../errors'

/** A delivery brought in from elsewhere, before it is stored as a capture. */
export interface ImportedRequest {
  method: string
  /** Path and query as sent (origin form). */
  target: string
  httpVersion: string
  rawHeaders: RawHeaders
  body: Uint8Array
  /** When the source says it was sent (HAR); otherwise the import time is used. */
  sentAt?: number
}

export class ImportError extends HookscopeError {
  constructor(message: string) {
    super('invalid-import', message)
  }
}
