import type { AppState } from './types'

type Set = (partial: Partial<AppState>) => void
type Get = () => AppState

/**
 * Runs a setup action (keys, endpoints, schemes, settings): clears the last error, refreshes the setup
 * lists after it, and keeps its error for the form that started it. True on success.
 */
export function guarded(set: Set, get: Get) {
  return async (action: () => Promise<unknown>): Promise<boolean> => {
    set({ setupError: null })
    try {
      await action()
      await get().refreshSetup()
      return true
    } catch (err) {
      set({ setupError: (err as Error).message })
      return false
    }
  }
}
