import { MAX_PAGE_SIZE, type CaptureSummary, type ListQuery } from '@shared/model/capture'
import type { StateCreator } from 'zustand'
import type { AppState, CapturesSlice, RowWindow, StoreDeps } from './types'

const PAGE = 200
/** The newest rows kept loaded (live arrivals go on top; the oldest of them drop off). */
export const HEAD_MAX = 1000
/** Rows fetched around a place in the list that is not loaded. */
const WINDOW_MARGIN = 150
/** How long a deleted capture can be brought back before the deletion is sent. */
export const UNDO_MS = 6000

type ListState = Pick<AppState, 'items' | 'window'>

/** The row at a list index, when it is loaded. */
export function rowAt(s: ListState, index: number): CaptureSummary | undefined {
  if (index < s.items.length) return s.items[index]
  const w = s.window
  return w && index >= w.start ? w.rows[index - w.start] : undefined
}

/** The list index of a loaded capture, or -1. */
export function indexOf(s: ListState, id: number): number {
  const i = s.items.findIndex((x) => x.id === id)
  if (i >= 0) return i
  const j = s.window ? s.window.rows.findIndex((x) => x.id === id) : -1
  return j >= 0 ? s.window!.start + j : -1
}

/** A window with `gone` taken out; rows removed above it (newer than its first row) move it up. */
function windowWithout(w: RowWindow | null, gone: Set<number>, goneAbove: number): RowWindow | null {
  if (!w) return null
  const rows = w.rows.filter((r) => !gone.has(r.id))
  return rows.length ? { start: Math.max(0, w.start - goneAbove), rows } : null
}

