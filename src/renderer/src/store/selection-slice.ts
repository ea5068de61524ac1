import { indexOf, rowAt } from './captures-slice'
import type { StateCreator } from 'zustand'
import { headerValue } from '@shared/http/headers'
import type { AppState, SelectionSlice, StoreDeps } from './types'
import { marksActions } from './captures/marks'

export { MAX_MARKED } from './captures/marks'

export const createSelectionSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SelectionSlice> =>
  (set, get) => ({
    ...marksActions(set, get),
    selectedId: null,
    detail: null,
    detailError: null,
    decoded: null,
    compare: null,
    marked: [],
    anchorId: null,
    panelRequest: null,

    async select(id) {
      set({ compare: null, marked: [], anchorId: id })
      set({ selectedId: id, detailError: null, decoded: null, ...(id === null ? { detail: null } : {}) })
      if (id === null) return
      try {
        const detail = await api.getCapture(id)
        if (get().selectedId !== id) return
        set(detail ? { detail } : { detail: null, detailError: 'This capture no longer exists.' })
        if (detail && headerValue(detail.rawHeaders, 'content-encoding')) {
          const decoded = await api.getDecodedBody(id)
          if (get().selectedId === id) set({ decoded })
        }
      } catch (err) {
        if (get().selectedId === id) set({ detailError: (err as Error).message })
      }
    },

    openCompare(left, right) {
      set({ compare: { left, right }, view: 'captures' })
    },

    closeCompare() {
      set({ compare: null })
    },

    async compareWithPrevious(id) {
      const c = get().detail?.id === id ? get().detail : await api.getCapture(id)
      if (!c) return false
      const query = c.event ? { event: c.event } : c.endpointId !== null ? { endpointId: c.endpointId } : null
      const page = query ? await api.listCaptures({ cursor: id, limit: 1, ...query }) : null
      const previous = page?.items[0]
      if (!previous) return false
      set({ compare: { left: previous.id, right: id }, view: 'captures' })
      return true
    },

    loadCapture(id) {
      return api.getCapture(id)
    },

    requestPanel(panel) {
      const id = get().selectedId
      if (id !== null) set({ panelRequest: { panel, id } })
    },

    panelDone() {
      set({ panelRequest: null })
    },

    moveSelection(delta) {
      const s = get()
      if (s.total === 0) return
      const at = s.selectedId === null ? -1 : indexOf(s, s.selectedId)
      void get().selectIndex(Math.min(s.total - 1, Math.max(0, at === -1 ? 0 : at + delta)))
    },

    async selectIndex(index) {
      if (get().total === 0) return
      const i = Math.min(get().total - 1, Math.max(0, index))
      if (!rowAt(get(), i)) await get().ensureRows(i, i)
      const row = rowAt(get(), i)
      if (row) await get().select(row.id)
    }
  })
