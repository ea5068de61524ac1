import type { Settings } from '@shared/model/settings'
import type { RetainPolicy } from '../store'

/**
 * "Keep last N" and "keep D days" (pinned captures stay) as the policy each commit carries: the
 * writer applies it in the commit's own transaction, and whatever is left over (a lowered limit) in
 * the background between commits. Null when nothing is to go.
 */
export function retainPolicy(settings: Pick<Settings, 'keepLast' | 'keepDays'>, now: number): RetainPolicy | undefined {
  const { keepLast, keepDays } = settings
  if (!keepLast && !keepDays) return undefined
  return { keepLast, beforeMs: keepDays ? now - keepDays * 86_400_000 : 0 }
}

/**
 * The ids retention removed, sent to the window together at most every EVERY_MS: with "keep last N"
 * each commit removes a few old captures, and a window told once per commit would redraw its list
 * hundreds of times a second. (A capture the user deletes is told at once, not through this.)
 */
export class RemovedNotices {
  private ids: number[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  static readonly EVERY_MS = 250

  constructor(private readonly send: (ids: number[]) => void) {}

  add(ids: readonly number[]): void {
    if (ids.length === 0) return
    this.ids.push(...ids)
    if (this.timer) return
    this.timer = setTimeout(() => this.flush(), RemovedNotices.EVERY_MS)
    this.timer.unref?.()
  }

  /** Sends what is waiting now. */
  flush(): void {
    this.stop()
    const ids = this.ids
    this.ids = []
    if (ids.length) this.send(ids)
  }

  /** Forgets what is waiting (Clear all told the window that everything went). */
  drop(): void {
    this.stop()
    this.ids = []
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
