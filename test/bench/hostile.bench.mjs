// bench:hostile — what hostile input costs, each figure beside a harmless baseline measured in the same run.
//  A. `hookscope inspect` of requests of at most 1 MB: peak RSS (target < 300 MiB) and time.
//  B. The host (`hookscope serve`, every thread): peak RSS growth for one request each, opened through the
//     web API as the UI does (target < 1 GiB).
//  C. Webhook reply latency while the host decompresses a bomb for the UI, and while slow senders hold
//     every connection: p95 against the idle p95 of the same run.
//  D. The UI (Chromium, web mode): a webhook's row appears; clicks are answered while a 24 MB body opens.
// Linux only for B (peak RSS from /proc). BENCH_RUNS (default 5) repeats C and D; medians printed.
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, gzipSync, zstdCompressSync } from 'node:zlib'
import { launchChromium } from '../helpers/browser.ts'
import { CLI, startServe } from './serve.mjs'

const PROBE = pathToFileURL(join(import.meta.dirname, 'rss-probe.mjs')).href
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
/** BENCH_ONLY=AC runs sections A and C only. */
const ONLY = process.env.BENCH_ONLY ?? 'ABCD'
const MiB = 1024 * 1024
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]
const fmt = (n, d = 1) => n.toFixed(d)

function rawRequest(headers, body) {
  const head = [
    'POST /hostile HTTP/1.1',
    'Host: bench',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    ''
  ].join('\r\n')
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)])
}
const deep = (n, open, close, inner = '1') => open.repeat(n) + inner + close.repeat(n)

