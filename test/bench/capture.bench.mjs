// bench:capture — Hookscope's listener (every request committed to SQLite before its reply)
// against a bare node:http server and mockttp, same load, same run. Prints req/s, ratios, p50/p99,
// and CPU per request at a fixed rate (RATE req/s), in all and by thread, against bare node:http.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { DatabaseSync } from 'node:sqlite'
import { BODY as body, cpuPerRequest as cpuAtRate, load as send, median, ROOT, startServer, stop } from './load.mjs'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1)
/** "Keep last N" for the retention row; the store is first filled to N through the listener. */
const KEEP = Number(process.env.BENCH_KEEP ?? 100_000)
/** The fixed rate CPU per request is measured at. */
const RATE = Number(process.env.BENCH_RATE ?? 3000)

const load = (url, duration) => send(url, { duration, connections: CONNECTIONS })

/** Calls the host's API as the UI does (its origin, its launch token). */
async function call(open, channel, args) {
  const u = new URL(open)
  const res = await fetch(`${u.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: u.origin, 'x-hookscope-token': u.searchParams.get('token') },
    body: JSON.stringify({ args })
  })
  const reply = await res.json()
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value
}

/** At RATE requests a second for DURATION seconds: the server's CPU per request, in µs (and by thread). */
const cpuPerRequest = (name, args) =>
  cpuAtRate(name, args, { rate: RATE, duration: DURATION, connections: CONNECTIONS })

async function measure(name, args, { keepLast = 0, prefill = 0 } = {}) {
  const { proc, url, open } = await startServer(args)
  if (keepLast > 0)
    await call(open, 'settings:update', [{ ...(await call(open, 'settings:get', [])), keepLast }, false])
  if (prefill > 0) {
    const fill = await autocannon({
      url: `${url}/bench/fill`,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
      amount: prefill
    })
    if (fill['2xx'] !== prefill) throw new Error(`prefill stored ${fill['2xx']} of ${prefill}`)
  }
  await load(url, 2) // warm-up
  const r = await load(url, DURATION)
  await stop(proc)
  const ok = r['2xx']
  return { name, rps: ok / DURATION, p50: r.latency.p50, p99: r.latency.p99, ok, non2xx: r.non2xx, errors: r.errors }
}

const rows = []
const cpu = []
const serveArgs = (dataDir) => [
  join(ROOT, 'out/main/cli.js'),
  'serve',
  '--listen',
  '127.0.0.1:0',
  '--ui',
  '127.0.0.1:0',
  '--data-dir',
  dataDir
]
for (let round = 0; round < ROUNDS; round++) {
  rows.push(await measure('node:http (bare)', [join(ROOT, 'test/bench/bare-server.mjs')]))
  rows.push(await measure('mockttp', [join(ROOT, 'test/bench/mockttp-server.mjs')]))
  // Empty store; then a store already holding KEEP captures, without and with "keep last KEEP".
  for (const [name, opts] of [
    ['hookscope', {}],
    [`hookscope ${KEEP / 1000}k held`, { prefill: KEEP }],
    [`hookscope keep ${KEEP / 1000}k`, { prefill: KEEP, keepLast: KEEP }]
  ]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'))
    const h = await measure(name, serveArgs(dataDir), opts)
    const keep = opts.keepLast ?? 0
    const db = new DatabaseSync(join(dataDir, 'hookscope.db'), { readOnly: true })
    // With retention the store holds what was kept; without, every acknowledged request.
    h.stored = db.prepare('SELECT count(*) AS n FROM captures').get().n
    h.kept = keep
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
    rows.push(h)
  }
  cpu.push(await cpuPerRequest('node:http (bare)', [join(ROOT, 'test/bench/bare-server.mjs')]))
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'))
  cpu.push(await cpuPerRequest('hookscope', serveArgs(dataDir)))
  rmSync(dataDir, { recursive: true, force: true })
}

console.log(`\nbench:capture — 1 KB JSON POSTs, ${CONNECTIONS} connections, ${DURATION} s, ${ROUNDS} round(s)\n`)
console.log('server              req/s     p50 ms  p99 ms  2xx        non-2xx  errors  stored')
for (const r of rows) {
  console.log(
    `${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${String(r.ok).padEnd(10)} ${String(r.non2xx).padEnd(8)} ${String(r.errors).padEnd(7)} ${r.stored ?? '—'}`
  )
}
const bare = median(rows.filter((r) => r.name.startsWith('node:http')).map((r) => r.rps))
const mock = median(rows.filter((r) => r.name === 'mockttp').map((r) => r.rps))
const hook = median(rows.filter((r) => r.name === 'hookscope').map((r) => r.rps))
const kept = median(rows.filter((r) => r.name.startsWith('hookscope keep')).map((r) => r.rps))
const held = median(rows.filter((r) => r.name.endsWith('held')).map((r) => r.rps))
const hs = rows.filter((r) => r.name === 'hookscope' || r.name.endsWith('held'))
const allStored = hs.every((r) => r.stored >= r.ok)
const keptExactly = rows.filter((r) => r.kept).every((r) => r.stored >= r.kept && r.stored <= r.kept + 256)
// Each round's own ratio (its servers ran back to back), then their median: a noisy moment of the
// machine moves one round, not the comparison.
const perRound = (name, base) =>
  median(
    Array.from({ length: ROUNDS }, (_, k) => {
      const inRound = rows.slice(k * 5, k * 5 + 5)
      return inRound.find((r) => r.name === name).rps / inRound.find((r) => r.name === base).rps
    })
  )
console.log(`\nmedian req/s: bare ${bare.toFixed(0)}, mockttp ${mock.toFixed(0)}, hookscope ${hook.toFixed(0)}`)
console.log(
  `  median of the rounds' ratios: hookscope ÷ bare node:http ${perRound('hookscope', 'node:http (bare)').toFixed(2)} (target ≥ 0.50), ` +
    `hookscope ÷ mockttp ${perRound('hookscope', 'mockttp').toFixed(2)} (target ≥ 3)`
)
console.log(
  `on a store of ${KEEP}: no retention ${held.toFixed(0)}, "keep last ${KEEP}" ${kept.toFixed(0)} → ratio ${(kept / held).toFixed(2)} (target ≥ 0.80)`
)
const cpuOf = (name) => {
  const xs = cpu.filter((c) => c.name === name && c.us !== null).map((c) => c.us)
  return xs.length ? median(xs) : null
}
const [cpuBare, cpuHook] = [cpuOf('node:http (bare)'), cpuOf('hookscope')]
for (const c of cpu) {
  const t = c.threads
  const split = t
    ? ` — main thread ${t.main.toFixed(1)}, workers ${t.workers.map((w) => w.toFixed(1)).join(' + ') || '—'}, V8 helpers ${t.v8.toFixed(1)}`
    : ''
  console.log(
    `CPU at ${RATE} req/s: ${c.name.padEnd(18)} ${c.us === null ? 'n/a' : c.us.toFixed(1)} µs a request (${c.ok} 2xx)${split}`
  )
}
if (cpuBare !== null && cpuHook !== null)
  console.log(
    `CPU per capture ÷ bare: ${(cpuHook / cpuBare).toFixed(2)} (median µs ${cpuHook.toFixed(1)} vs ${cpuBare.toFixed(1)}; target ≤ 2)`
  )
console.log(
  `every acknowledged request stored: ${allStored ? 'yes' : 'NO'}; retention held the store at ${KEEP} (+ one batch): ${keptExactly ? 'yes' : 'NO'}`
)
