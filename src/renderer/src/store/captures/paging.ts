import { MAX_PAGE_SIZE, type CapturePage } from '@shared/model/capture'
import type { AppState, CapturesSlice } from '../types'
import type { ListContext } from './context'
import { rowAt } from './rows'

const PAGE = 200
/** Rows fetched around a place in the list that is not loaded. */
const WINDOW_MARGIN = 150

/**
 * Loading the list: its first page (newest first, with the rows that arrive meanwhile kept on top) and,
 * for a place scrolled to that is not loaded, one window of rows around it.
 */
export function pagingActions(
  ctx: ListContext
): Pick<CapturesSlice, 'loadFirstPage' | 'ensureRows' | 'indexAtTime' | 'setSearch' | 'setVerdictFilter'> {
  const { api, set, get } = ctx
  // The window being fetched (first..last), so a scroll does not ask twice for the same rows.
  let fetching: { first: number; last: number; generation: number } | null = null
  return {
    async loadFirstPage() {
      const mine = ++ctx.generation
      fetching = null
      set({ loading: true })
      try {
        const query = ctx.filterQuery()
        const before = get().inserted
        // Rows first; the total of a filtered list (a scan on the host) follows.
        const page = await api.listCaptures({ limit: PAGE, ...query })
        if (mine !== ctx.generation) return
        set({ ...firstPage(get(), page, before, ctx.filtered()), loading: false, backendError: null })
        if (page.nextCursor !== null) {
          const total = await api.countCaptures(query)
          if (mine === ctx.generation) set({ total })
        }
      } catch (err) {
        if (mine === ctx.generation) set({ loading: false, backendError: (err as Error).message })
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
      if (fetching && fetching.generation === ctx.generation && fetching.first <= first && fetching.last >= last) return
      const mine = ctx.generation
      const start = Math.max(0, first - WINDOW_MARGIN)
      const limit = Math.min(MAX_PAGE_SIZE, last - start + 1 + WINDOW_MARGIN)
      fetching = { first: start, last: start + limit - 1, generation: mine }
      try {
        // From whichever end is nearer: the host skips rows on a narrow index, from the oldest end for the old ones.
        const fromOldest = start > s.total / 2
        const offset = fromOldest ? Math.max(0, s.total - (start + limit)) : start
        const page = await api.listCaptures({
          ...ctx.filterQuery(),
          offset,
          limit,
          ...(fromOldest ? { fromOldest } : {})
        })
        if (mine !== ctx.generation) return
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
      return api.countCaptures({ ...ctx.filterQuery(), receivedAfter: time })
    },

    setSearch(search) {
      set({ search })
      return get().loadFirstPage()
    },

    setVerdictFilter(verdict) {
      set({ verdictFilter: verdict })
      void get().loadFirstPage()
    }
  }
}

/** The first page as loaded: captures that arrived live while it was asked for stay on top (the host may have read it before them). */
function firstPage(s: AppState, page: CapturePage, before: number, filtered: boolean): Partial<AppState> {
  const listed = new Set(page.items.map((i) => i.id))
  const items = [...s.items.slice(0, Math.max(0, s.inserted - before)).filter((i) => !listed.has(i.id)), ...page.items]
  const known = filtered ? items.length : Math.max(items.length, s.status?.captureCount ?? 0)
  return { items, window: null, total: page.nextCursor === null ? items.length : known }
}
