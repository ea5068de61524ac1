import type { CapturesSlice } from '../types'
import type { ListContext } from './context'
import { indexOf, rowAt, windowWithout } from './rows'

/** How long a deleted capture can be brought back before the deletion is sent. */
export const UNDO_MS = 6000

/** Deleting with an undo window: the row goes at once, the host deletes it when the window closes. */
export function deletionActions(ctx: ListContext): Pick<CapturesSlice, 'deleteCapture' | 'undoDelete' | 'flushDelete'> {
  const { api, set, get } = ctx
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
    }
  }
}
