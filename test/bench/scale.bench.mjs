// bench:scale — Hookscope with N stored captures (default 100 000; `--n 1000000`) against the same
// measurements on a store of 100 captures, same run: start-up to "Listening", page load to first rows,
// search latency (rare and common word), time to show the oldest capture, webhook reply p50/p95 while
// a search runs, while retention prunes and while Clear all empties the store, tab and host memory,
// and how much of the file Clear all gives back. Medians of --runs (default 5).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import autocannon from 'autocannon'
import { launchChromium } from '../helpers/browser.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const { values: flags } = parseArgs({ options: { n: { type: 'string' }, runs: { type: 'string' } } })
const N = Number(flags.n ?? process.env.BENCH_N ?? 100_000)
const RUNS = Number(flags.runs ?? process.env.BENCH_RUNS ?? 5)
const BASE_N = 100
const KEEP = Math.min(100_000, Math.floor(N / 2))
const RARE = 'zyxwvut'
const COMMON = 'invoice'
const EVENTS = ['order.paid', 'invoice.created', 'customer.updated', 'refund.failed']

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const log = (...a) => console.error('·', ...a)

/** A realistic mix: four event types, ids, amounts, a nested customer; one in 10 000 carries a rare word. */
function bodyFor(i) {
  const type = EVENTS[i % EVENTS.length]
  return JSON.stringify({
    id: `evt_${i.toString(36)}`,
    type,
    created: 1_700_000_000 + i,
    data: {
      object: {
        id: `obj_${(i * 7919).toString(36)}`,
        amount: (i % 9000) + 100,
        currency: 'usd',
        customer: { email: `c${i % 5000}@example.com` }
      }
    },
    note: i % 10_000 === 7 ? `${RARE} marker` : 'regular delivery'
  })
}

async function startHost(dataDir) {
  const t0 = performance.now()
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'out/main/cli.js'), 'serve', '--listen', '127.0.0.1:0', '--ui', '127.0.0.1:0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  return new Promise((res, rej) => {
    let out = ''
    let listeningMs = null
    proc.stdout.on('data', (d) => {
      out += d
      const l = /Listening for webhooks on (\S+)/.exec(out)
      if (l && listeningMs === null) listeningMs = performance.now() - t0
      const o = /Open (\S+)/.exec(out)
      if (l && o) res({ proc, listen: l[1], open: o[1], listeningMs })
    })
    proc.once('exit', (c) => rej(new Error(`host exited (${c}): ${out}`)))
  })
}

async function stopHost(h) {
  const exited = new Promise((r) => h.proc.once('exit', r))
  h.proc.kill('SIGINT')
  await exited
}

async function api(h, channel, args) {
  const u = new URL(h.open)
  const res = await fetch(`${u.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: u.origin, 'x-hookscope-token': u.searchParams.get('token') },
    body: JSON.stringify({ args })
  })
  const reply = await res.json()
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value
}

async function fill(h, n) {
  let i = 0
  const r = await autocannon({
    url: `${h.listen}/bench/fill`,
    connections: 50,
    amount: n,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, path: `/hooks/${EVENTS[i % 4].split('.')[0]}`, body: bodyFor(i++) })
      }
    ]
  })
  if (r['2xx'] !== n) throw new Error(`fill stored ${r['2xx']} of ${n}`)
}

/** Webhooks at a fixed rate (open loop): each reply's latency, so p50/p95 are what a sender sees. */
async function paced(h, rate, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 })
  const url = new URL(`${h.listen}/bench/paced`)
  const times = []
  let failed = 0
  const total = rate * seconds
  const start = performance.now()
  const sends = []
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const body = bodyFor(k)
    const t = performance.now()
    sends.push(
      new Promise((res) => {
        const req = request(
          url,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          },
          (resp) => {
            resp.resume()
            resp.on('end', () => {
              if (resp.statusCode === 200) times.push(performance.now() - t)
              else failed++
              res()
            })
          }
        )
        req.on('error', () => {
          failed++
          res()
        })
        req.end(body)
      })
    )
  }
  await Promise.all(sends)
  agent.destroy()
  return { p50: pct(times, 50), p95: pct(times, 95), n: times.length, failed }
}

/**
 * Keeps searching (common word, rows then total, as the UI does) until stopped — on a thread of its
 * own, so reading its answers never delays the timing of the webhooks' replies on this one.
 */
function searching(h) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
    const u = new URL(workerData.open)
    let on = true
    let done = 0
    parentPort.on('message', () => (on = false))
    const api = async (channel, args) => {
      const res = await fetch(u.origin + '/api/' + channel, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: u.origin, 'x-hookscope-token': u.searchParams.get('token') },
        body: JSON.stringify({ args })
      })
      const reply = await res.json()
      if (!reply.ok) throw new Error(reply.error.message)
    }
    ;(async () => {
      while (on) {
        await api('captures:list', [{ search: workerData.word, limit: 200 }])
        await api('captures:count', [{ search: workerData.word }])
        done++
      }
      parentPort.postMessage(done)
    })()`,
    { eval: true, workerData: { open: h.open, word: COMMON } }
  )
  const result = new Promise((res, rej) => {
    worker.once('message', res)
    worker.once('error', rej)
  })
  return async () => {
    worker.postMessage('stop')
    const done = await result
    await worker.terminate()
    return done
  }
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
const fileMiB = (dir) =>
  ['hookscope.db', 'hookscope.db-wal'].reduce(
    (a, f) => a + (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0),
    0
  ) /
  2 ** 20

/** When the first row is painted, timed in the page itself (each frame checks for a row), from navigation start and from the load event. */
async function firstRowsMs(browser, h) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  // As text: tsx would wrap a named function with a helper the page does not have.
  await page.addInitScript({
    content: `(function check() {
      if (document.querySelector('[data-capture-id]')) window.__firstRowsAt = performance.now()
      else requestAnimationFrame(check)
    })()`
  })
  await page.goto(h.open)
  await page.waitForFunction(() => window.__firstRowsAt !== undefined, undefined, { timeout: 60_000 })
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0]
    return {
      sinceStart: window.__firstRowsAt,
      sinceLoad: window.__firstRowsAt - (nav?.loadEventEnd || nav?.domContentLoadedEventEnd || 0)
    }
  })
  return { page, ...t }
}

