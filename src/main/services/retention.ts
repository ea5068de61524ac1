import type { Settings } from '@shared/model/settings'
import type { RetainPolicy } from './store/capture-store'

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
