import type { StateCreator } from 'zustand'
import { headerValue } from '@shared/http/headers'
import type { AppState, SelectionSlice, StoreDeps } from './types'

export const createSelectionSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SelectionSlice> =>
  (set, get) => ({
    selectedId: null,
    detail: null,
    detailError: null,
    decoded: null,

    async select(id) {
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

    moveSelection(delta) {
      const { items, selectedId } = get()
      if (items.length === 0) return
      const at = selectedId === null ? -1 : items.findIndex((i) => i.id === selectedId)
      const next = Math.min(items.length - 1, Math.max(0, at === -1 ? 0 : at + delta))
      void get().select(items[next]!.id)
      if (next >= items.length - 20) void get().loadMore()
    }
  })
