import { indexOf, rowAt } from './captures-slice'
import type { StateCreator } from 'zustand'
import { headerValue } from '@shared/http/headers'
import type { AppState, SelectionSlice, StoreDeps } from './types'

/** A range selection holds at most this many captures: what one window fetch covers (a larger export is the filter's). */
export const MAX_MARKED = 300

export const createSelectionSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SelectionSlice> =>
  (set, get) => ({
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

    async markRange(id) {
      const anchor = get().anchorId ?? get().selectedId
      const from = anchor === null ? -1 : indexOf(get(), anchor)
      const to = indexOf(get(), id)
      if (anchor === null || from < 0 || to < 0) return get().select(id)
      // The range runs from the anchor towards the clicked row, at most MAX_MARKED rows.
      const end = from + Math.sign(to - from) * Math.min(Math.abs(to - from), MAX_MARKED - 1)
      const [lo, hi] = [Math.min(from, end), Math.max(from, end)]
      await get().ensureRows(lo, hi)
      const marked: number[] = []
      for (let i = lo; i <= hi; i++) {
        const row = rowAt(get(), i)
        if (row) marked.push(row.id)
      }
      const at = rowAt(get(), end)?.id ?? id
      if (at !== get().selectedId) await get().select(at)
      set({ marked: marked.length > 1 ? marked : [], anchorId: anchor })
    },

    async extendSelection(delta) {
      const s = get()
      if (s.selectedId === null) return s.moveSelection(delta)
      const at = indexOf(s, s.selectedId)
      const next = at < 0 ? undefined : rowAt(s, Math.min(s.total - 1, Math.max(0, at + delta)))
      if (!next) await get().ensureRows(at + delta, at + delta)
      const row = rowAt(get(), Math.min(get().total - 1, Math.max(0, at + delta)))
      if (row) await get().markRange(row.id)
    },

    toggleMark(id) {
      const s = get()
      const base = s.marked.length ? s.marked : s.selectedId !== null ? [s.selectedId] : []
      const marked = base.includes(id) ? base.filter((m) => m !== id) : [...base, id].sort((a, b) => b - a)
      set({ marked: marked.length > 1 ? marked : [], anchorId: id })
      if (marked.length === 1 && marked[0] !== s.selectedId) void get().select(marked[0]!)
    },

    clearMarks() {
      set({ marked: [] })
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
