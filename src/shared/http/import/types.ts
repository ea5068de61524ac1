import type { HttpRequest } from '../../model/http'
import { HookscopeError } from '../../errors'

/** A delivery brought in from elsewhere, before it is stored as a capture. */
export interface ImportedRequest extends HttpRequest {
  httpVersion: string
  /** When the source says it was sent (HAR); otherwise the import time is used. */
  sentAt?: number
}

export class ImportError extends HookscopeError {
  constructor(message: string) {
    super('invalid-import', message)
  }
}
