import type { StateCreator } from 'zustand'
import type { AppState, StatusSlice, StoreDeps } from './types'

/** How long a notice ("Copied as curl") stays. */
const NOTICE_MS = 2500

export const createStatusSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], StatusSlice> =>
  (set, get) => ({
    status: null,
    backendError: null,
    connected: true,
    tokenRejected: false,
    outage: null,
    notice: null,
    say(text) {
      const n = (get().notice?.n ?? 0) + 1
      set({ notice: { text, n } })
      setTimeout(() => {
        if (get().notice?.n === n) set({ notice: null })
      }, NOTICE_MS)
    },
    connectionChanged(connected, tokenRejected = false, o = {}) {
      const was = get().connected
      const outage = connected
        ? null
        : {
            since: o.since ?? get().outage?.since ?? Date.now(),
            attempt: o.attempt ?? get().outage?.attempt ?? 0,
            nextAt: Date.now() + (o.retryInMs ?? 0)
          }
      set({ connected, tokenRejected, outage })
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