async function oldestMs(page, oldestId) {
  await page.keyboard.press('Home')
  await page.locator('[data-capture-id][aria-selected="true"]').first().waitFor()
  const t0 = performance.now()
  await page.keyboard.press('End')
  await page.locator(`[data-capture-id="${oldestId}"][aria-selected="true"]`).waitFor({ timeout: 60_000 })
  return performance.now() - t0
}

/** Walks the whole list top to bottom (every part of the scrollbar, rows loaded at each stop), then the tab's JS heap after GC. */
async function scrollWholeListMiB(page, stops = 60) {
  const cdp = await page.context().newCDPSession(page)
  const list = page.getByTestId('capture-list')
  for (let k = 0; k <= stops; k++) {
    await list.evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), k / stops)
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.list-row.placeholder').length === 0 && document.querySelector('[data-capture-id]'),
      undefined,
      {
        polling: 'raf',
        timeout: 30_000
      }
    )
  }
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length)
  return { heapMiB: usedSize / 2 ** 20, dom }
}

async function searchMs(h, word) {
  const t0 = performance.now()
  const page = await api(h, 'captures:list', [{ search: word, limit: 200 }])
  const ms = performance.now() - t0
  if (page.items.length === 0) throw new Error(`no rows for ${word}`)
  return ms
}

