// bench:verify — the signature engine against node:crypto in the same run.
import { createHmac, createSign, generateKeyPairSync, randomBytes, sign as edSign } from 'node:crypto'
import { getScheme, verify } from '@shared/signatures'

const NOW = Date.UTC(2026, 10, 23, 12)
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

async function timeMs(fn: () => unknown | Promise<unknown>, runs: number): Promise<number> {
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    await fn()
    t.push(performance.now() - s)
  }
  return median(t)
}

const body = randomBytes(1024 * 1024)
const secret = 'bench-secret'
const sig = createHmac('sha256', secret).update(body).digest('hex')
const github = getScheme('github')!
const req = {
  method: 'POST',
  url: 'https://h.example/x',
  headers: [['X-Hub-Signature-256', `sha256=${sig}`]] as [string, string][],
  body
}
const wrong = { ...req, headers: [['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`]] as [string, string][] }

await timeMs(() => verify(req, [{ material: secret }], github, { now: NOW }), 5)
const engine = await timeMs(() => verify(req, [{ material: secret }], github, { now: NOW }), 21)
const node = await timeMs(() => createHmac('sha256', secret).update(body).digest('hex') === sig, 21)
const diag = await timeMs(() => verify(wrong, [{ material: secret }], github, { now: NOW }), 5)

async function rate(fn: () => Promise<boolean>, ms = 1000): Promise<number> {
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) {
    if (!(await fn())) throw new Error('verification failed in the benchmark')
    n++
  }
  return n / (ms / 1000)
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const small = Buffer.from('{"eventType":"ORDER_WEBHOOK","data":{"orderId":"T1"}}')
const rsaReq = {
  ...req,
  body: small,
  headers: [['signature', createSign('RSA-SHA256').update(small).sign(rsa.privateKey).toString('hex')]] as [
    string,
    string
  ][]
}
const rsaKey = [{ material: (rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64') }]
const ed = generateKeyPairSync('ed25519')
const ts = String(NOW / 1000)
const edReq = {
  ...req,
  body: small,
  headers: [
    ['X-Signature-Timestamp', ts],
    ['X-Signature-Ed25519', edSign(null, Buffer.concat([Buffer.from(ts), small]), ed.privateKey).toString('hex')]
  ] as [string, string][]
}
const edKey = [
  { material: (ed.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).subarray(12).toString('hex') }
]
const rsaRate = await rate(async () => (await verify(rsaReq, rsaKey, getScheme('trubit-velafi')!, { now: NOW })).valid)
const edRate = await rate(async () => (await verify(edReq, edKey, getScheme('discord')!, { now: NOW })).valid)

console.log('\nbench:verify (medians)\n')
console.log(
  `HMAC-SHA256, 1 MB body: engine verify ${engine.toFixed(2)} ms, node:crypto ${node.toFixed(2)} ms → ratio ${(engine / node).toFixed(2)} (target ≤ 2)`
)
console.log(
  `diagnostics on a 1 MB mismatch (all variants + other schemes): ${diag.toFixed(0)} ms (target well under 1000)`
)
console.log(`RSA-2048 verify (TruBit, engine): ${rsaRate.toFixed(0)} /s`)
console.log(`Ed25519 verify (Discord, engine): ${edRate.toFixed(0)} /s`)
