// bench:reverify — capture first, set up after, at scale: N signed deliveries (default 100 000) reach a
// fresh store before any endpoint exists; then an endpoint with the right key is saved, and the host
// takes them over and verifies them in the background. Prints webhook reply p50/p95 while that runs
// against idle in the same run (target: p95 ≤ 2×), and how long the re-verification took.
import { createHmac } from 'node:crypto'
import autocannon from 'autocannon'
import { startServe } from './serve.mjs'

const N = Number(process.env.BENCH_N ?? 100_000)
const SECRET = 'bench-github-secret'
const body = JSON.stringify({ action: 'opened', number: 7, pad: 'x'.repeat(900) })
const headers = {
  'content-type': 'application/json',
  'x-github-event': 'pull_request',
  'x-hub-signature-256': 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex')
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]

const { urls, stop } = await startServe('reverify')
async function api(channel, ...args) {
  const res = await fetch(`${urls.ui}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-hookscope-token': urls.token, Origin: urls.ui },
    body: JSON.stringify({ args })
  })
  const reply = await res.json()
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value
}
async function reply(i) {
  const t0 = performance.now()
  const res = await fetch(`${urls.listen}/elsewhere/${i}`, {
    method: 'POST',
    body: '{"n":1}',
    headers: { 'content-type': 'application/json' }
  })
  await res.arrayBuffer()
  return performance.now() - t0
}

const fill = await autocannon({
  url: `${urls.listen}/gh/hook`,
  method: 'POST',
  body,
  headers,
  connections: 20,
  amount: N
})
if (fill['2xx'] !== N) throw new Error(`filled ${fill['2xx']} of ${N}`)
const idle = []
for (let i = 0; i < 300; i++) idle.push(await reply(i))

const key = await api('keys:import', { name: 'GitHub', material: SECRET })
const t0 = performance.now()
await api('endpoints:save', {
  name: 'GitHub',
  pathPrefix: '/gh',
  scheme: 'github',
  keyIds: [key.id],
  reply: { status: 200, headers: [], body: 'OK', delayMs: 0, failureRate: 0 },
  params: {}
})
const during = []
let valid = 0
for (let i = 0; valid < N; i++) {
  during.push(await reply(i))
  if (i % 50 === 0) valid = await api('captures:count', { verdict: 'valid' })
  if (performance.now() - t0 > 600_000)
    throw new Error(`re-verification not done after 10 min (${valid} of ${N} valid)`)
}
const seconds = (performance.now() - t0) / 1000
await stop()

console.log(`\nbench:reverify — ${N} captures taken over and verified after an endpoint save\n`)
console.log('| while | replies | p50 | p95 | p95 × idle |')
console.log('| --- | --- | --- | --- | --- |')
console.log(`| idle | ${idle.length} | ${pct(idle, 0.5).toFixed(1)} ms | ${pct(idle, 0.95).toFixed(1)} ms | 1.00 |`)
console.log(
  `| re-verifying | ${during.length} | ${pct(during, 0.5).toFixed(1)} ms | ${pct(during, 0.95).toFixed(1)} ms | ${(pct(during, 0.95) / pct(idle, 0.95)).toFixed(2)} |`
)
console.log(`\nall ${N} valid after ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)} captures/s)`)
