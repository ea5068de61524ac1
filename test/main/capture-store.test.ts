import { gzipSync } from 'node:zlib'
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { MIGRATIONS } from '@main/services/store/migrations'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CaptureStore, type NewCapture } from '@main/services/store/capture-store'
import { CaptureDescriber } from '@main/services/capture/describe'
import { StoreOpenError } from '@main/services/store/open-database'
import { useepaySeed } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

function capture(over: Partial<NewCapture> = {}): NewCapture {
  return {
    receivedAt: 1_700_000_000_000,
    method: 'POST',
    target: '/hooks/a?x=1',
    httpVersion: '1.1',
    rawHeaders: [['Content-Type', 'application/json']],
    contentType: 'application/json',
    body: new TextEncoder().encode('{"event":"order_pay_hook"}'),
    bodySize: 26,
    truncated: false,
    remoteAddress: '127.0.0.1',
    remotePort: 5000,
    reply: { status: 200, headers: [['Content-Type', 'text/plain']], body: 'OK\n' },
    ...over
  }
}

describe('CaptureStore', () => {
  it('reads back WAL, synchronous=FULL and the schema version from a real file', () => {
    const store = CaptureStore.open(join(tempDir(), 'h.db'))
    expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, userVersion: MIGRATIONS.length })
    store.close()
  })

  it('round-trips bodies byte-exact, including invalid UTF-8 and NUL', () => {
    const store = CaptureStore.open(join(tempDir(), 'h.db'))
    const body = new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x41])
    const rawHeaders: [string, string][] = [
      ['X-Mixed-Case', 'a'],
      ['x-mixed-case', 'b'],
      ['X-MIXED-CASE', 'c']
    ]
    const [s] = store.insertMany([capture({ body, bodySize: body.length, rawHeaders })])
    const got = store.get(s!.id)!
    expect(Array.from(got.body)).toEqual(Array.from(body))
    expect(got.rawHeaders).toEqual(rawHeaders)
    expect(got.target).toBe('/hooks/a?x=1')
    store.close()
  })

  it('lists newest first in pages with a cursor and no bodies', () => {
    const store = CaptureStore.open(':memory:')
    store.insertMany(Array.from({ length: 7 }, (_, i) => capture({ target: `/p${i}` })))
    const first = store.list({ limit: 3 })
    expect(first.items.map((i) => i.target)).toEqual(['/p6', '/p5', '/p4'])
    expect(first.items[0]).not.toHaveProperty('body')
    const second = store.list({ limit: 3, cursor: first.nextCursor })
    expect(second.items.map((i) => i.target)).toEqual(['/p3', '/p2', '/p1'])
    const third = store.list({ limit: 3, cursor: second.nextCursor })
    expect(third.items.map((i) => i.target)).toEqual(['/p0'])
    expect(third.nextCursor).toBeNull()
    store.close()
  })

  it('searches method, path, headers and body text with user input that is not FTS syntax', () => {
    const store = CaptureStore.open(':memory:')
    store.insertMany([
      capture({ target: '/stripe', body: new TextEncoder().encode('{"type":"invoice.paid"}') }),
      capture({ target: '/github', rawHeaders: [['X-GitHub-Event', 'push']] }),
      capture({ target: '/bin', body: new Uint8Array([0xff, 0x00]) })
    ])
    expect(store.list({ search: 'invoice' }).items.map((i) => i.target)).toEqual(['/stripe'])
    expect(store.list({ search: 'push' }).items.map((i) => i.target)).toEqual(['/github'])
    expect(store.list({ search: 'githu' }).items.map((i) => i.target)).toEqual(['/github'])
    expect(store.list({ search: '" OR ( NEAR' }).items).toEqual([])
    expect(store.list({ search: '   ' }).items).toHaveLength(3)
    store.close()
  })

  it('search finds words inside URL-encoded form values and compressed bodies (the UseePay form delivery by team.liu)', () => {
    const store = CaptureStore.open(':memory:')
    const form = /^data=%7B.*$/m.exec(useepaySeed())![0]
    store.insertMany([
      capture({
        target: '/useepay',
        rawHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
        body: new TextEncoder().encode(form)
      }),
      capture({
        target: '/gz',
        rawHeaders: [['Content-Encoding', 'gzip']],
        body: new Uint8Array(gzipSync('{"status":"refunded"}'))
      }),
      capture({ target: '/other', body: new TextEncoder().encode('{"name":"someone.else"}') })
    ])
    expect(store.list({ search: 'team.liu' }).items.map((i) => i.target)).toEqual(['/useepay'])
    expect(store.list({ search: 'refunded' }).items.map((i) => i.target)).toEqual(['/gz'])
    store.close()
  })

  it('deletes one, clears all and counts; deleted rows leave the search index', () => {
    const store = CaptureStore.open(':memory:')
    const [a, b] = store.insertMany([capture({ target: '/a' }), capture({ target: '/b' })])
    expect(store.count()).toBe(2)
    expect(store.delete(a!.id)).toBe(true)
    expect(store.delete(a!.id)).toBe(false)
    expect(store.list({ search: 'order_pay_hook' }).items.map((i) => i.id)).toEqual([b!.id])
    expect(store.clear()).toBe(1)
    expect(store.count()).toBe(0)
    expect(store.list({ search: 'order_pay_hook' }).items).toEqual([])
    store.close()
  })

  it('rolls back the whole batch when one insert fails', () => {
    const store = CaptureStore.open(':memory:')
    const bad = capture({ method: null as unknown as string })
    expect(() => store.insertMany([capture(), bad])).toThrow()
    expect(store.count()).toBe(0)
    store.close()
  })

  it('moves a corrupt file aside and starts fresh', () => {
    const dir = tempDir()
    const file = join(dir, 'h.db')
    writeFileSync(file, Buffer.alloc(8192, 0x5a))
    const store = CaptureStore.open(file, () => 42)
    expect(store.movedAside).toBe(`${file}.corrupt-42`)
    expect(existsSync(`${file}.corrupt-42`)).toBe(true)
    expect(store.count()).toBe(0)
    store.close()
    expect(readdirSync(dir).sort()).toContain('h.db.corrupt-42')
  })

  it('gives a clear error for a read-only data directory', () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; use a path under a file instead, which no one can create.
      const dir = tempDir()
      writeFileSync(join(dir, 'not-a-dir'), 'x')
      expect(() => CaptureStore.open(join(dir, 'not-a-dir', 'h.db'))).toThrow(StoreOpenError)
      expect(() => CaptureStore.open(join(dir, 'not-a-dir', 'h.db'))).toThrow(/Cannot create the data directory/)
      return
    }
    const dir = tempDir()
    chmodSync(dir, 0o500)
    expect(() => CaptureStore.open(join(dir, 'h.db'))).toThrow(/read-only|Cannot/)
  })
})

