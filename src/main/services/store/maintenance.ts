import type { StoreUpkeep } from '@shared/model/capture'
import { commitPruneBatch } from './capture-store'
import type { CaptureUpkeep } from './capture-upkeep'
import type { Done } from './protocol'

/** What the store tells the host on its own: captures the upkeep removed, and when the upkeep starts, changes or ends. */
export interface StoreEvents {
  removed(ids: number[]): void
  upkeep(state: StoreUpkeep): void
}
type Step = 'more' | 'alone' | 'done'
export const NO_EVENTS: StoreEvents = { removed: () => undefined, upkeep: () => undefined }

/**
 * Background upkeep where the writes run: the rows a Clear all hid, then giving their space back to
 * the disk, then retention left over after a commit — in slices of a few milliseconds, so commits
 * that arrive meanwhile wait at most one slice.
 */
export class Maintenance {
  private state: StoreUpkeep = null
  private retain: { keepLast: number; beforeMs: number } | null = null
  private retainLeft = false
  private reclaimDue = false
  /** A search index a Clear all put aside (or a spent generation) is still to be dropped. */
  private dropDue = false
  /** The oldest generation of the search index may be spent (enough captures went since it was last looked at). */
  private spentDue = true
  private sinceSpentCheck = 0
  /** Captures were committed without their search entry. */
  private indexDue: boolean
  /** Captures deleted since the search index was last tidied (their entries are only marked). */
  private marked = 0
  private scheduled = false
  /** The timer of a slice that only waits for captures to index (other work runs it sooner). */
  private indexWait: NodeJS.Timeout | null = null
  private stopped = false
  static readonly SLICE_MS = 6
  static readonly PAUSE_MS = 18
  /** How long fewer than a step's worth of new captures wait to be indexed (when nothing else is due). */
  static readonly INDEX_WAIT_MS = 100
  static readonly STEP = 128
  /** Marked index entries worth one bounded merge, and its size in index pages. */
  static readonly TIDY_EVERY = 128
  static readonly TIDY_PAGES = 4
  /** Deleted captures between two looks at whether the oldest index generation is spent. */
  static readonly SPENT_CHECK_EVERY = 512
  /**
   * Captures left unindexed past which a commit is followed at once by an indexing step, whatever
   * waits: under constant traffic the index stays this close behind (a search first indexes the rest).
   */
  static readonly INDEX_LAG_MAX = 2048

  constructor(
    private readonly store: CaptureUpkeep,
    private readonly events: StoreEvents,
    /** Whether an operation is waiting for this thread (a slice then ends after its current step). */
    private readonly waited: () => boolean = () => false
  ) {
    this.dropDue = store.hasRetiredIndex()
    // A Clear all under way when the store was last closed goes on, and gives the space back after.
    this.reclaimDue = store.clearing() > 0 || this.dropDue
    this.indexDue = store.unindexed() > 0
    if (this.reclaimDue || this.indexDue) this.schedule()
  }

  /** After each operation: what it means for the upkeep to come. */
  after(done: Done): void {
    if (done.op === 'clear') {
      // The rows, then the index put aside, then the space back to the disk. (Retention gives none
      // back: a store kept at N captures reuses its free pages.)
      this.dropDue = true
      this.reclaimDue = true
      this.schedule()
    }
    if (done.op === 'delete' && done.result) this.gone([done.args[0]])
    if (done.op === 'commit') {
      const waiting = this.store.unindexed()
      if (waiting >= Maintenance.INDEX_LAG_MAX) this.store.indexStep(Maintenance.STEP)
      this.indexDue = true
      // Many captures to an indexing transaction (FTS5 costs less per row in larger ones): at once when
      // a step's worth waits, else after INDEX_WAIT_MS. A search never waits for this: it indexes first.
      if (waiting < Maintenance.STEP) this.schedule(false, true)
      else this.schedule()
      this.gone(done.result.removed)
      const policy = done.args[1]
      if (!policy) return
      this.retain = policy
      // A full batch means more may be over the limit (a lowered limit, a burst): the rest goes in the background.
      if (done.result.removed.length >= commitPruneBatch(done.args[0].length)) this.retainMore()
    }
    if (done.op === 'prune') {
      this.gone(done.result)
      this.retain = { keepLast: done.args[0], beforeMs: done.args[1] }
      this.retainMore()
    }
  }

