import type { StateCreator } from 'zustand'
import type { AppState, StatusSlice, StoreDeps } from './types'

export const createStatusSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], StatusSlice> =>
  (set, get) => ({
    status: null,
    backendError: null,
    connected: true,
    tokenRejected: false,
    connectionChanged(connected, tokenRejected = false) {
      const was = get().connected
      set({ connected, tokenRejected })
      // Back after a drop: events were missed, so read the state again.
      if (connected && !was) {
        void get().refreshStatus()
        void get().loadFirstPage()
      }
    },
    async refreshStatus() {
      try {
        set({ status: await api.getStatus(), backendError: null })
      } catch (err) {
        set({ backendError: (err as Error).message })
      }
    }
  })
