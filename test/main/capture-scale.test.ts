import { statSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CaptureStore } from '@main/services/store/capture-store'
import { inlineCaptureDb, Maintenance, startCaptureThreads, type CaptureOps } from '@main/services/store/capture-db'
import type { CaptureUpkeep } from '@main/services/store/capture-upkeep'
import { MIGRATIONS } from '@main/services/store/migrations'
import { searchTables } from '@main/services/store/search-index'
import { newCapture } from '../helpers/captures'
import { tempDir } from '../helpers/tmp'

const WORKER = pathToFileURL(resolve('out/main/store-worker.js'))

const capture = newCapture

/** Commits captures and indexes them after, as the writer thread does between commits. */
const fill = (store: CaptureStore, n: number, body?: (i: number) => string): void => {
  for (let i = 0; i < n; i += 500) {
    store.insertMany(Array.from({ length: Math.min(500, n - i) }, (_, k) => capture(i + k, body?.(i + k))))
    store.indexPending()
  }
}

/** Waits on a condition (no fixed sleep): polls between event-loop turns until it holds or the time is up. */
async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** The search index's generations (current first). */
const generations = (store: CaptureStore): string[] => searchTables(store.connection)

/** Pages of the live search index. */
const indexPages = (store: CaptureStore): number =>
  (store.connection.prepare('SELECT count(*) AS n FROM captures_fts_data').get() as { n: number }).n

const fileSize = (file: string): number =>
  statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)