describe('provider and event columns', () => {
  // Detected on the capture path, before the store (capture/describe.ts); the store keeps them.
  const describer = new CaptureDescriber(() => [])
  const described = (c: NewCapture): NewCapture => ({ ...c, ...describer.describe(c) })

  it('are filled at capture time from headers and body', () => {
    const store = CaptureStore.open(':memory:')
    const useepay = 'data=' + encodeURIComponent('{"name":"payment_intent.succeeded"}')
    const [a, b, c] = store.insertMany(
      [
        capture({
          rawHeaders: [
            ['X-Apsdai-Token', 't'],
            ['X-Apsdai-Timestamp', '1'],
            ['X-Apsdai-Event', 'order_pay_hook']
          ]
        }),
        capture({
          rawHeaders: [
            ['sign', 's'],
            ['merchant_no', '1']
          ],
          contentType: 'application/x-www-form-urlencoded',
          body: new TextEncoder().encode(useepay)
        }),
        capture({
          rawHeaders: [['Stripe-Signature', 't=1,v1=a']],
          body: new TextEncoder().encode('{"type":"invoice.paid"}')
        })
      ].map(described)
    )
    expect([a, b, c].map((s) => [s!.provider, s!.event])).toEqual([
      ['apsdai', 'order_pay_hook'],
      ['useepay-v2', 'payment_intent.succeeded'],
      ['stripe', 'invoice.paid']
    ])
    expect(store.list().items.map((s) => s.event)).toEqual([
      'invoice.paid',
      'payment_intent.succeeded',
      'order_pay_hook'
    ])
    store.close()
  })

  it('migrates a version-1 database in place', () => {
    const file = join(tempDir(), 'old.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    db.exec(MIGRATIONS[0]!)
    db.exec('PRAGMA user_version = 1')
    db.close()
    const store = CaptureStore.open(file)
    expect(store.pragmas().userVersion).toBe(MIGRATIONS.length)
    store.insertMany([described(capture())])
    expect(store.list().items[0]).toMatchObject({ provider: null, event: 'order_pay_hook' })
    store.close()
  })

  it('migrates a store made by the previous schema (v9) without loss: its count is taken once, then kept', () => {
    const file = join(tempDir(), 'v9.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 9)) db.exec(m)
    db.exec('PRAGMA user_version = 9')
    const insert =
      db.prepare(`INSERT INTO captures (received_at, method, target, http_version, raw_headers, body, body_size, remote_address, remote_port,
      reply_status, reply_headers, reply_body, pinned, imported) VALUES (?, 'POST', ?, '1.1', '[]', x'00ff', 2, '', 0, 200, '[]', '', ?, ?)`)
    for (let i = 0; i < 5; i++) insert.run(1000 + i, `/old/${i}`, i === 0 ? 1 : 0, i === 4 ? 'curl' : null)
    db.close()
    const store = CaptureStore.open(file)
    expect(store.pragmas().userVersion).toBe(MIGRATIONS.length)
    expect(store.count()).toBe(5)
    expect(store.list().items.map((s) => [s.target, s.pinned, s.imported])).toEqual([
      ['/old/4', false, 'curl'],
      ['/old/3', false, null],
      ['/old/2', false, null],
      ['/old/1', false, null],
      ['/old/0', true, null]
    ])
    expect([...store.get(1)!.body]).toEqual([0x00, 0xff])
    store.insertMany([capture(), capture()])
    store.delete(2)
    expect(store.count()).toBe(6)
    store.clear()
    expect(store.count()).toBe(0)
    store.close()
  })

  it('a live search asks only about the rows after an id (the ones that just arrived)', () => {
    const store = CaptureStore.open(join(tempDir(), 'after.db'))
    const ids = store
      .insertMany([
        capture({ target: '/a/team' }),
        capture({ target: '/b' }),
        capture({ target: '/c/team' }),
        capture({ target: '/d/team' })
      ])
      .map((s) => s.id)
    expect(store.list({ search: 'team', after: ids[1]! }).items.map((s) => s.target)).toEqual(['/d/team', '/c/team'])
    expect(store.list({ search: 'team', after: ids[3]! }).items).toEqual([])
    expect(store.list({ after: ids[2]! }).items.map((s) => s.target)).toEqual(['/d/team'])
    store.close()
  })

  it('retention removes the oldest unpinned captures in bounded batches (what is left goes on the next call)', () => {
    const store = CaptureStore.open(join(tempDir(), 'keep.db'))
    const ids = store
      .insertMany(Array.from({ length: 30 }, (_, i) => capture({ receivedAt: 1000 + i })))
      .map((s) => s.id)
    store.setPinned(ids[0]!, true)
    expect(store.prune(10, 0, 8)).toHaveLength(8)
    expect(store.prune(10, 0, 8)).toHaveLength(8)
    expect(store.prune(10, 0, 8)).toHaveLength(3)
    expect(store.prune(10, 0, 8)).toHaveLength(0)
    expect(store.count()).toBe(11)
    expect(store.list({ limit: 100 }).items.map((s) => s.id)).toEqual([...ids.slice(20).reverse(), ids[0]])
    // By age: nothing is scanned while the oldest unpinned capture is recent enough.
    expect(store.prune(0, 1020, 1000)).toHaveLength(0)
    expect(store.prune(0, 1025, 2)).toHaveLength(2)
    expect(store.prune(0, 1025, 1000)).toHaveLength(3)
    expect(store.list({ limit: 100 }).items.map((s) => s.id)).toEqual([...ids.slice(25).reverse(), ids[0]])
    store.close()
  })

  it('never reuses a capture id: not after Clear all, not after deleting the newest', () => {
    const store = CaptureStore.open(join(tempDir(), 'ids.db'))
    const [a, b] = store.insertMany([capture(), capture()])
    store.delete(b!.id)
    const [c] = store.insertMany([capture()])
    expect(c!.id).toBe(b!.id + 1)
    store.clear()
    const [d] = store.insertMany([capture()])
    expect(d!.id).toBe(c!.id + 1)
    expect(a!.id).toBeLessThan(b!.id)
    store.close()
  })

  it('keeps numbering past the ids of a store made before ids were kept', () => {
    const file = join(tempDir(), 'v7.db')
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode=WAL')
    for (const m of MIGRATIONS.slice(0, 7)) db.exec(m)
    db.exec('PRAGMA user_version = 7')
    db.exec(`INSERT INTO captures (id, received_at, method, target, http_version, raw_headers, body, body_size, remote_address, remote_port,
      reply_status, reply_headers, reply_body) VALUES (41, 1, 'POST', '/old', '1.1', '[]', x'', 0, '', 0, 200, '[]', '')`)
    db.close()
    const store = CaptureStore.open(file)
    expect(store.get(41)?.target).toBe('/old')
    expect(store.insertMany([capture()])[0]!.id).toBe(42)
    store.close()
  })

  it('a database with corrupt pages is moved aside at start-up and a fresh one opens', () => {
    const dir = tempDir()
    const file = join(dir, 'hookscope.db')
    const store = CaptureStore.open(file)
    for (let i = 0; i < 30; i++)
      store.insertMany(
        Array.from({ length: 10 }, () => capture({ body: new TextEncoder().encode('y'.repeat(3000) + i) }))
      )
    // The schema's own pages past the first (where they are depends on the file's layout), and some data pages.
    const schemaPages = (
      store.connection.prepare(`SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1`).all() as {
        pageno: number
      }[]
    ).map((r) => r.pageno)
    expect(schemaPages.length).toBeGreaterThan(0)
    store.close()
    const fd = openSync(file, 'r+')
    for (const page of [...schemaPages, 20, 60, 100])
      writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (page - 1) * 4096)
    closeSync(fd)
    const fresh = CaptureStore.open(file, () => 1234)
    expect(fresh.movedAside).toBe(`${file}.corrupt-1234`)
    expect(fresh.list().items).toEqual([])
    expect(fresh.insertMany([capture()])).toHaveLength(1)
    fresh.close()
  })

  it('refuses to commit once its file was deleted or replaced under it', () => {
    const dir = tempDir()
    const file = join(dir, 'hookscope.db')
    const store = CaptureStore.open(file)
    store.insertMany([capture()])
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    expect(() => store.insertMany([capture()])).toThrow(/was deleted while Hookscope was running/)
    store.close()
    const other = CaptureStore.open(join(dir, 'other.db'))
    const replaced = CaptureStore.open(file)
    other.close()
    renameSync(join(dir, 'other.db'), file)
    expect(() => replaced.insertMany([capture()])).toThrow(/was replaced/)
    replaced.close()
  })
})
