import type { Settings } from '@shared/model/settings'
import type { CaptureWriter } from './store/capture-writer'

/**
 * "Keep last N" and "keep D days" (pinned captures stay), run by the writer after a commit — off the
 * listener's thread, one bounded batch at a time. While one pass runs, further asks are dropped (the
 * next commit asks again). Resolves with how many captures went.
 */
export class Retention {
  private running = false
  constructor(
    private readonly writer: () => CaptureWriter | null,
    private readonly settings: () => Pick<Settings, 'keepLast' | 'keepDays'>,
    private readonly now: () => number
  ) {}

  async apply(): Promise<number> {
    const { keepLast, keepDays } = this.settings()
    const writer = this.writer()
    if ((!keepLast && !keepDays) || !writer || this.running) return 0
    this.running = true
    try {
      return await writer.prune(keepLast, keepDays ? this.now() - keepDays * 86_400_000 : 0)
    } finally {
      this.running = false
    }
  }
}