async function measureStore(label, n, browser) {
  const dir = mkdtempSync(join(tmpdir(), `hookscope-scale-${label}-`))
  log(`${label}: filling ${n} captures through the listener…`)
  let h = await startHost(dir)
  const t0 = performance.now()
  await fill(h, n)
  log(`${label}: filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (${fileMiB(dir).toFixed(0)} MiB)`)
  await stopHost(h)
  const m = {
    label,
    n,
    listening: [],
    firstRows: [],
    firstRowsLoad: [],
    rare: [],
    common: [],
    oldest: [],
    searchP50: [],
    searchP95: []
  }
  for (let r = 0; r < RUNS; r++) {
    h = await startHost(dir)
    m.listening.push(h.listeningMs)
    log(`${label} run ${r + 1}: listening after ${h.listeningMs.toFixed(0)} ms`)
    const { page, sinceStart, sinceLoad } = await firstRowsMs(browser, h)
    m.firstRows.push(sinceStart)
    m.firstRowsLoad.push(sinceLoad)
    m.rare.push(await searchMs(h, RARE))
    m.common.push(await searchMs(h, COMMON))
    m.oldest.push(await oldestMs(page, 1))
    log(`${label} run ${r + 1}: first rows, searches, oldest measured`)
    if (r === RUNS - 1) {
      Object.assign(m, await scrollWholeListMiB(page))
      log(`${label}: scrolled the whole list`)
      m.hostMiB = rssMiB(h.proc.pid)
      // Replies while a search runs (fixed rate), RUNS windows.
      for (let w = 0; w < RUNS; w++) {
        const stop = searching(h)
        const lat = await paced(h, 200, 3)
        m.searches = await stop()
        m.searchP50.push(lat.p50)
        m.searchP95.push(lat.p95)
      }
      // Idle replies on this store (the reference for the empty store).
      m.idle = []
      for (let w = 0; w < RUNS; w++) m.idle.push((await paced(h, 200, 3)).p95)
      // Retention with a backlog: "keep last KEEP" on a store above it, RUNS windows while it prunes.
      m.pruneP95 = []
      m.pruneP50 = []
      const settings = await api(h, 'settings:get', [])
      await api(h, 'settings:update', [{ ...settings, keepLast: Math.min(KEEP, Math.max(1, n - 50)) }, false])
      for (let w = 0; w < RUNS; w++) {
        const lat = await paced(h, 200, 3)
        m.pruneP50.push(lat.p50)
        m.pruneP95.push(lat.p95)
      }
      m.afterPrune = (await api(h, 'app:status', [])).captureCount
      log(`${label}: reply windows done (search, idle, pruning)`)
      await api(h, 'settings:update', [{ ...settings, keepLast: 0 }, false])
      // Clear all: how long the call takes, replies meanwhile, and the file given back.
      const before = fileMiB(dir)
      let t = performance.now()
      await api(h, 'captures:clear', [])
      m.clearCallMs = performance.now() - t
      m.clearP95 = []
      m.clearP50 = []
      for (let w = 0; w < RUNS; w++) {
        const lat = await paced(h, 200, 2)
        m.clearP50.push(lat.p50)
        m.clearP95.push(lat.p95)
      }
      // The host says when its upkeep (deleting the hidden rows, giving the pages back) is over.
      t = performance.now()
      while ((await api(h, 'app:status', [])).storeUpkeep) await new Promise((r) => setTimeout(r, 100))
      m.reclaimMs = performance.now() - t
      m.reclaimedPct = (1 - fileMiB(dir) / before) * 100
      m.fileBeforeMiB = before
    }
    await page.close()
    await stopHost(h)
  }
  rmSync(dir, { recursive: true, force: true })
  return m
}

const browser = await launchChromium()
const base = await measureStore('base', BASE_N, browser)
const full = await measureStore('full', N, browser)
await browser.close()

const f = (x, d = 0) => (x === undefined ? '—' : x.toFixed(d))
const row = (name, b, v, unit, target = '') =>
  console.log(
    `${name.padEnd(44)} ${f(b, 1).padStart(9)} ${f(v, 1).padStart(10)} ${unit.padEnd(4)} ${(v / b).toFixed(2).padStart(6)}  ${target}`
  )
console.log(`\nbench:scale — ${N.toLocaleString('en-US')} captures vs ${BASE_N} (same run), medians of ${RUNS}\n`)
console.log(`${'measure'.padEnd(44)} ${'base'.padStart(9)} ${'full'.padStart(10)}      ratio`)
row('start-up to "Listening" (warm)', median(base.listening), median(full.listening), 'ms', '< 500 ms at 1M')
row('first rows, since navigation start', median(base.firstRows), median(full.firstRows), 'ms')
row('first rows, since the load event', median(base.firstRowsLoad), median(full.firstRowsLoad), 'ms', '< 300 ms at 1M')
row(`search rows, rare word ("${RARE}")`, median(base.rare), median(full.rare), 'ms')
row(`search rows, common word ("${COMMON}")`, median(base.common), median(full.common), 'ms', '< 250 ms at 1M')
row('oldest capture shown (End)', median(base.oldest), median(full.oldest), 'ms', '< 1 s at 1M')
row('reply p95, idle (200/s)', median(base.idle), median(full.idle), 'ms')
row('reply p50 during a search', median(base.searchP50), median(full.searchP50), 'ms')
row('reply p95 during a search', median(base.idle), median(full.searchP95), 'ms', '≤ 2× empty')
row(
  `reply p95 while pruning to ${KEEP.toLocaleString('en-US')}`,
  median(base.idle),
  median(full.pruneP95),
  'ms',
  '≤ 2× empty'
)
row('reply p95 during Clear all', median(base.idle), median(full.clearP95), 'ms', '≤ 2× empty')
row('Clear all call', base.clearCallMs, full.clearCallMs, 'ms')
row('tab JS heap after scrolling the whole list', base.heapMiB, full.heapMiB, 'MiB', '< 250 MiB at 1M')
row('host RSS', base.hostMiB, full.hostMiB, 'MiB')
console.log(
  `\nfile ${full.fileBeforeMiB.toFixed(0)} MiB; Clear all gave back ${full.reclaimedPct.toFixed(1)}% (target ≥ 90%) ` +
    `${(full.reclaimMs / 1000).toFixed(1)} s after the reply windows; ` +
    `searches during the reply windows: ${full.searches}; after pruning: ${full.afterPrune} (keep ${KEEP}); DOM nodes after the scroll: ${full.dom}`
)
