import { MAX_PAGE_SIZE } from '@shared/model/capture'
import type { StateCreator } from 'zustand'
import type { AppState, CapturesSlice, StoreDeps } from './types'

const PAGE = 200
/** How long a deleted capture can be brought back before the deletion is sent. */
export const UNDO_MS = 6000

export const createCapturesSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], CapturesSlice> =>
  (set, get) => {
    // Guards against an older search's answer landing after a newer one.
    let generation = 0
    // The deletion waiting for its undo window, committed when it ends or when another delete starts.
    let pending: { id: number; timer: ReturnType<typeof setTimeout> } | null = null
    const commitPending = async (): Promise<void> => {
      const p = pending
      if (!p) return
      pending = null
      clearTimeout(p.timer)
      set({ undo: null })
      try {
        await api.deleteCapture(p.id)
      } catch (err) {
        set({ backendError: (err as Error).message })
      }
    }

    return {
      items: [],
      nextCursor: null,
      search: '',
      loading: false,
      undo: null,
      verdictFilter: null,

      setVerdictFilter(verdict) {
        set({ verdictFilter: verdict })
        void get().loadFirstPage()
      },

      importCaptures(data, name) {
        return api.importCaptures({ data, ...(name ? { name } : {}) })
      },

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
        // A search or filter is decided by the host: ask it about the new rows only, and put the matches on top.
        const { search, verdictFilter } = get()
        if (search.trim() || verdictFilter) {
          const after = Math.min(...summaries.map((x) => x.id)) - 1
          const mine = generation
          void api.listCaptures({ search, after, limit: MAX_PAGE_SIZE, ...(verdictFilter ? { verdict: verdictFilter } : {}) }).then(
            (page) => {
              if (mine !== generation) return
              const known = new Set(get().items.map((i) => i.id))
              set((s) => ({ items: [...page.items.filter((i) => !known.has(i.id)), ...s.items] }))
            },
            (err: unknown) => set({ backendError: (err as Error).message })
          )
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
        await commitPending()
        const { items } = get()
        const index = items.findIndex((i) => i.id === id)
        const summary = items[index]
        const neighbour = items[index + 1] ?? items[index - 1] ?? null
        // Gone from the list at once; the host deletes it when the undo window closes.
        if (summary) {
          pending = { id, timer: setTimeout(() => void commitPending(), UNDO_MS) }
          set((s) => ({ items: s.items.filter((i) => i.id !== id), undo: { summary, index } }))
        } else await api.deleteCapture(id)
        // Keep the selection on a neighbour for keyboard flow.
        if (get().selectedId === id || get().selectedId === null) void get().select(neighbour?.id ?? null)
      },

      undoDelete() {
        const u = get().undo
        if (!u || !pending) return
        clearTimeout(pending.timer)
        pending = null
        set((s) => {
          const items = [...s.items]
          items.splice(Math.min(u.index, items.length), 0, u.summary)
          return { items, undo: null }
        })
        void get().select(u.summary.id)
      },

      flushDelete() {
        return commitPending()
      },

      capturesUpdated(summaries) {
        const byId = new Map(summaries.map((x) => [x.id, x]))
        if (get().verdictFilter) void get().loadFirstPage()
        set((s) => ({
          items: s.items.map((i) => byId.get(i.id) ?? i),
          ...(s.detail && byId.has(s.detail.id) ? { detail: { ...s.detail, ...byId.get(s.detail.id)! } } : {})
        }))
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
