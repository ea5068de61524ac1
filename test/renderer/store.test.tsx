import { describe, expect, it } from 'vitest'
import type { HookscopeApi, HookscopeEventName, HookscopeEvents } from '@shared/api/contract'
import { MAX_PAGE_SIZE, type CapturedRequest, type CaptureSummary, type ListQuery } from '@shared/model/capture'
import { createAppStore } from '@renderer/store/create-store'
import type { NextFrame } from '@renderer/store/types'
import { rowAt } from '@renderer/store/captures-slice'
import { MAX_MARKED } from '@renderer/store/selection-slice'

/** An in-memory backend speaking the contract, so the store is tested against its real interface. */
function memoryApi(initial: CaptureSummary[]) {
  let rows = [...initial]
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const emit = <E extends HookscopeEventName>(e: E, p: HookscopeEvents[E]) => listeners.get(e)?.forEach((l) => l(p))
  const queries: ListQuery[] = []
  const select = (q: ListQuery) =>
    rows
      .filter((r) => !q.search || r.target.includes(q.search))
      .filter(
        (r) => r.id < (q.cursor ?? Infinity) && r.id > (q.after ?? 0) && r.receivedAt > (q.receivedAfter ?? -Infinity)
      )
      .sort((a, b) => b.id - a.id)
  const api = {
    getStatus: async () => ({
      listening: true,
      url: 'http://127.0.0.1:8787',
      host: '127.0.0.1',
      port: 8787,
      error: null,
      captureCount: rows.length,
      dataDir: '/d'
    }),
    listCaptures: async (q: ListQuery) => {
      queries.push(q)
      const matching = select(q)
      const ordered = q.fromOldest ? [...matching].reverse() : matching
      const items = ordered.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 100))
      if (q.fromOldest) items.reverse()
      return {
        items,
        nextCursor:
          !q.fromOldest && matching.length > items.length + (q.offset ?? 0) ? items[items.length - 1]!.id : null
      }
    },
    countCaptures: async (q: ListQuery) => select(q).length,
    getCapture: async (id: number) => {
      const r = rows.find((x) => x.id === id)
      return r
        ? ({
            ...r,
            httpVersion: '1.1',
            rawHeaders: [],
            body: new Uint8Array(),
            remoteAddress: '',
            remotePort: 0,
            reply: { status: 200, headers: [], body: '' }
          } as CapturedRequest)
        : null
    },
    deleteCapture: async (id: number) => {
      rows = rows.filter((r) => r.id !== id)
      emit('captures:removed', { ids: [id] })
      return true
    },
    getDecodedBody: async () => null,
    clearCaptures: async () => {
      const n = rows.length
      rows = []
      emit('captures:removed', { ids: 'all' })
      return n
    },
    on: <E extends HookscopeEventName>(e: E, l: (p: HookscopeEvents[E]) => void) => {
      if (!listeners.has(e)) listeners.set(e, new Set())
      listeners.get(e)!.add(l as (p: unknown) => void)
      return () => listeners.get(e)!.delete(l as (p: unknown) => void)
    }
  } as unknown as HookscopeApi
  const add = (s: CaptureSummary) => {
    rows.push(s)
    emit('captures:added', [s])
  }
  const remove = (id: number) => void (rows = rows.filter((r) => r.id !== id))
  return { api, add, remove, queries, emit }
}

const summary = (id: number, target = `/p/${id}`): CaptureSummary => ({
  id,
  receivedAt: id,
  method: 'POST',
  target,
  contentType: null,
  bodySize: 1,
  truncated: false,
  replyStatus: 200,
  provider: null,
  event: null,
  endpointId: null,
  verdict: null,
  verdictReason: null,
  replay: false
})

/** Frames the test paints itself: live arrivals wait for `paint()`, as they wait for the next frame in a window. */
function manualFrames() {
  let queued: (() => void)[] = []
  const nextFrame: NextFrame = (run) => {
    queued.push(run)
    return () => void (queued = queued.filter((r) => r !== run))
  }
  const paint = (): void => {
    const now = queued
    queued = []
    now.forEach((run) => run())
  }
  return { nextFrame, paint, pending: () => queued.length }
}

