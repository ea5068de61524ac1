import { MAX_PAGE_SIZE, type CaptureSummary } from '@shared/model/capture'
import type { AppState, CapturesSlice } from '../types'
import type { ListContext } from './context'
import { windowWithout } from './rows'

/** The newest rows kept loaded (live arrivals go on top; the oldest of them drop off). */
export const HEAD_MAX = 1000

/** What the host says happened to captures (added, removed, updated), applied to the loaded rows. */
export function liveActions(
  ctx: ListContext
): Pick<CapturesSlice, 'capturesAdded' | 'capturesRemoved' | 'capturesUpdated'> {
  const { api, set, get } = ctx
  // With a filter the host decides what a removal did to the total: ask it again.
  const recount = (): void => {
    const mine = ctx.generation
    void api.countCaptures(ctx.filterQuery()).then(
      (total) => mine === ctx.generation && set({ total }),
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
    capturesAdded(summaries) {
      set((s) => ({
        status: s.status ? { ...s.status, captureCount: s.status.captureCount + summaries.length } : s.status
      }))
      // A search or filter is decided by the host: ask it about the new rows only, and put the matches on top.
      if (ctx.filtered()) {
        const after = Math.min(...summaries.map((x) => x.id)) - 1
        const mine = ctx.generation
        void api.listCaptures({ ...ctx.filterQuery(), after, limit: MAX_PAGE_SIZE }).then(
          (page) => mine === ctx.generation && putOnTop(page.items),
          (err: unknown) => set({ backendError: (err as Error).message })
        )
        return
      }
      putOnTop([...summaries].sort((a, b) => b.id - a.id))
    },

    capturesRemoved(ids, count) {
      if (ids === 'all') {
        ctx.generation++
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
      set((s) => withoutRows(s, ids, count, ctx.filtered()))
      if (ctx.filtered()) recount()
    },

    capturesUpdated(summaries) {
      const byId = new Map(summaries.map((x) => [x.id, x]))
      if (get().verdictFilter) void get().loadFirstPage()
      set((s) => ({
        items: s.items.map((i) => byId.get(i.id) ?? i),
        window: s.window ? { ...s.window, rows: s.window.rows.map((i) => byId.get(i.id) ?? i) } : null,
        ...(s.detail && byId.has(s.detail.id) ? { detail: { ...s.detail, ...byId.get(s.detail.id)! } } : {})
      }))
    }
  }
}

/** The loaded rows with the removed ones taken out (the total left to the host's recount when filtered). */
function withoutRows(s: AppState, ids: number[], count: number | undefined, filtered: boolean): Partial<AppState> {
  const gone = new Set(ids)
  const firstInWindow = s.window?.rows[0]?.id ?? 0
  const goneAbove = ids.filter((id) => id > firstInWindow).length
  return {
    items: s.items.filter((i) => !gone.has(i.id)),
    window: windowWithout(s.window, gone, goneAbove),
    // Without a filter every removed capture was in the list; with one, the host recounts. The host's
    // count after the removal is taken as it is: a status event may already have counted the removal.
    total: filtered ? s.total : (count ?? Math.max(0, s.total - gone.size)),
    status: s.status
      ? { ...s.status, captureCount: count ?? Math.max(0, s.status.captureCount - gone.size) }
      : s.status,
    ...(s.selectedId !== null && gone.has(s.selectedId) ? { selectedId: null, detail: null } : {})
  }
}
