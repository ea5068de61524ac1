import { create } from 'zustand'
import { createCapturesSlice } from './captures-slice'
import { createSelectionSlice } from './selection-slice'
import { createStatusSlice } from './status-slice'
import { createSettingsSlice } from './settings-slice'
import { createKeysSlice } from './keys-slice'
import { createEndpointsSlice } from './endpoints-slice'
import { createComposeSlice } from './compose-slice'
import type { CaptureSummary } from '@shared/model/capture'
import type { AppState, NextFrame, StoreDeps } from './types'

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
  // Live arrivals are applied together, right before a frame is painted, at most every LIVE_REDRAW_MS
  // while they keep coming. Any other news first applies what arrived.
  const arrivals = frameBatch<CaptureSummary>((summaries) => s().capturesAdded(summaries), deps.nextFrame)
  const after =
    <T>(apply: (payload: T) => void) =>
    (payload: T): void => {
      arrivals.flush()
      apply(payload)
    }
  const offs = [
    deps.api.on('captures:added', (summaries) => arrivals.add(summaries)),
    deps.api.on(
      'captures:removed',
      after(({ ids, count }) => s().capturesRemoved(ids, count))
    ),
    deps.api.on(
      'captures:updated',
      after((summaries) => s().capturesUpdated(summaries))
    ),
    deps.api.on(
      'listener:status',
      after((status) => store.setState({ status }))
    ),
    deps.api.on(
      'connection:state',
      after(({ connected, tokenRejected, ...outage }) => s().connectionChanged(connected, tokenRejected, outage))
    )
  ]
  return Object.assign(store, {
    dispose: () => {
      arrivals.cancel()
      offs.forEach((off) => off())
    }
  })
}

/** Hidden pages paint no frames: a timer stands in. */
const HIDDEN_FLUSH_MS = 250
/**
 * While captures keep arriving, the list redraws at most this often: drawing it costs a few ms of
 * script, layout and paint each time, and at hundreds of webhooks a second redrawing every frame
 * would keep a core busy on the machine that is also receiving them. A lone arrival still shows in
 * the next frame.
 */
const LIVE_REDRAW_MS = 100

const nextFrame: NextFrame = (run) => {
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    run()
  }
  const frame = requestAnimationFrame(once)
  const timer = setTimeout(once, HIDDEN_FLUSH_MS)
  return () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/**
 * Collects items and applies them in one call before a frame (or at once with `flush`): the first
 * after a quiet spell goes in the next frame; while items keep coming, at most one call per
 * LIVE_REDRAW_MS.
 */
function frameBatch<T>(apply: (items: T[]) => void, next: NextFrame = nextFrame) {
  let items: T[] = []
  let scheduled = false
  let last = -Infinity
  let cancelNext = (): void => undefined
  const stop = (): void => {
    if (scheduled) cancelNext()
    scheduled = false
  }
  const flush = (): void => {
    stop()
    if (items.length === 0) return
    const out = items
    items = []
    last = performance.now()
    apply(out)
  }
  return {
    add(more: readonly T[]): void {
      items.push(...more)
      if (scheduled) return
      scheduled = true
      const wait = last + LIVE_REDRAW_MS - performance.now()
      if (wait <= 0) {
        cancelNext = next(flush)
        return
      }
      let cancelFrame = (): void => undefined
      const timer = setTimeout(() => (cancelFrame = next(flush)), wait)
      cancelNext = () => {
        clearTimeout(timer)
        cancelFrame()
      }
    },
    flush,
    cancel(): void {
      stop()
      items = []
    }
  }
}
