import type { Settings } from '@shared/model/settings'
import type { CaptureStore } from './store/capture-store'

/** Applies "keep last N" and "keep D days" (pinned captures stay); returns how many were removed. */
export function applyRetention(store: CaptureStore, { keepLast, keepDays }: Pick<Settings, 'keepLast' | 'keepDays'>, now: number): number {
  if (!keepLast && !keepDays) return 0
  return store.prune(keepLast, keepDays ? now - keepDays * 86_400_000 : 0)
}
