import type { StateCreator } from 'zustand'
import type { AppState, ComposeSlice, StoreDeps } from './types'

/** What goes out: composed requests and their history, replays, receiver probes. */
export const createComposeSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], ComposeSlice> =>
  () => ({
    composeSend: (request, options) => api.sendRequest(request, options),
    loadHistory: () => api.listSent(),
    openSent: (id) => api.getSent(id),
    probeReceiver: (request, options) => api.probeReceiver(request, options),
    replay: (ids, options) => api.replayCaptures(ids, options)
  })
