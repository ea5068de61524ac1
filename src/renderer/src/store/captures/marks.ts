import type { StoreApi } from 'zustand'
import type { AppState, SelectionSlice } from '../types'
import { indexOf, rowAt } from './rows'

/** A range selection holds at most this many captures: what one window fetch covers (a larger export is the filter's). */
export const MAX_MARKED = 300

/** Marking several captures: a range from the anchor (shift-click, shift-arrows), or one by one. */
export function marksActions(
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState']
): Pick<SelectionSlice, 'markRange' | 'extendSelection' | 'toggleMark' | 'clearMarks'> {
  return {
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
    }
  }
}
