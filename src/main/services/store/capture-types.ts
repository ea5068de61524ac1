import { HookscopeError } from '@shared/errors'
import type { CapturedRequest, CaptureSummary } from '@shared/model/capture'

// What the store takes and gives back around a commit (capture-store.ts), declared apart from its queries.

/** A capture before it has an id. */
export type NewCapture = Omit<
  CapturedRequest,
  'id' | 'replyStatus' | 'provider' | 'event' | 'endpointId' | 'verdict' | 'verdictReason' | 'replay'
> &
  Partial<Pick<CapturedRequest, 'endpointId' | 'verdict' | 'verdictReason' | 'replay'>> & {
    /** SHA-256 of the received signature, for replay detection. */
    sigHash?: string | null
    /** Provider and event when the endpoint's check already detected them (detection runs once per capture). */
    provider?: string | null
    event?: string | null
    imported?: CaptureSummary['imported']
    /** Kept whatever retention says (imports that retention would remove at once). */
    pinned?: boolean
    /**
     * The body's memory is this capture's alone (the listener's own buffer, unused once handed off):
     * the hand-off to the writer thread moves it instead of copying it.
     */
    ownBody?: boolean
  }

/** The database file under a running store is gone or another file: nothing can be committed to it. */
export class StoreGoneError extends HookscopeError {
  constructor(message: string) {
    super('store-gone', message)
  }
}

/** Retention asked of a commit: keep the newest `keepLast` unpinned (0 = all), drop those received before `beforeMs` (0 = none). */
export interface RetainPolicy {
  keepLast: number
  beforeMs: number
}

/**
 * The most old captures a commit of `n` new ones removes: one more than it brings, so a full store
 * stays full (and a pin lifted is made up for) inside the commit. A larger backlog (a lowered limit)
 * is the upkeep's, which gives way to the next webhook: every capture deleted inside a commit is
 * work that webhook's reply waits for.
 */
export const commitPruneBatch = (n: number): number => n + 1

/** What one commit did: the rows it added, and the ids retention removed in the same transaction. */
export interface Committed {
  added: CaptureSummary[]
  removed: number[]
}
