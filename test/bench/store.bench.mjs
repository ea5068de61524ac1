// bench:store — the floor under Hookscope's CPU per capture. The parts of the capture path after
// HTTP, each measured alone on this thread — detection and event naming, the hand-off to the writer
// thread and back (both sides of each postMessage), the durable commit (batches of BATCH, as the
// writer gets them at 3 000 req/s), search indexing — against bare node:http's CPU per request at the
// same fixed rate as bench:capture, same run. Hookscope's CPU per capture is at least bare + these
// parts: the target "≤ 2 × bare" can only be met if they cost less than one bare request. A tight
// loop keeps caches warm, so each part reads low next to the listener's real mix.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { makeDescriber } from '@shared/signatures'
import { CaptureStore } from '@main/services/store/capture-store'
import { bodiesToMove } from '@main/services/store/capture-db'
import { unpackResult, packResult } from '@main/services/store/protocol'
import { BODY, cpuPerRequest, median, ROOT } from './load.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const RATE = Number(process.env.BENCH_RATE ?? 3000)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const BATCH = Number(process.env.BENCH_BATCH ?? 25)
const N = 10_000

/** A Stripe-like event of about the same size: many short words, as real deliveries have. */
const stripeLike = (i) =>
  JSON.stringify({
    id: `evt_${i}ab`,
    object: 'event',
    api_version: '2024-06-20',
    created: 1_700_000_000 + i,
    data: {
      object: {
        id: `pi_${i}xyz`,
        object: 'payment_intent',
        amount: 2000 + i,
        currency: 'usd',
        customer: `cus_${i}`,
        description: `Order #${i} for the spring catalogue`,
        receipt_email: `buyer${i}@example.com`,
        status: 'succeeded',
        metadata: { order_id: String(i), channel: 'web', campaign: 'spring-sale' }
      }
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${i}`, idempotency_key: `key-${i}` },
    type: 'payment_intent.succeeded'
  })

const BODIES = { 'bench:capture body': () => BODY, 'Stripe-like event': stripeLike }

/** A capture as the listener hands it over. */
function capture(i, text) {
  // A buffer of its own, as the listener's (a view into Node's shared pool would clone the whole pool slab).
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text))
  body.write(text)
  const rawHeaders = [
    ['host', '127.0.0.1:8787'],
    ['content-type', 'application/json'],
    ['content-length', String(body.length)]
  ]
  return {
    receivedAt: 1_700_000_000_000 + i,
    method: 'POST',
    target: '/bench/hook',
    httpVersion: '1.1',
    rawHeaders,
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    remotePort: 40_000 + (i % 20_000),
    body,
    ownBody: true,
    bodySize: body.length,
    truncated: false,
    reply: { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'OK\n' },
    provider: null,
    event: 'order.paid'
  }
}

/** This thread's CPU for `work`, in µs per item. */
function cpuEach(items, work) {
  const before = process.threadCpuUsage()
  work()
  const used = process.threadCpuUsage(before)
  return (used.user + used.system) / items
}

/**
 * Both sides of the hand-off, as the store threads do them: a batch posted (bodies moved) and
 * received, the writer's reply (`packResult`) posted and received, and the summaries rebuilt (`unpackResult`).
 */
function handOff(batches, committed) {
  const { port1, port2 } = new MessageChannel()
  try {
    batches.forEach((args, k) => {
      port1.postMessage({ seq: k, op: 'commit', args: [args] }, bodiesToMove(args))
      const request = receiveMessageOnPort(port2).message
      port2.postMessage({
        seq: k,
        op: 'commit',
        result: packResult({ op: 'commit', args: request.args, result: committed[k] })
      })
      unpackResult({ seq: k, op: 'commit', args: [args] }, receiveMessageOnPort(port1).message.result)
    })
  } finally {
    port1.close()
  }
}

function parts(bodyOf) {
  const describe = makeDescriber()
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-store-'))
  const store = CaptureStore.open(join(dir, 'hookscope.db'))
  // The first pass warms the code (and starts the store); the second is measured.
  const pass = (from, n) => {
    const made = () => Array.from({ length: n }, (_, i) => capture(from + i, bodyOf(from + i)))
    const inBatches = (captures) =>
      Array.from({ length: n / BATCH }, (_, k) => captures.slice(k * BATCH, (k + 1) * BATCH))
    const captures = made()
    const batches = inBatches(captures)
    // The hand-off moves its captures' bodies away: it gets captures of its own.
    const moved = inBatches(made())
    const out = {
      'detection and event naming': cpuEach(n, () => captures.forEach((c) => describe(c)))
    }
    const committed = []
    out[`durable commit (batches of ${BATCH})`] = cpuEach(n, () =>
      batches.forEach((b) => committed.push(store.commit(b)))
    )
    out['search indexing'] = cpuEach(n, () => store.indexPending())
    out['hand-off to the writer and back'] = cpuEach(n, () => handOff(moved, committed))
    return out
  }
  try {
    pass(0, N / 5)
    return pass(N / 5, N)
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const bare = []
const measured = {}
for (let round = 0; round < ROUNDS; round++) {
  const b = await cpuPerRequest('node:http (bare)', [join(ROOT, 'test/bench/bare-server.mjs')], {
    rate: RATE,
    duration: DURATION,
    connections: 50
  })
  if (b.us === null) throw new Error('CPU time is read from /proc: this benchmark needs Linux')
  bare.push(b.us)
  for (const [name, bodyOf] of Object.entries(BODIES))
    for (const [part, us] of Object.entries(parts(bodyOf))) ((measured[name] ??= {})[part] ??= []).push(us)
}

const bareUs = median(bare)
console.log(
  `\nbench:store — ${ROUNDS} round(s), medians; bare node:http at ${RATE} req/s: ${bareUs.toFixed(1)} µs a request\n`
)
for (const [name, byPart] of Object.entries(measured)) {
  console.log(name)
  let sum = 0
  for (const [part, xs] of Object.entries(byPart)) {
    const us = median(xs)
    sum += us
    console.log(`  ${part.padEnd(42)} ${us.toFixed(1).padStart(6)} µs  ${(us / bareUs).toFixed(2)} × bare`)
  }
  console.log(`  ${'parts together'.padEnd(42)} ${sum.toFixed(1).padStart(6)} µs  ${(sum / bareUs).toFixed(2)} × bare`)
  console.log(
    `  floor of CPU per capture (bare + parts): ${(bareUs + sum).toFixed(1)} µs = ${((bareUs + sum) / bareUs).toFixed(2)} × bare (bench:capture's target ≤ 2)\n`
  )
}
