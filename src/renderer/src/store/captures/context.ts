import type { ListQuery } from '@shared/model/capture'
import type { StoreApi } from 'zustand'
import type { AppState, StoreDeps } from '../types'

export type Get = StoreApi<AppState>['getState']
export type Set = StoreApi<AppState>['setState']

/**
 * What the list's parts share: the filter of the moment, and the generation that tells an answer to
 * an older search or filter (dropped) from the current one's.
 */
export interface ListContext {
  api: StoreDeps['api']
  set: Set
  get: Get
  /** Bumped by every new first page and by Clear all; an answer asked under another is stale. */
  generation: number
  filterQuery(): ListQuery
  /** Whether a search or filter is on (the host then decides what the list holds). */
  filtered(): boolean
}

export function listContext(api: StoreDeps['api'], set: Set, get: Get): ListContext {
  const filterQuery = (): ListQuery => {
    const { search, verdictFilter } = get()
    return { ...(search.trim() ? { search } : {}), ...(verdictFilter ? { verdict: verdictFilter } : {}) }
  }
  return { api, set, get, generation: 0, filterQuery, filtered: () => Object.keys(filterQuery()).length > 0 }
}