  private retainMore(): void {
    this.retainLeft = true
    this.schedule()
  }

  /** Captures deleted: those of the current index generation left marked entries; enough of any may have emptied the oldest one. */
  private gone(ids: number[]): void {
    if (ids.length === 0) return
    this.sinceSpentCheck += ids.length
    if (this.sinceSpentCheck >= Maintenance.SPENT_CHECK_EVERY) {
      this.sinceSpentCheck = 0
      this.spentDue = true
      this.schedule()
    }
    const from = this.store.indexFrom()
    this.marked += ids.filter((id) => id >= from).length
    if (this.marked >= Maintenance.TIDY_EVERY) this.schedule()
  }

  /**
   * The first slice runs as soon as the thread is free; while there is more, each next one waits
   * PAUSE_MS, so upkeep takes at most about a quarter of the writer's time and of the disk's: commits
   * meet at most one slice, and their sync never has a long stretch of upkeep writes to flush. Work a
   * slice itself finds (deletions that make a tidy due) waits for the pause like the rest. Indexing
   * alone waits longer (`INDEX_WAIT_MS`) for a step's worth of captures; any other work cuts that short.
   */
  private schedule(pause = false, forIndex = false): void {
    if (this.scheduled && !(this.indexWait && !forIndex)) return
    if (this.indexWait) clearTimeout(this.indexWait)
    this.indexWait = null
    this.scheduled = true
    const run = (): void => {
      this.indexWait = null
      if (this.stopped) return
      const more = this.slice()
      this.scheduled = false
      if (more) this.schedule(true)
    }
    if (forIndex) this.indexWait = setTimeout(run, Maintenance.INDEX_WAIT_MS)
    else if (pause) setTimeout(run, Maintenance.PAUSE_MS)
    else setImmediate(run)
  }

  /** No slice runs after this (the connection is about to close). */
  stop(): void {
    this.stopped = true
    if (this.indexWait) clearTimeout(this.indexWait)
  }

  /**
   * One slice of work, its steps in one transaction (reclaiming runs on its own); true when there is
   * more. A slice ends early, after its current step, when an operation is waiting: a webhook's
   * commit waits for one step (~1 ms), not a whole slice.
   */
  private slice(): boolean {
    const until = performance.now() + Maintenance.SLICE_MS
    let next = this.store.together(() => {
      let step: Step
      do step = this.step()
      while (step === 'more' && performance.now() < until && !this.waited())
      return step
    })
    if (next === 'alone') {
      this.report('reclaiming')
      this.reclaimDue = this.store.reclaim(Maintenance.STEP) > 0
      next = 'more'
    }
    if (next === 'done') this.report(null)
    return next !== 'done'
  }

  /** One bounded step of the most urgent work: 'more' when done, 'alone' when the next is reclaiming, 'done' when none is left. */
  private step(): Step {
    if (this.indexDue) {
      // New captures into the search index first: a search waits for them.
      this.indexDue = this.store.indexStep(Maintenance.STEP) > 0
    } else if (this.store.clearing() > 0) {
      this.report('clearing')
      this.store.clearStep(Maintenance.STEP)
    } else if (this.dropDue) {
      // An index put aside (by Clear all, or a generation retention emptied), a few pages at a time.
      this.report(this.reclaimDue ? 'clearing' : 'retention')
      this.dropDue = this.store.dropRetiredStep(Maintenance.STEP)
    } else if (this.spentDue) {
      // Retention emptied the oldest generation of the index: it goes whole (then is dropped in steps).
      this.spentDue = this.store.retireSpentGeneration()
      if (this.spentDue) this.dropDue = true
    } else if (this.marked >= Maintenance.TIDY_EVERY) {
      this.report('retention')
      this.store.tidyIndex(Maintenance.TIDY_PAGES)
      this.marked -= Maintenance.TIDY_EVERY
    } else if (this.reclaimDue) {
      return 'alone'
    } else if (this.retain && this.retainLeft) {
      this.report('retention')
      const removed = this.store.prune(this.retain.keepLast, this.retain.beforeMs, Maintenance.STEP)
      this.retainLeft = removed.length === Maintenance.STEP
      this.gone(removed)
      if (removed.length) this.events.removed(removed)
    } else return 'done'
    return 'more'
  }

  private report(state: StoreUpkeep): void {
    if (state === this.state) return
    this.state = state
    this.events.upkeep(state)
  }
}