export const createCapturesSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], CapturesSlice> =>
  (set, get) => {
    // Guards against an older search's answer landing after a newer one.
    let generation = 0
    // The window being fetched (first..last), so a scroll does not ask twice for the same rows.
    let fetching: { first: number; last: number; generation: number } | null = null
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
    const filterQuery = (): ListQuery => {
      const { search, verdictFilter } = get()
      return { ...(search.trim() ? { search } : {}), ...(verdictFilter ? { verdict: verdictFilter } : {}) }
    }
    const filtered = (): boolean => Object.keys(filterQuery()).length > 0
    // With a filter the host decides what a removal did to the total: ask it again.
    const recount = (): void => {
      const mine = generation
      void api.countCaptures(filterQuery()).then(
        (total) => mine === generation && set({ total }),
        () => undefined
      )
    }
    // Rows that arrived (newest first) go on top: the head grows (and drops its oldest), everything below moves down.
    const putOnTop = (fresh: CaptureSummary[]): void => {
      if (fresh.length === 0) return
      set((s) => {
        const known = new Set(s.items.map((i) => i.id))
        const added = fresh.filter((i) => !known.has(i.id))
        return {
          items: [...added, ...s.items].slice(0, HEAD_MAX),
          total: s.total + added.length,
          inserted: s.inserted + added.length,
          window: s.window ? { ...s.window, start: s.window.start + added.length } : null
        }
      })
    }

    return {
      items: [],
      total: 0,
      window: null,
      inserted: 0,
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
        fetching = null
        set({ loading: true })
        try {
          const query = filterQuery()
          const before = get().inserted
          // Rows first; the total of a filtered list (a scan on the host) follows.
          const page = await api.listCaptures({ limit: PAGE, ...query })
          if (mine !== generation) return
          // Captures that arrived live while the page was asked for stay on top (the host may have read it before them).
          const s = get()
          const listed = new Set(page.items.map((i) => i.id))
          const items = [...s.items.slice(0, Math.max(0, s.inserted - before)).filter((i) => !listed.has(i.id)), ...page.items]
          const known = filtered() ? items.length : Math.max(items.length, s.status?.captureCount ?? 0)
          set({ items, window: null, total: page.nextCursor === null ? items.length : known, loading: false, backendError: null })
          if (page.nextCursor !== null) {
            const total = await api.countCaptures(query)
            if (mine === generation) set({ total })
          }
        } catch (err) {
          if (mine === generation) set({ loading: false, backendError: (err as Error).message })
        }
      },

      async ensureRows(first, last) {
        const s = get()
        last = Math.min(last, s.total - 1)
        first = Math.max(0, first)
        if (last < first) return
        let covered = true
        for (let i = first; i <= last && covered; i++) covered = rowAt(s, i) !== undefined
        if (covered) return
        if (fetching && fetching.generation === generation && fetching.first <= first && fetching.last >= last) return
        const mine = generation
        const start = Math.max(0, first - WINDOW_MARGIN)
        const limit = Math.min(MAX_PAGE_SIZE, last - start + 1 + WINDOW_MARGIN)
        fetching = { first: start, last: start + limit - 1, generation: mine }
        try {
          // From whichever end is nearer: the host skips rows on a narrow index, from the oldest end for the old ones.
          const fromOldest = start > s.total / 2
          const offset = fromOldest ? Math.max(0, s.total - (start + limit)) : start
          const page = await api.listCaptures({ ...filterQuery(), offset, limit, ...(fromOldest ? { fromOldest } : {}) })
          if (mine !== generation) return
          const at = fromOldest ? s.total - offset - page.items.length : start
          // Rows that arrived while this was asked for moved everything down.
          const shift = get().inserted - s.inserted
          set({ window: { start: at + shift, rows: page.items } })
        } catch (err) {
          set({ backendError: (err as Error).message })
        } finally {
          if (fetching?.generation === mine) fetching = null
        }
      },

      async indexAtTime(time) {
        return api.countCaptures({ ...filterQuery(), receivedAfter: time })
      },

      setSearch(search) {
        set({ search })
        return get().loadFirstPage()
      },

      capturesAdded(summaries) {
        set((s) => ({ status: s.status ? { ...s.status, captureCount: s.status.captureCount + summaries.length } : s.status }))
        // A search or filter is decided by the host: ask it about the new rows only, and put the matches on top.
        if (filtered()) {
          const after = Math.min(...summaries.map((x) => x.id)) - 1
          const mine = generation
          void api.listCaptures({ ...filterQuery(), after, limit: MAX_PAGE_SIZE }).then(
            (page) => mine === generation && putOnTop(page.items),
            (err: unknown) => set({ backendError: (err as Error).message })
          )
          return
        }
        putOnTop([...summaries].sort((a, b) => b.id - a.id))
      },

      capturesRemoved(ids, count) {
        if (ids === 'all') {
          generation++
          set((s) => ({
            items: [],
            window: null,
            total: 0,
            selectedId: null,
            detail: null,
            status: s.status ? { ...s.status, captureCount: 0 } : s.status
          }))
          return
        }
        const gone = new Set(ids)
        set((s) => {
          const items = s.items.filter((i) => !gone.has(i.id))
          const firstInWindow = s.window?.rows[0]?.id ?? 0
          const goneAbove = ids.filter((id) => id > firstInWindow).length
          return {
            items,
            window: windowWithout(s.window, gone, goneAbove),
            // Without a filter every removed capture was in the list; with one, the host recounts. The host's
            // count after the removal is taken as it is: a status event may already have counted the removal.
            total: filtered() ? s.total : (count ?? Math.max(0, s.total - gone.size)),
            status: s.status ? { ...s.status, captureCount: count ?? Math.max(0, s.status.captureCount - gone.size) } : s.status,
            ...(s.selectedId !== null && gone.has(s.selectedId) ? { selectedId: null, detail: null } : {})
          }
        })
        if (filtered()) recount()
      },

      async deleteCapture(id) {
        await commitPending()
        const s = get()
        const index = indexOf(s, id)
        const summary = index >= 0 ? rowAt(s, index) : undefined
        const neighbour = rowAt(s, index + 1) ?? (index > 0 ? rowAt(s, index - 1) : undefined) ?? null
        // Gone from the list at once; the host deletes it when the undo window closes.
        if (summary) {
          pending = { id, timer: setTimeout(() => void commitPending(), UNDO_MS) }
          set((st) => ({
            items: st.items.filter((i) => i.id !== id),
            window: windowWithout(st.window, new Set([id]), index < (st.window?.start ?? Infinity) ? 1 : 0),
            total: Math.max(0, st.total - 1),
            // Every count in the window moves together (the host's count comes with the removal).
            status: st.status ? { ...st.status, captureCount: Math.max(0, st.status.captureCount - 1) } : st.status,
            undo: { summary, index }
          }))
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
          const back = {
            total: s.total + 1,
            undo: null,
            status: s.status ? { ...s.status, captureCount: s.status.captureCount + 1 } : s.status
          }
          if (u.index <= s.items.length) {
            const items = [...s.items]
            items.splice(u.index, 0, u.summary)
            return { ...back, items, window: s.window ? { ...s.window, start: s.window.start + 1 } : null }
          }
          if (s.window && u.index >= s.window.start && u.index <= s.window.start + s.window.rows.length) {
            const rows = [...s.window.rows]
            rows.splice(u.index - s.window.start, 0, u.summary)
            return { ...back, window: { ...s.window, rows } }
          }
          return back
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
          window: s.window ? { ...s.window, rows: s.window.rows.map((i) => byId.get(i.id) ?? i) } : null,
          ...(s.detail && byId.has(s.detail.id) ? { detail: { ...s.detail, ...byId.get(s.detail.id)! } } : {})
        }))
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
