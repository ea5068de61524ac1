import type { StateCreator } from 'zustand'
import type { AppState, CapturesSlice, StoreDeps } from './types'

const PAGE = 200

export const createCapturesSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], CapturesSlice> =>
  (set, get) => {
    // Guards against an older search's answer landing after a newer one.
    let generation = 0

    return {
      items: [],
      nextCursor: null,
      search: '',
      loading: false,

      async loadFirstPage() {
        const mine = ++generation
        set({ loading: true })
        try {
          const filter = get().verdictFilter
          const page = await api.listCaptures({ limit: PAGE, search: get().search, ...(filter ? { verdict: filter } : {}) })
          if (mine !== generation) return
          set({ items: page.items, nextCursor: page.nextCursor, loading: false, backendError: null })
        } catch (err) {
          if (mine === generation) set({ loading: false, backendError: (err as Error).message })
        }
      },

      async loadMore() {
        const { nextCursor, loading, search } = get()
        if (nextCursor === null || loading) return
        const mine = generation
        set({ loading: true })
        try {
          const filter = get().verdictFilter
          const page = await api.listCaptures({ limit: PAGE, cursor: nextCursor, search, ...(filter ? { verdict: filter } : {}) })
          if (mine !== generation) return
          set((s) => ({ items: [...s.items, ...page.items], nextCursor: page.nextCursor, loading: false }))
        } catch (err) {
          set({ loading: false, backendError: (err as Error).message })
        }
      },

      setSearch(search) {
        set({ search })
        void get().loadFirstPage()
      },

      capturesAdded(summaries) {
        set((s) => ({ status: s.status ? { ...s.status, captureCount: s.status.captureCount + summaries.length } : s.status }))
        // A search's matches are decided by the index: ask again rather than guess.
        if (get().search.trim() || get().verdictFilter) {
          void get().loadFirstPage()
          return
        }
        const fresh = [...summaries].sort((a, b) => b.id - a.id)
        set((s) => ({ items: [...fresh, ...s.items] }))
      },

      capturesRemoved(ids) {
        if (ids === 'all') {
          set((s) => ({
            items: [],
            nextCursor: null,
            selectedId: null,
            detail: null,
            status: s.status ? { ...s.status, captureCount: 0 } : s.status
          }))
          return
        }
        const gone = new Set(ids)
        set((s) => ({
          items: s.items.filter((i) => !gone.has(i.id)),
          status: s.status ? { ...s.status, captureCount: Math.max(0, s.status.captureCount - gone.size) } : s.status,
          ...(s.selectedId !== null && gone.has(s.selectedId) ? { selectedId: null, detail: null } : {})
        }))
      },

      async deleteCapture(id) {
        const { items } = get()
        const index = items.findIndex((i) => i.id === id)
        const neighbour = items[index + 1] ?? items[index - 1] ?? null
        await api.deleteCapture(id)
        // The removal arrives as an event; keep the selection on a neighbour for keyboard flow.
        if (get().selectedId === id || get().selectedId === null) void get().select(neighbour?.id ?? null)
      },

      async togglePin(id) {
        const detail = get().detail
        const pinned = !(detail?.id === id ? detail.pinned : get().items.find((i) => i.id === id)?.pinned)
        await api.pinCapture(id, pinned)
        set((s) => ({
          items: s.items.map((i) => (i.id === id ? { ...i, pinned } : i)),
          ...(s.detail?.id === id ? { detail: { ...s.detail, pinned } } : {})
        }))
      },

      async clearAll() {
        await api.clearCaptures()
      }
    }
  }