describe('capture store at scale', () => {
  it('Clear all hides every capture at once; the rows go in bounded steps and the file gives its space back', () => {
    const file = join(tempDir(), 'clear.db')
    const store = CaptureStore.open(file)
    fill(store, 1500, (i) => `{"n":${i},"pad":"${'x'.repeat(8000)}"}`)
    store.connection.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const before = fileSize(file)
    expect(store.clear()).toBe(1500)
    expect(store.count()).toBe(0)
    expect(store.list().items).toEqual([])
    expect(store.get(1)).toBeNull()
    // A capture that arrives while the old rows are going stays.
    const [kept] = store.insertMany([capture(9999)])
    expect(store.list().items.map((s) => s.id)).toEqual([kept!.id])
    let steps = 0
    while (store.upkeep.clearStep(256) > 0) steps++
    expect(steps).toBe(5)
    expect(store.count()).toBe(1)
    while (store.upkeep.reclaim(512) > 0);
    const after = fileSize(file)
    expect(1 - after / before).toBeGreaterThan(0.9)
    expect(store.get(kept!.id)?.target).toBe('/hooks/9999')
    store.close()
  })

  it('Clear all puts the search index aside at once; the old one is dropped a few pages at a time and search goes on', () => {
    const file = join(tempDir(), 'retire.db')
    const store = CaptureStore.open(file)
    fill(store, 3000, (i) => `{"word":"alpha${i % 3}","n":${i}}`)
    const before = indexPages(store)
    expect(before).toBeGreaterThan(40)
    store.clear()
    // The live index starts empty (nothing of the old entries is read or deleted again).
    expect(indexPages(store)).toBeLessThan(5)
    expect(store.upkeep.hasRetiredIndex()).toBe(true)
    const [fresh] = store.insertMany([capture(1, '{"word":"fresh alpha0"}')])
    expect(store.list({ search: 'fresh' }).items.map((s) => s.id)).toEqual([fresh!.id])
    expect(store.list({ search: 'alpha0' }).items.map((s) => s.id)).toEqual([fresh!.id])
    let steps = 0
    while (store.upkeep.dropRetiredStep(8)) steps++
    expect(steps).toBeGreaterThanOrEqual(Math.floor(before / 8))
    expect(store.upkeep.hasRetiredIndex()).toBe(false)
    expect(
      (
        store.connection
          .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name GLOB 'captures_fts_retired*'`)
          .get() as { n: number }
      ).n
    ).toBe(0)
    // A second Clear all with nothing new since, then one more after an arrival.
    store.clear()
    store.clear()
    store.insertMany([capture(2, '{"word":"later"}')])
    store.clear()
    while (store.upkeep.dropRetiredStep(64));
    while (store.upkeep.clearStep(256) > 0);
    expect(store.list({ search: 'later' }).items).toEqual([])
    const [last] = store.insertMany([capture(3, '{"word":"newest"}')])
    store.delete(last!.id)
    // A deleted capture still takes its entry out of the new index.
    expect(store.connection.prepare(`SELECT rowid FROM captures_fts WHERE captures_fts MATCH 'newest'`).all()).toEqual(
      []
    )
    store.close()
  })

  it('deleting captures only marks their index entries (no index rewrite inside a commit); the upkeep merges them away in bounded steps', () => {
    const store = CaptureStore.open(join(tempDir(), 'tidy.db'))
    fill(store, 6000, (i) => `{"word":"w${i.toString(36)}x","kind":"k${i % 2}"}`)
    const before = indexPages(store)
    let removed = 0
    for (let r = store.prune(3000, 0, 256); r.length; r = store.prune(3000, 0, 256)) removed += r.length
    expect(removed).toBe(3000)
    // FTS5 would have rewritten the marked half of the index inside one of those commits.
    expect(indexPages(store)).toBeGreaterThanOrEqual(before)
    expect(store.count({ search: 'w0x' })).toBe(0)
    expect(store.count({ search: 'k1' })).toBe(1500)
    let tidies = 0
    while (indexPages(store) > before * 0.75 && tidies < 500) {
      store.upkeep.tidyIndex(16)
      tidies++
    }
    expect(indexPages(store)).toBeLessThanOrEqual(before * 0.75)
    expect(store.count({ search: 'k1' })).toBe(1500)
    expect(store.list({ search: `w${(5999).toString(36)}x` }).items.map((s) => s.id)).toEqual([6000])
    store.close()
  })

  it('retention leaves the index of older generations alone and retires a spent generation whole; pinned captures stay searchable', () => {
    const store = CaptureStore.open(join(tempDir(), 'generations.db'))
    const keep = { keepLast: 2000, beforeMs: 0 }
    const tag = (i: number): string => `{"tag":"t${i}z","kind":"every"}`
    let pinned = 0
    for (let i = 0; i < 8000; i += 100) {
      store.commit(
        Array.from({ length: 100 }, (_, k) => capture(i + k, tag(i + k))),
        keep
      )
      store.indexPending()
      if (i === 0) store.setPinned((pinned = 5), true)
    }
    // The index rolled over as it went: generations of 1 024 ids (half of "keep last 2 000").
    expect(generations(store).length).toBeGreaterThan(4)
    while (store.upkeep.retireSpentGeneration());
    while (store.upkeep.dropRetiredStep(64));
    // Only generations that still hold kept captures are left.
    expect(generations(store).length).toBeLessThanOrEqual(4)
    expect(store.upkeep.hasRetiredIndex()).toBe(false)
    expect(store.count()).toBe(2001)
    expect(store.count({ search: 'every' })).toBe(2001)
    const ids = (q: Parameters<CaptureStore['list']>[0]): number[] => store.list(q).items.map((s) => s.id)
    expect(ids({ search: 'every', limit: 3 })).toEqual([8000, 7999, 7998])
    // Windows across generations, from either end; the pinned capture is the oldest.
    expect(ids({ search: 'every', offset: 1500, limit: 3 })).toEqual([6500, 6499, 6498])
    expect(ids({ search: 'every', offset: 0, limit: 2, fromOldest: true })).toEqual([6001, pinned])
    expect(ids({ search: `t${pinned - 1}z` })).toEqual([pinned])
    expect(ids({ search: 't6500z' })).toEqual([6501])
    // A capture deleted from an older generation is not found even though its entry is still there.
    expect(ids({ search: 't10z' })).toEqual([])
    // Only what is live is found after more rounds (the pinned capture indexed again each time).
    for (let i = 8000; i < 12_000; i += 100) {
      store.commit(
        Array.from({ length: 100 }, (_, k) => capture(i + k, tag(i + k))),
        keep
      )
      store.indexPending()
    }
    while (store.upkeep.retireSpentGeneration());
    expect(store.count({ search: 'every' })).toBe(2001)
    expect(ids({ search: `t${pinned - 1}z` })).toEqual([pinned])
    store.close()
  })

  it('a new store can give its space back in steps from the start (no rebuild of the whole file)', () => {
    const store = CaptureStore.open(join(tempDir(), 'new.db'))
    expect((store.connection.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum).toBe(2)
    expect(store.pragmas().journalMode).toBe('wal')
    store.close()
  })

  it('a file made before incremental vacuum is rebuilt once after a Clear all and then reclaims in steps', () => {
    const file = join(tempDir(), 'legacy.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 10)) db.exec(m)
    db.exec('PRAGMA user_version = 10')
    db.close()
    const store = CaptureStore.open(file)
    expect((store.connection.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum).toBe(0)
    fill(store, 600, (i) => `{"n":${i},"pad":"${'y'.repeat(8000)}"}`)
    store.connection.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const before = fileSize(file)
    store.clear()
    while (store.upkeep.clearStep(1000) > 0);
    expect(store.upkeep.reclaim()).toBe(0)
    expect((store.connection.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum).toBe(2)
    expect(1 - fileSize(file) / before).toBeGreaterThan(0.9)
    store.close()
  })

  it('retention runs in the commit that brings the new rows (one transaction), and says which ids went', () => {
    const store = CaptureStore.open(':memory:')
    fill(store, 20)
    store.setPinned(1, true)
    const { added, removed } = store.commit([capture(100), capture(101)], { keepLast: 10, beforeMs: 0 })
    expect(added.map((s) => s.id)).toEqual([21, 22])
    // 22 rows, one pinned: 21 unpinned, keep 10 → 11 are over; the commit takes the oldest unpinned
    // but only one more than it brought (the rest is the upkeep's), pinned #1 stays.
    expect(removed).toEqual([2, 3, 4])
    expect(store.count()).toBe(19)
    expect(store.prune(10, 0)).toEqual([5, 6, 7, 8, 9, 10, 11, 12])
    expect(store.count()).toBe(11)
    const failing = { ...capture(102), method: null as unknown as string }
    expect(() => store.commit([failing], { keepLast: 1, beforeMs: 0 })).toThrow()
    expect(store.count()).toBe(11)
    store.close()
  })

  it('a replayed signature is told apart inside the commit, even within one batch', () => {
    const store = CaptureStore.open(':memory:')
    const [a, b] = store.insertMany([
      { ...capture(1), sigHash: 'h1' },
      { ...capture(2), sigHash: 'h1' }
    ])
    const [c] = store.insertMany([{ ...capture(3), sigHash: 'h1' }])
    expect([a!.replay, b!.replay, c!.replay]).toEqual([false, true, true])
    expect(store.list().items.map((s) => s.replay)).toEqual([true, true, false])
    store.close()
  })

  it('fetches any window of the whole list by offset, from either end, with or without a filter', () => {
    const store = CaptureStore.open(':memory:')
    fill(store, 1000, (i) => (i % 10 === 0 ? `{"kind":"rare","n":${i}}` : `{"kind":"common","n":${i}}`))
    for (const id of [500, 501]) store.delete(id)
    expect(store.count()).toBe(998)
    const ids = (q: Parameters<CaptureStore['list']>[0]): number[] => store.list(q).items.map((s) => s.id)
    expect(ids({ limit: 3 })).toEqual([1000, 999, 998])
    // Row 500 from the top skips the two deleted ids.
    expect(ids({ offset: 500, limit: 3 })).toEqual([498, 497, 496])
    expect(ids({ offset: 0, limit: 3, fromOldest: true })).toEqual([3, 2, 1])
    expect(ids({ offset: 997, limit: 3 })).toEqual([1])
    // Ten in a hundred are rare; id 501 (a rare one) was deleted.
    expect(store.count({ search: 'rare' })).toBe(99)
    expect(ids({ search: 'rare', offset: 10, limit: 2 })).toEqual([891, 881])
    expect(ids({ search: 'rare', offset: 0, limit: 2, fromOldest: true })).toEqual([11, 1])
    store.close()
  })

  it('migrates a v10 store: bodies move to their own table, byte-exact; a deleted capture takes its body and index entry', () => {
    const file = join(tempDir(), 'v10.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 10)) db.exec(m)
    db.exec('PRAGMA user_version = 10')
    const insert =
      db.prepare(`INSERT INTO captures (id, received_at, method, target, http_version, raw_headers, body, body_size, remote_address, remote_port,
      reply_status, reply_headers, reply_body) VALUES (?, 1, 'POST', '/old', '1.1', '[]', ?, 3, '', 0, 200, '[]', '')`)
    insert.run(7, new Uint8Array([0, 0xff, 0x80]))
    insert.run(8, new Uint8Array([1, 2, 3]))
    db.exec(
      `INSERT INTO captures_fts (rowid, method, target, headers, body) VALUES (7, 'POST', '/old', '', 'legacy words')`
    )
    db.close()
    const store = CaptureStore.open(file)
    const columns = (store.connection.prepare('PRAGMA table_info(captures)').all() as { name: string }[]).map(
      (c) => c.name
    )
    expect(columns).not.toContain('body')
    expect([...store.get(7)!.body]).toEqual([0, 0xff, 0x80])
    expect(store.count()).toBe(2)
    expect(store.list({ search: 'legacy' }).items.map((s) => s.id)).toEqual([7])
    store.delete(7)
    expect(store.connection.prepare('SELECT count(*) AS n FROM capture_bodies').get()).toEqual({ n: 1 })
    expect(store.list({ search: 'legacy' }).items).toEqual([])
    expect(store.insertMany([capture(1)])[0]!.id).toBe(9)
    store.close()
  })
})

describe('capture store threads', () => {
  it('reads run on the reader thread: a long query leaves this thread free (same-run ratio against running it inline)', async () => {
    const file = join(tempDir(), 'reader.db')
    const store = CaptureStore.open(file)
    // Every row has its own word: a prefix search common to all merges 40 000 terms (a slow query, on purpose).
    fill(store, 40_000, (i) => `{"word":"wrd${i.toString(36)}x","n":${i}}`)
    const slowQuery = { search: 'wrd' }
    /** The longest stretch this thread could not run a timer while `work` ran (the same harness for both). */
    const longestGap = async (work: () => Promise<unknown>): Promise<number> => {
      let longest = 0
      let last = performance.now()
      const timer = setInterval(() => {
        const now = performance.now()
        longest = Math.max(longest, now - last)
        last = now
      }, 1)
      await new Promise((r) => setTimeout(r, 2))
      await work()
      clearInterval(timer)
      return Math.max(longest, performance.now() - last)
    }
    const ten = (db: CaptureOps) => Promise.all(Array.from({ length: 10 }, () => db.count(slowQuery)))
    const inlineGap = await longestGap(() => ten(inlineCaptureDb(store)))
    const threads = await startCaptureThreads(file, WORKER)
    try {
      let counts: number[] = []
      const threadGap = await longestGap(async () => (counts = await ten(threads)))
      expect(counts).toEqual(Array(10).fill(40_000))
      expect(inlineGap).toBeGreaterThan(50)
      expect(threadGap).toBeLessThan(inlineGap / 3)
    } finally {
      await threads.close()
      store.close()
    }
  })

  it('with "keep last N" the writer retires spent index generations in the background, and search stays right', async () => {
    const file = join(tempDir(), 'gens.db')
    const store = CaptureStore.open(file)
    const threads = await startCaptureThreads(file, WORKER)
    const ops: CaptureOps = threads
    try {
      for (let i = 0; i < 10_000; i += 200)
        await ops.commit(
          Array.from({ length: 200 }, (_, k) => capture(i + k, `{"tag":"t${i + k}z","kind":"every"}`)),
          { keepLast: 2000, beforeMs: 0 }
        )
      // Ten generations of 1 024 ids were made; only those holding kept captures are left, none set aside.
      await until(() => generations(store).length <= 4 && !store.upkeep.hasRetiredIndex() && threads.upkeep() === null)
      expect(await ops.count({ search: 'every' })).toBe(2000)
      expect((await ops.list({ search: 'every', limit: 2 })).items.map((s) => s.id)).toEqual([10_000, 9999])
      expect((await ops.list({ search: 't8000z' })).items.map((s) => s.id)).toEqual([8001])
    } finally {
      await threads.close()
      store.close()
    }
  })

  it('both store threads open an existing store at the same time without "database is locked"', async () => {
    const file = join(tempDir(), 'open.db')
    const store = CaptureStore.open(file)
    fill(store, 10)
    for (let k = 0; k < 8; k++) await (await startCaptureThreads(file, WORKER)).close()
    store.close()
  })

  it('Clear all through the threads answers at once and the writer empties and shrinks the file in the background', async () => {
    const file = join(tempDir(), 'bg.db')
    const store = CaptureStore.open(file)
    fill(store, 3000, (i) => `{"n":${i},"pad":"${'z'.repeat(4000)}"}`)
    store.connection.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const before = fileSize(file)
    const states: (string | null)[] = []
    const threads = await startCaptureThreads(file, WORKER, { upkeep: (s) => states.push(s) })
    const ops: CaptureOps = threads
    try {
      expect(threads.upkeep()).toBeNull()
      expect(await ops.clear()).toBe(3000)
      expect(threads.knownCount()).toBe(0)
      expect((await ops.list({})).items).toEqual([])
      // Captures keep committing while the old rows go.
      const { added } = await ops.commit([capture(1)])
      // The rows go, the free pages go back, and the checkpoint after it shrinks the file.
      await until(
        () => store.upkeep.clearing() === 0 && store.upkeep.freePages() === 0 && 1 - fileSize(file) / before > 0.9
      )
      expect((await ops.list({})).items.map((s) => s.id)).toEqual([added[0]!.id])
      // The host was told what the upkeep was doing, and when it ended (the status line shows it).
      await until(() => threads.upkeep() === null && states.length > 0)
      expect(states).toEqual(['clearing', 'reclaiming', null])
    } finally {
      await threads.close()
      store.close()
    }
  })
})

describe('store upkeep in slices', () => {
  /** Frames in the log of this file (a passive checkpoint reports them and copies nothing it must wait for). */
  const logFrames = (db: DatabaseSync): number =>
    (db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { log: number }).log

  it('steps run together share one transaction: the pages they all touch go to the log once, not once per step', () => {
    const frames: number[] = []
    for (const together of [false, true]) {
      const file = join(tempDir(), `together-${together}.db`)
      const store = CaptureStore.open(file)
      fill(store, 6000)
      store.connection.exec('PRAGMA wal_checkpoint(TRUNCATE)')
      store.upkeep.leaveCheckpoints()
      const steps = (): void => {
        for (let k = 0; k < 20; k++) expect(store.upkeep.prune(1000, 0, 128)).toHaveLength(128)
      }
      if (together) store.upkeep.together(steps)
      else steps()
      expect(store.count()).toBe(6000 - 20 * 128)
      frames.push(logFrames(store.connection))
      store.close()
    }
    expect(frames[1]).toBeLessThan(frames[0]! / 3)
  })

  it('a slice runs its steps in one transaction, and the next slice waits the pause even when a step made more work due', async () => {
    const slices: { start: number; end: number }[] = []
    let inside = false
    let outside = 0
    let prunes = 0
    const stopAt = performance.now() + 400
    const busy = (ms: number): void => {
      const end = performance.now() + ms
      while (performance.now() < end);
    }
    const upkeep = {
      hasRetiredIndex: () => false,
      clearing: () => 0,
      dropRetiredStep: () => false,
      retireSpentGeneration: () => false,
      indexFrom: () => 0,
      unindexed: () => 0,
      tidyIndex: () => void (inside || outside++),
      reclaim: () => 0,
      together<T>(work: () => T): T {
        const start = performance.now()
        inside = true
        try {
          return work()
        } finally {
          inside = false
          slices.push({ start, end: performance.now() })
        }
      },
      // A backlog until stopAt; each step takes a millisecond and every id it removes is in the current index generation (a tidy falls due).
      prune(): number[] {
        if (!inside) outside++
        busy(1)
        prunes++
        return performance.now() < stopAt ? Array.from({ length: Maintenance.STEP }, (_, k) => prunes * 1000 + k) : []
      }
    }
    const states: (string | null)[] = []
    const m = new Maintenance(upkeep as unknown as CaptureUpkeep, {
      removed: () => undefined,
      upkeep: (s) => states.push(s)
    })
    m.after({ op: 'prune', args: [10, 0], result: [1] })
    await until(() => states.at(-1) === null)
    expect(outside).toBe(0)
    expect(slices.length).toBeGreaterThan(5)
    const busyMs = slices.reduce((a, s) => a + (s.end - s.start), 0)
    const spanMs = slices.at(-1)!.end - slices[0]!.start
    for (let k = 1; k < slices.length; k++)
      expect(slices[k]!.start - slices[k - 1]!.end).toBeGreaterThanOrEqual(Maintenance.PAUSE_MS - 1)
    expect(busyMs / spanMs).toBeLessThan(0.4)
  })

  it('a slice ends after its current step when an operation is waiting for the thread', async () => {
    let waiting = false
    let steps = 0
    const perSlice: number[] = []
    const upkeep = {
      hasRetiredIndex: () => false,
      clearing: () => 0,
      dropRetiredStep: () => false,
      retireSpentGeneration: () => {
        steps++
        return false
      },
      indexFrom: () => Infinity,
      unindexed: () => 0,
      together<T>(work: () => T): T {
        steps = 0
        try {
          return work()
        } finally {
          perSlice.push(steps)
        }
      },
      prune(): number[] {
        steps++
        const end = performance.now() + 0.5
        while (performance.now() < end);
        return perSlice.length < 8 ? Array.from({ length: Maintenance.STEP }, (_, k) => k) : []
      }
    }
    const states: (string | null)[] = []
    const m = new Maintenance(
      upkeep as unknown as CaptureUpkeep,
      { removed: () => undefined, upkeep: (s) => states.push(s) },
      () => waiting
    )
    m.after({ op: 'prune', args: [10, 0], result: [1] })
    await until(() => perSlice.length >= 3)
    // Nothing waiting: a slice runs steps until its time is up.
    expect(perSlice[0]).toBeGreaterThan(1)
    const from = perSlice.length
    waiting = true
    await until(() => states.at(-1) === null)
    // Every slice after the flag rose: one step each (the last found nothing left to do).
    expect(perSlice.length - 1).toBeGreaterThan(from)
    expect(perSlice.slice(from, -1)).toEqual(perSlice.slice(from, -1).map(() => 1))
  })
})
