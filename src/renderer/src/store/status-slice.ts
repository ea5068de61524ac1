import type { StateCreator } from 'zustand'
import type { AppState, StatusSlice, StoreDeps } from './types'

export const createStatusSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], StatusSlice> =>
  (set) => ({
    status: null,
    backendError: null,
    async refreshStatus() {
      try {
        set({ status: await api.getStatus(), backendError: null })
      } catch (err) {
        set({ backendError: (err as Error).message })
      }
    }
  })