// ---------------------------------------------------------------- A. hookscope inspect
function inspect(request, args = []) {
  return new Promise((res) => {
    const t0 = performance.now()
    const p = spawn(process.execPath, ['--import', PROBE, CLI, 'inspect', ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = 0
    let err = ''
    p.stdout.on('data', (d) => (out += d.length))
    p.stderr.on('data', (d) => (err += d))
    p.on('close', (code) => {
      const kib = Number(/\[peak-rss-kib\] (\d+)/.exec(err)?.[1] ?? NaN)
      res({ code, ms: performance.now() - t0, rssMiB: kib / 1024, outBytes: out })
    })
    p.stdin.end(request)
  })
}

const inspectCases = [
  ['baseline: 1 KB JSON', rawRequest({ 'Content-Type': 'application/json' }, JSON.stringify({ a: 'x'.repeat(1000) }))],
  [
    'zstd: 50 MiB of NULs as text/plain',
    rawRequest({ 'Content-Type': 'text/plain', 'Content-Encoding': 'zstd' }, zstdCompressSync(Buffer.alloc(50 * MiB)))
  ],
  [
    'br: 80 MiB of zeros as JSON',
    rawRequest(
      { 'Content-Type': 'application/json', 'Content-Encoding': 'br' },
      brotliCompressSync(Buffer.alloc(80 * MiB, 0x30))
    )
  ],
  [
    'gzip: 8 MiB of nested JSON arrays',
    rawRequest({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync(deep(4 * MiB, '[', ']')))
  ],
  ['1 MB of nested JSON objects', rawRequest({ 'Content-Type': 'application/json' }, deep(170_000, '{"a":', '}'))],
  ['1 MB of nested XML', rawRequest({ 'Content-Type': 'application/xml' }, deep(110_000, '<a>', '</a>', 'x'))],
  [
    '1 MB form, 250 000 fields',
    rawRequest({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1&'.repeat(250_000))
  ],
  [
    '1 MB of NULs, C1 controls and bidi',
    rawRequest({ 'Content-Type': 'text/plain' }, Buffer.from('\u0000\u0085\u202e\u2066'.repeat(80_000)))
  ],
  [
    '1 MB multipart, 17 000 parts',
    rawRequest(
      { 'Content-Type': 'multipart/form-data; boundary=B' },
      '--B\r\nContent-Disposition: form-data; name="p"\r\n\r\n{"x":1}\r\n'.repeat(17_000) + '--B--'
    )
  ]
]

async function sectionA() {
  console.log('A. hookscope inspect — requests of at most 1 MB (target: peak RSS < 300 MiB)\n')
  console.log('| request | bytes | peak RSS | time | printed |')
  console.log('| --- | --- | --- | --- | --- |')
  let inspectWorst = 0
  for (const [label, req] of inspectCases) {
    if (req.length > MiB + 1024) throw new Error(`${label} is over 1 MB (${req.length})`)
    const r = await inspect(req)
    if (r.code !== 0) throw new Error(`inspect failed on ${label}`)
    if (!label.startsWith('baseline')) inspectWorst = Math.max(inspectWorst, r.rssMiB)
    console.log(`| ${label} | ${req.length} | ${fmt(r.rssMiB)} MiB | ${fmt(r.ms, 0)} ms | ${r.outBytes} B |`)
  }
  console.log(`\nworst peak RSS ${fmt(inspectWorst)} MiB (${inspectWorst < 300 ? 'under' : 'OVER'} 300 MiB)\n`)
}
if (ONLY.includes('A')) await sectionA()

// ---------------------------------------------------------------- the host
const { host, urls, stop } = await startServe('hostile')
const capturePort = Number(new URL(urls.listen).port)

async function api(channel, args) {
  const res = await fetch(`${urls.ui}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-hookscope-token': urls.token, Origin: urls.ui },
    body: JSON.stringify({ args })
  })
  return res.headers.get('content-type')?.startsWith('application/json')
    ? res.json()
    : { ok: res.ok, bytes: (await res.arrayBuffer()).byteLength }
}
const newestId = async () => (await api('captures:list', [{ limit: 1 }])).value.items[0].id
const post = async (path, body, headers = {}) => {
  const t0 = performance.now()
  const res = await fetch(`${urls.listen}${path}`, { method: 'POST', body, headers })
  await res.arrayBuffer()
  return { status: res.status, ms: performance.now() - t0 }
}
const kib = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${host.pid}/status`, 'utf8'))[1])
function resetPeak() {
  writeFileSync(`/proc/${host.pid}/clear_refs`, '5')
  return kib('VmHWM')
}
function chunked(path, n) {
  return new Promise((res) => {
    const s = connect(capturePort, '127.0.0.1', async () => {
      s.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`)
      const piece = Buffer.from('1\r\nA\r\n'.repeat(64 * 1024))
      for (let sent = 0; sent < n; sent += 64 * 1024) if (!s.write(piece)) await new Promise((r) => s.once('drain', r))
      s.end('0\r\n\r\n')
    })
    s.on('data', () => undefined)
    s.on('close', res)
  })
}

const hostCases = [
  [
    'baseline: 1 KB JSON, opened',
    () => post('/b', JSON.stringify({ a: 'x'.repeat(1000) }), { 'Content-Type': 'application/json' }),
    true
  ],
  [
    '25 MiB JSON (the body limit), opened',
    () => post('/big', Buffer.alloc(25 * MiB - 64, 0x31), { 'Content-Type': 'application/json' }),
    true
  ],
  [
    'gzip: 62 MiB of digits (142 KB), opened',
    () =>
      post('/gz', gzipSync(Buffer.alloc(62 * MiB, 0x30), { level: 9 }), {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip'
      }),
    true
  ],
  [
    'zstd: 50 MiB of NULs (1.7 KB), opened',
    () => post('/zstd', zstdCompressSync(Buffer.alloc(50 * MiB)), { 'Content-Encoding': 'zstd' }),
    true
  ],
  [
    'br: 146 MiB of zeros (past the 64 MiB cap), opened',
    () => post('/br', brotliCompressSync(Buffer.alloc(146 * MiB)), { 'Content-Encoding': 'br' }),
    true
  ],
  [
    '24 MiB-deep JSON array, opened',
    () => post('/deep', deep(12 * MiB, '[', ']'), { 'Content-Type': 'application/json' }),
    true
  ],
  ['8 MiB in 1-byte chunks', () => chunked('/chunky', 8 * MiB), false],
  [
    '100 MiB body (over the limit, refused)',
    () => post('/over', Buffer.alloc(100 * MiB)).catch(() => ({ status: 'reset' })),
    false
  ],
  [
    'import: 49 MiB HAR (base64 body, the import limit)',
    () => {
      const har = JSON.stringify({
        log: {
          entries: [
            {
              request: {
                method: 'POST',
                url: 'http://h/har',
                headers: [],
                postData: { text: Buffer.alloc(37 * MiB, 7).toString('base64'), encoding: 'base64' }
              }
            }
          ]
        }
      })
      return fetch(`${urls.ui}/api/captures:import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-hookscope-token': urls.token, Origin: urls.ui },
        body: JSON.stringify({ args: [{ data: { $bytes: Buffer.from(har).toString('base64') }, name: 'bench.har' }] })
      }).then((r) => r.arrayBuffer())
    },
    false
  ]
]

let hostWorst = 0
async function sectionB() {
  console.log('B. The host (every thread) — peak RSS growth for one request (target: < 1 GiB)\n')
  console.log('| request | host peak growth | peak RSS |')
  console.log('| --- | --- | --- |')
  await post('/warm', 'x'.repeat(1024 * 1024))
  for (const [label, send, open] of hostCases) {
    const base = resetPeak()
    await send()
    if (open) await api('captures:decode', [await newestId()])
    const peak = kib('VmHWM')
    if (!label.startsWith('baseline')) hostWorst = Math.max(hostWorst, peak / 1024)
    console.log(`| ${label} | +${fmt((peak - base) / 1024)} MiB | ${fmt(peak / 1024)} MiB |`)
  }
  console.log(`\nworst host peak ${fmt(hostWorst)} MiB (${hostWorst < 1024 ? 'under' : 'OVER'} 1 GiB)\n`)
}
if (ONLY.includes('B') && process.platform === 'linux') await sectionB()

// ---------------------------------------------------------------- C. replies under attack
async function replyTimes(n, during) {
  const times = []
  let busy = true
  const work = during ? during().finally(() => (busy = false)) : null
  for (let i = 0; (work ? busy : true) && i < 100_000 && (work || i < n); i++)
    times.push((await post(`/r/${i}`, `{"i":${i}}`, { 'Content-Type': 'application/json' })).ms)
  // At least n replies while the attack lasts or after it.
  while (times.length < n) times.push((await post('/r/tail', '{}')).ms)
  await work
  return times
}
async function sectionC() {
  const bombId = await (async () => {
    await post('/bomb', gzipSync(Buffer.alloc(62 * MiB, 0x30), { level: 9 }), {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip'
    })
    return newestId()
  })()
  function holdSlowSenders(count) {
    const sockets = []
    for (let i = 0; i < count; i++) {
      const s = connect(capturePort, '127.0.0.1', () =>
        s.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\na')
      )
      s.on('error', () => undefined)
      sockets.push(s)
    }
    return () => sockets.forEach((s) => s.destroy())
  }

  console.log(
    `C. Webhook replies under attack — p95 of ≥ 100 replies, median of ${RUNS} runs, against idle in the same run\n`
  )
  const rowsC = { idle: [], bomb: [], slow: [] }
  for (let r = 0; r < RUNS; r++) {
    rowsC.idle.push(p95(await replyTimes(100)))
    rowsC.bomb.push(p95(await replyTimes(100, () => api('captures:decode', [bombId]))))
    const release = holdSlowSenders(1000)
    await new Promise((res) => setTimeout(res, 200))
    rowsC.slow.push(p95(await replyTimes(100)))
    release()
  }
  const idle = median(rowsC.idle)
  console.log('| while | reply p95 | × idle |')
  console.log('| --- | --- | --- |')
  console.log(`| idle | ${fmt(idle)} ms | 1.00 |`)
  console.log(
    `| the UI opens a 62 MiB gzip bomb | ${fmt(median(rowsC.bomb))} ms | ${fmt(median(rowsC.bomb) / idle, 2)} |`
  )
  console.log(
    `| 1 000 slow senders hold connections | ${fmt(median(rowsC.slow))} ms | ${fmt(median(rowsC.slow) / idle, 2)} |`
  )
  console.log('')
}
if (ONLY.includes('C')) await sectionC()

// ---------------------------------------------------------------- D. the UI
async function sectionD() {
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(urls.open)
  await page.locator('[data-capture-id]').first().waitFor()
  const appear = []
  for (let r = 0; r < RUNS * 4; r++) {
    const path = `/live/${r}`
    const t0 = Date.now()
    await post(path, '{"event":"order.paid"}', { 'Content-Type': 'application/json' })
    await page.locator('[data-capture-id]').filter({ hasText: path }).first().waitFor()
    appear.push(Date.now() - t0)
  }
  const items = Array.from(
    { length: 240_000 },
    (_, i) =>
      `{"id":${9007199254740993n + BigInt(i)},"name":"item-${i}","tags":["a","b"],"ok":${i % 2 === 0},"price":${i / 7}}`
  )
  await post('/big/json', `{"type":"bulk.export","items":[${items.join(',')}]}`, { 'Content-Type': 'application/json' })
  const slowest = []
  for (let r = 0; r < RUNS; r++) {
    await page.locator('[data-capture-id]').filter({ hasText: '/live/0' }).first().click()
    await page.locator('[data-capture-id]').filter({ hasText: '/big/json' }).first().click()
    const content = page.locator('[data-testid=inspector] .cm-content')
    const shown = async () =>
      (await content.count()) > 0 && ((await content.first().textContent()) ?? '').includes('"type": "bulk.export"')
    const clicks = []
    while (!(await shown())) {
      const t0 = Date.now()
      await page.getByRole('button', { name: 'Clear…' }).click()
      await page.getByRole('button', { name: 'Cancel' }).click()
      clicks.push(Date.now() - t0)
    }
    slowest.push(clicks.length ? Math.max(...clicks) : 0)
  }
  await browser.close()
  console.log('D. The UI (Chromium, web mode)\n')
  console.log('| measure | median | max |')
  console.log('| --- | --- | --- |')
  console.log(
    `| webhook sent → its row visible (${appear.length} arrivals) | ${median(appear)} ms | ${Math.max(...appear)} ms |`
  )
  console.log(
    `| slowest click answered while a 24 MB body opens (${RUNS} opens) | ${median(slowest)} ms | ${Math.max(...slowest)} ms |`
  )
}
if (ONLY.includes('D')) await sectionD()

await stop()
