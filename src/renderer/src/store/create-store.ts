import { create } from 'zustand'
import { createCapturesSlice } from './captures-slice'
import { createSelectionSlice } from './selection-slice'
import { createStatusSlice } from './status-slice'
import { createSettingsSlice } from './settings-slice'
import { createKeysSlice } from './keys-slice'
import { createEndpointsSlice } from './endpoints-slice'
import { createComposeSlice } from './compose-slice'
import type { AppState, StoreDeps } from './types'

/** One bound store from small slices; the API is injected so tests can hand in another transport. */
export function createAppStore(deps: StoreDeps) {
  const store = create<AppState>()((...a) => ({
    ...createStatusSlice(deps)(...a),
    ...createCapturesSlice(deps)(...a),
    ...createSelectionSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createKeysSlice(deps)(...a),
    ...createEndpointsSlice(deps)(...a),
    ...createComposeSlice(deps)(...a)
  }))
  const s = store.getState
  const offs = [
    deps.api.on('captures:added', (summaries) => s().capturesAdded(summaries)),
    deps.api.on('captures:removed', ({ ids }) => s().capturesRemoved(ids)),
    deps.api.on('captures:updated', (summaries) => s().capturesUpdated(summaries)),
    deps.api.on('listener:status', (status) => store.setState({ status })),
    deps.api.on('connection:state', ({ connected, tokenRejected }) => s().connectionChanged(connected, tokenRejected))
  ]
  return Object.assign(store, { dispose: () => offs.forEach((off) => off()) })
}
