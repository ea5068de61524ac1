import type { CaptureSummary } from '@shared/model/capture'
import type { AppState, RowWindow } from '../types'

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
export function windowWithout(w: RowWindow | null, gone: Set<number>, goneAbove: number): RowWindow | null {
  if (!w) return null
  const rows = w.rows.filter((r) => !gone.has(r.id))
  return rows.length ? { start: Math.max(0, w.start - goneAbove), rows } : null
}
