import type { CaptureSummary } from '@shared/model/capture'
import type { StateCreator } from 'zustand'
import type { AppState, CapturesSlice, StoreDeps } from './types'
import { listContext } from './captures/context'
import { deletionActions } from './captures/deletion'
import { liveActions } from './captures/live'
import { pagingActions } from './captures/paging'
import { indexOf, rowAt } from './captures/rows'

export { indexOf, rowAt } from './captures/rows'
export { HEAD_MAX } from './captures/live'
export { UNDO_MS } from './captures/deletion'

/**
 * The capture list, by concern: loading it (captures/paging.ts), what the host says changed
 * (captures/live.ts), deleting with undo (captures/deletion.ts); pin, import and Clear all here.
 */
export const createCapturesSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], CapturesSlice> =>
  (set, get) => {
    const ctx = listContext(api, set, get)
    return {
      items: [],
      total: 0,
      window: null,
      inserted: 0,
      search: '',
      loading: false,
      undo: null,
      verdictFilter: null,
      ...pagingActions(ctx),
      ...liveActions(ctx),
      ...deletionActions(ctx),

      importCaptures(data, name) {
        return api.importCaptures({ data, ...(name ? { name } : {}) })
      },

      async togglePin(id) {
        const s = get()
        const pinned = !(s.detail?.id === id ? s.detail.pinned : rowAt(s, indexOf(s, id))?.pinned)
        await api.pinCapture(id, pinned)
        const flip = (i: CaptureSummary): CaptureSummary => (i.id === id ? { ...i, pinned } : i)
        set((st) => ({
          items: st.items.map(flip),
          window: st.window ? { ...st.window, rows: st.window.rows.map(flip) } : null,
          ...(st.detail?.id === id ? { detail: { ...st.detail, pinned } } : {})
        }))
      },

      async clearAll() {
        await api.clearCaptures()
      }
    }
  }