describe('app store', () => {
  it('prepends live captures newest first and counts them', async () => {
    const m = memoryApi([summary(1), summary(2)])
    const frames = manualFrames()
    const store = createAppStore({ api: m.api, nextFrame: frames.nextFrame })
    await store.getState().refreshStatus()
    await store.getState().loadFirstPage()
    m.add(summary(3))
    frames.paint()
    expect(store.getState().items.map((i) => i.id)).toEqual([3, 2, 1])
    expect(store.getState().status?.captureCount).toBe(3)
  })

  it('keeps a capture that arrives while the first page is being fetched (the page was read before it)', async () => {
    const m = memoryApi([summary(1), summary(2)])
    const list = m.api.listCaptures
    let release: () => void = () => undefined
    // The host reads the page now, and its answer comes back after the live event.
    m.api.listCaptures = async (q) => {
      const page = await list(q)
      await new Promise<void>((r) => (release = r))
      return page
    }
    for (const paintFirst of [true, false]) {
      m.queries.length = 0
      const frames = manualFrames()
      const store = createAppStore({ api: m.api, nextFrame: frames.nextFrame })
      const loading = store.getState().loadFirstPage()
      await expect.poll(() => m.queries.length).toBe(1)
      m.add(summary(3))
      // The frame comes before the page's answer, or after it.
      if (paintFirst) frames.paint()
      release()
      await loading
      frames.paint()
      expect(store.getState().items.map((i) => i.id)).toEqual([3, 2, 1])
      expect(store.getState().total).toBe(3)
      store.dispose()
      m.remove(3)
    }
  })

  it('live arrivals are applied once a frame, together; a removal first applies what arrived before it', async () => {
    const m = memoryApi([summary(1), summary(2)])
    const frames = manualFrames()
    const store = createAppStore({ api: m.api, nextFrame: frames.nextFrame })
    await store.getState().refreshStatus()
    await store.getState().loadFirstPage()
    let updates = 0
    store.subscribe(() => updates++)
    for (let id = 3; id <= 52; id++) m.add(summary(id))
    expect(updates).toBe(0)
    expect(frames.pending()).toBe(1)
    frames.paint()
    expect(updates).toBeLessThanOrEqual(2)
    expect(
      store
        .getState()
        .items.map((i) => i.id)
        .slice(0, 3)
    ).toEqual([52, 51, 50])
    expect(store.getState()).toMatchObject({ total: 52, status: { captureCount: 52 } })
    // Arrived, then removed before the frame: the list never shows it, and the counts stay right.
    m.add(summary(53))
    m.emit('captures:removed', { ids: [53, 1] })
    expect(
      store
        .getState()
        .items.map((i) => i.id)
        .slice(0, 2)
    ).toEqual([52, 51])
    expect(store.getState().items.at(-1)?.id).toBe(2)
    expect(store.getState()).toMatchObject({ total: 51, status: { captureCount: 51 } })
    expect(frames.pending()).toBe(0)
  })

  it('while captures keep arriving the list is redrawn at most every 100 ms; a lone arrival goes in the next frame', async () => {
    const m = memoryApi([summary(1)])
    const frames = manualFrames()
    const store = createAppStore({ api: m.api, nextFrame: frames.nextFrame })
    await store.getState().loadFirstPage()
    m.add(summary(2))
    expect(frames.pending()).toBe(1)
    frames.paint()
    const drawn = performance.now()
    m.add(summary(3))
    m.add(summary(4))
    // Right after a redraw the next one waits for the gap.
    expect(frames.pending()).toBe(0)
    await expect.poll(() => frames.pending(), { interval: 5 }).toBe(1)
    expect(performance.now() - drawn).toBeGreaterThanOrEqual(95)
    frames.paint()
    expect(store.getState().items.map((i) => i.id)).toEqual([4, 3, 2, 1])
  })

  it('asks the backend again when a capture arrives during a search', async () => {
    const m = memoryApi([summary(1, '/alpha'), summary(2, '/beta')])
    const store = createAppStore({ api: m.api })
    store.getState().setSearch('alpha')
    await expect.poll(() => store.getState().items.map((i) => i.id)).toEqual([1])
    m.add(summary(3, '/gamma'))
    m.add(summary(4, '/alpha-2'))
    await expect.poll(() => store.getState().items.map((i) => i.id)).toEqual([4, 1])
    expect(m.queries.at(-1)).toMatchObject({ search: 'alpha' })
  })

  it('during a search, only the rows that arrived are tested (after the newest known id), and matches go on top', async () => {
    const m = memoryApi([summary(1, '/alpha'), summary(2, '/beta')])
    const store = createAppStore({ api: m.api })
    store.getState().setSearch('alpha')
    await expect.poll(() => store.getState().items.map((i) => i.id)).toEqual([1])
    const asked = m.queries.length
    m.add(summary(3, '/alpha-3'))
    await expect.poll(() => store.getState().items.map((i) => i.id)).toEqual([3, 1])
    expect(m.queries.slice(asked)).toEqual([expect.objectContaining({ search: 'alpha', after: 2 })])
  })

  it('moves the selection within bounds and keeps a neighbour selected after delete', async () => {
    const m = memoryApi([summary(1), summary(2), summary(3)])
    const store = createAppStore({ api: m.api })
    await store.getState().loadFirstPage()
    store.getState().moveSelection(1)
    expect(store.getState().selectedId).toBe(3)
    store.getState().moveSelection(-1)
    expect(store.getState().selectedId).toBe(3)
    store.getState().moveSelection(5)
    expect(store.getState().selectedId).toBe(1)
    store.getState().moveSelection(-1)
    await store.getState().deleteCapture(2)
    expect(store.getState().items.map((i) => i.id)).toEqual([3, 1])
    expect(store.getState().selectedId).toBe(1)
    await expect.poll(() => store.getState().detail?.id).toBe(1)
  })

  it('shift-click marks the range from the anchor (rows not loaded yet are fetched), capped; Ctrl-click adds one; a plain click starts over', async () => {
    const m = memoryApi(Array.from({ length: 1000 }, (_, i) => summary(i + 1)))
    const store = createAppStore({ api: m.api })
    const s = () => store.getState()
    await s().loadFirstPage()
    await s().select(998)
    await s().markRange(995)
    expect(s().marked).toEqual([998, 997, 996, 995])
    expect(s().selectedId).toBe(995)
    // From the same anchor the other way, and shrinking by a row from the keyboard.
    await s().markRange(1000)
    expect(s().marked).toEqual([1000, 999, 998])
    await s().extendSelection(1)
    expect(s().marked).toEqual([999, 998])
    s().toggleMark(500)
    expect(s().marked).toEqual([999, 998, 500])
    s().toggleMark(998)
    expect(s().marked).toEqual([999, 500])
    await s().select(10)
    expect(s().marked).toEqual([])
    // A range to a row scrolled far down: the rows between are fetched, at most MAX_MARKED of them from the anchor.
    await s().select(1000)
    await s().ensureRows(990, 999)
    await s().markRange(1)
    expect(s().marked).toHaveLength(MAX_MARKED)
    expect(s().marked[0]).toBe(1000)
    expect(s().marked[MAX_MARKED - 1]).toBe(1000 - MAX_MARKED + 1)
    s().clearMarks()
    expect(s().marked).toEqual([])
  })

  it('empties the list, the selection and the count on clear', async () => {
    const m = memoryApi([summary(1), summary(2)])
    const store = createAppStore({ api: m.api })
    await store.getState().refreshStatus()
    await store.getState().loadFirstPage()
    await store.getState().select(2)
    await store.getState().clearAll()
    expect(store.getState()).toMatchObject({ items: [], selectedId: null, detail: null })
    expect(store.getState().status?.captureCount).toBe(0)
  })
})

