import { DatabaseSync } from 'node:sqlite'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CaptureStore, type NewCapture } from '@main/services/store/capture-store'
import { inlineCaptureDb, Maintenance, startCaptureThreads } from '@main/services/store/capture-db'
import { MIGRATIONS } from '@main/services/store/migrations'
import { searchTables } from '@main/services/store/search-index'
import { newCapture } from '../helpers/captures'
import { tempDir } from '../helpers/tmp'

// Captures are committed without their search entry; the writer indexes them between commits, and a
// search first has the writer index whatever is left (search-index.ts indexStep, capture-db.ts).

const WORKER = pathToFileURL(resolve('out/main/store-worker.js'))

const capture = newCapture

const batch = (from: number, n: number, word = (i: number) => `w${i}q`): NewCapture[] =>
  Array.from({ length: n }, (_, k) => capture(from + k, `{"word":"${word(from + k)}","kind":"every"}`))

/** Entries in the current search index generation (contentless FTS5: one docsize row per entry). */
const entries = (store: CaptureStore): number =>
  (store.connection.prepare('SELECT count(*) AS n FROM captures_fts_docsize').get() as { n: number }).n

describe('search indexing after the commit', () => {
  it('a commit writes no search entry; indexing takes them in batches and searches find them', () => {
    const store = CaptureStore.open(join(tempDir(), 'later.db'))
    store.commit(batch(0, 300))
    expect(entries(store)).toBe(0)
    expect(store.upkeep.unindexed()).toBe(300)
    expect(store.upkeep.indexStep(128)).toBe(172)
    expect(entries(store)).toBe(128)
    // A search on a store used alone indexes the rest first.
    expect(store.list({ search: 'w299q' }).items.map((s) => s.target)).toEqual(['/hooks/299'])
    expect(store.upkeep.unindexed()).toBe(0)
    expect(store.count({ search: 'every' })).toBe(300)
    store.close()
  })

  it('a capture deleted before it was indexed leaves nothing behind, and indexing skips it', () => {
    const store = CaptureStore.open(join(tempDir(), 'gone.db'))
    const added = store.commit(batch(0, 10)).added
    expect(store.delete(added[9]!.id)).toBe(true)
    expect(store.delete(added[3]!.id)).toBe(true)
    expect(store.upkeep.indexPending()).toBe(0)
    expect(entries(store)).toBe(8)
    expect(store.count({ search: 'every' })).toBe(8)
    // Deleting an indexed one still takes its entry out of the current generation.
    store.delete(added[0]!.id)
    expect(store.connection.prepare(`SELECT rowid FROM captures_fts WHERE captures_fts MATCH 'w0q'`).all()).toEqual([])
    store.close()
  })

  it('Clear all leaves the captures it hid unindexed for good; the next capture is found', () => {
    const store = CaptureStore.open(join(tempDir(), 'clear.db'))
    store.commit(batch(0, 500))
    store.upkeep.indexStep(100)
    store.clear()
    expect(store.upkeep.unindexed()).toBe(0)
    const [fresh] = store.commit(batch(1000, 1, () => 'freshword')).added
    expect(store.list({ search: 'every' }).items.map((s) => s.id)).toEqual([fresh!.id])
    expect(entries(store)).toBe(1)
    store.close()
  })

  it('a few new captures wait INDEX_WAIT_MS to be indexed together; a full step, or other upkeep, goes at once', async () => {
    const store = CaptureStore.open(join(tempDir(), 'wait.db'))
    const db = inlineCaptureDb(store)
    /** Turns of the event loop until `done`, and the time they took. */
    const until = async (done: () => boolean): Promise<number> => {
      const t0 = performance.now()
      while (!done()) await new Promise((r) => setImmediate(r))
      return performance.now() - t0
    }
    await db.commit(batch(0, 10))
    expect(await until(() => store.upkeep.unindexed() === 0)).toBeGreaterThanOrEqual(Maintenance.INDEX_WAIT_MS - 1)
    // A step's worth: the next turn indexes it (no timer).
    await db.commit(batch(100, Maintenance.STEP))
    let turns = 0
    await until(() => (turns++, store.upkeep.unindexed() === 0))
    expect(turns).toBeLessThanOrEqual(3)
    // Retention due: its slice runs at once and indexes the few waiting first.
    await db.commit(batch(1000, 5))
    turns = 0
    await db.prune(3, 0)
    await until(() => (turns++, store.upkeep.unindexed() === 0))
    expect(turns).toBeLessThanOrEqual(3)
    await db.close()
    store.close()
  })

  it('under constant commits the index stays at most INDEX_LAG_MAX and a commit behind', async () => {
    const store = CaptureStore.open(join(tempDir(), 'lag.db'))
    const db = inlineCaptureDb(store)
    let worst = 0
    // Each await resolves at once: the upkeep's own slices (setImmediate) never get a turn here.
    for (let i = 0; i < 100; i++) {
      await db.commit(batch(i * 100, 100))
      worst = Math.max(worst, store.upkeep.unindexed())
    }
    expect(worst).toBeGreaterThan(Maintenance.INDEX_LAG_MAX - 100)
    expect(worst).toBeLessThanOrEqual(Maintenance.INDEX_LAG_MAX + 100)
    expect(await db.count({ search: 'every' })).toBe(10_000)
    await db.close()
    store.close()
  })

  it('through the threads, a search right after a commit sees every capture of it (the writer indexes the rest first)', async () => {
    const file = join(tempDir(), 'threads.db')
    const probe = CaptureStore.open(file)
    const threads = await startCaptureThreads(file, WORKER)
    try {
      const { added } = await threads.commit(batch(0, 8000))
      // Most of the batch is still to be indexed when the commit is answered.
      expect(probe.upkeep.unindexed()).toBeGreaterThan(4000)
      const newest = await threads.list({ search: 'w7999q' })
      expect(newest.items.map((s) => s.id)).toEqual([added[7999]!.id])
      expect(await threads.count({ search: 'every' })).toBe(8000)
      // A live search asks only about what just arrived: it is complete too.
      const more = await threads.commit(batch(8000, 3))
      expect((await threads.list({ search: 'every', after: added[7999]!.id })).items.map((s) => s.id)).toEqual(
        more.added.map((s) => s.id).reverse()
      )
    } finally {
      await threads.close()
      probe.close()
    }
  })

  it('a store closed with captures still to index: the threads start, and the first search finds them', async () => {
    const file = join(tempDir(), 'reopen.db')
    const store = CaptureStore.open(file)
    const { added } = store.commit(batch(0, 8000))
    store.close()
    const threads = await startCaptureThreads(file, WORKER)
    try {
      expect((await threads.list({ search: 'w7999q' })).items.map((s) => s.id)).toEqual([added[7999]!.id])
    } finally {
      await threads.close()
    }
  })

  it('the index merges 16 segments at a time: in a new store, in a v14 store once opened, and in each new generation', () => {
    const automerge = (store: CaptureStore, table: string): number | undefined =>
      (
        store.connection.prepare(`SELECT v FROM ${table}_config WHERE k = 'automerge'`).get() as
          { v: number } | undefined
      )?.v
    const fresh = CaptureStore.open(join(tempDir(), 'new.db'))
    expect(automerge(fresh, 'captures_fts')).toBe(16)
    // A generation rolls at 1 024 ids under "keep last 2 000": the next current index merges the same way.
    for (let i = 0; i < 1200; i += 100) {
      fresh.commit(batch(i, 100), { keepLast: 2000, beforeMs: 0 })
      fresh.indexPending()
    }
    const tables = searchTables(fresh.connection)
    expect(tables.length).toBeGreaterThan(1)
    expect(automerge(fresh, tables[0]!)).toBe(16)
    fresh.close()

    const file = join(tempDir(), 'v14.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 14)) db.exec(m)
    db.exec('PRAGMA user_version = 14')
    db.close()
    const old = new DatabaseSync(file)
    // SQLite's default before the migration: no row, merges of 4.
    expect(old.prepare(`SELECT v FROM captures_fts_config WHERE k = 'automerge'`).get()).toBeUndefined()
    old.close()
    const migrated = CaptureStore.open(file)
    expect(automerge(migrated, 'captures_fts')).toBe(16)
    migrated.close()
  })

  it('a store made before indexing moved out of the commit opens with every capture indexed', () => {
    const file = join(tempDir(), 'v13.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 13)) db.exec(m)
    db.exec('PRAGMA user_version = 13')
    db.prepare(
      `INSERT INTO captures (id, received_at, method, target, http_version, raw_headers, body_size, remote_address, remote_port,
      reply_status, reply_headers, reply_body) VALUES (5, 1, 'POST', '/old', '1.1', '[]', 3, '', 0, 200, '[]', '')`
    ).run()
    db.exec(`INSERT INTO capture_bodies (id, body) VALUES (5, x'010203')`)
    db.exec(
      `INSERT INTO captures_fts (rowid, method, target, headers, body) VALUES (5, 'POST', '/old', '', 'legacy words')`
    )
    db.close()
    const store = CaptureStore.open(file)
    expect(store.upkeep.unindexed()).toBe(0)
    expect(store.list({ search: 'legacy' }).items.map((s) => s.id)).toEqual([5])
    store.delete(5)
    expect(store.connection.prepare(`SELECT rowid FROM captures_fts WHERE captures_fts MATCH 'legacy'`).all()).toEqual(
      []
    )
    store.close()
  })
})
