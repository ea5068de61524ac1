import { makeDescriber, type Describer, SCHEMES, type SchemeDefinition } from '@shared/signatures'
import type { NewCapture } from '../store'

/**
 * Provider and event of each capture, detected once on the capture path — before the store, with
 * the full scheme list (built-in and the user's). The detection data is built once per list: again
 * only when the user's schemes change (their list is a new array then).
 */
export class CaptureDescriber {
  private describer: Describer | null = null
  private forList: readonly SchemeDefinition[] | null = null

  constructor(private readonly customSchemes: () => readonly SchemeDefinition[]) {}

  describe(c: Pick<NewCapture, 'method' | 'target' | 'rawHeaders' | 'body' | 'contentType'>): {
    provider: string | null
    event: string | null
  } {
    const custom = this.customSchemes()
    if (!this.describer || custom !== this.forList) {
      this.describer = makeDescriber([...SCHEMES, ...custom])
      this.forList = custom
    }
    return this.describer(c)
  }
}