describe('a list over the whole store', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => summary(i + 1))

  it('knows the total, loads only the rows asked for, and reaches the oldest from the nearer end', async () => {
    const m = memoryApi(many(5000))
    const store = createAppStore({ api: m.api })
    await store.getState().loadFirstPage()
    expect(store.getState().items).toHaveLength(200)
    expect(store.getState().total).toBe(5000)
    await store.getState().ensureRows(3000, 3030)
    expect(rowAt(store.getState(), 3000)?.id).toBe(2000)
    expect(rowAt(store.getState(), 3030)?.id).toBe(1970)
    await store.getState().selectIndex(4999)
    expect(store.getState().selectedId).toBe(1)
    expect(m.queries.at(-1)).toMatchObject({ fromOldest: true, offset: 0 })
    // Memory is bounded by what is shown: the head and one window, however far the list was walked.
    for (let i = 0; i < 5000; i += 400) await store.getState().ensureRows(i, i + 30)
    const s = store.getState()
    expect(s.items.length + (s.window?.rows.length ?? 0)).toBeLessThanOrEqual(200 + MAX_PAGE_SIZE)
  })

  it('rows arriving on top move a loaded window down, so each index still shows the same capture', async () => {
    const m = memoryApi(many(1000))
    const frames = manualFrames()
    const store = createAppStore({ api: m.api, nextFrame: frames.nextFrame })
    await store.getState().loadFirstPage()
    await store.getState().ensureRows(700, 710)
    const before = rowAt(store.getState(), 700)!.id
    m.add(summary(1001))
    m.add(summary(1002))
    frames.paint()
    expect(store.getState().total).toBe(1002)
    expect(store.getState().inserted).toBe(2)
    expect(rowAt(store.getState(), 702)?.id).toBe(before)
    expect(rowAt(store.getState(), 0)?.id).toBe(1002)
  })

  it('goes to a time: the newest capture received at or before it', async () => {
    const m = memoryApi(many(3000))
    const store = createAppStore({ api: m.api })
    await store.getState().loadFirstPage()
    const index = await store.getState().indexAtTime(1234)
    await store.getState().selectIndex(index)
    expect(store.getState().selectedId).toBe(1234)
  })

  it('removals above a window move it up; the total follows', async () => {
    const m = memoryApi(many(1000))
    const store = createAppStore({ api: m.api })
    await store.getState().loadFirstPage()
    await store.getState().ensureRows(600, 610)
    const shown = rowAt(store.getState(), 600)!.id
    m.emit('captures:removed', { ids: [999, 998, shown] })
    expect(store.getState().total).toBe(997)
    expect(rowAt(store.getState(), 598)?.id).toBe(shown - 1)
  })
})

describe('connection loss', () => {
  it('reloads the list when the transport comes back after a drop', async () => {
    const m = memoryApi([summary(1)])
    const store = createAppStore({ api: m.api })
    await store.getState().loadFirstPage()
    const before = m.queries.length
    m.emit('connection:state', { connected: false })
    expect(store.getState().connected).toBe(false)
    m.emit('connection:state', { connected: true })
    expect(store.getState().connected).toBe(true)
    await expect.poll(() => m.queries.length).toBe(before + 1)
  })
})
