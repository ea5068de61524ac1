import type { StateCreator } from 'zustand'
import type { AppState, ComposeSlice, StoreDeps } from './types'

/** What goes out: composed requests and their history, replays, receiver probes, exports. */
export const createComposeSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], ComposeSlice> =>
  () => ({
    composeSend: (request, options) => api.sendRequest(request, options),
    loadHistory: () => api.listSent(),
    openSent: (id) => api.getSent(id),
    probeReceiver: (request, options) => api.probeReceiver(request, options),
    replay: (ids, options) => api.replayCaptures(ids, options),
    async exportCaptures(request, progress, cancelled) {
      const parts: string[] = []
      let done = 0
      let total = 0
      let cursor: number | null | undefined
      do {
        const page = await api.exportCaptures({ ...request, cursor })
        if (cancelled()) return null
        parts.push(page.text)
        done += page.exported
        total = page.total ?? total
        progress(done, total)
        cursor = page.cursor
      } while (cursor !== null)
      return parts
    }
  })
