import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { otherKey, probe } from '@main/services/delivery/probe'
import { send } from '@main/services/delivery/sender'
import { getScheme } from '@shared/signatures'
import { adyenNotification } from '../helpers/adyen'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const KEY = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0'
const servers: Server[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

/**
 * A Mailgun receiver as Mailgun documents it: HMAC-SHA256(signing key, timestamp + token) against
 * signature.signature in the JSON body, the timestamp within 5 minutes, each token used once.
 * A lax one checks nothing.
 */
async function mailgunReceiver(strict: boolean): Promise<string> {
  const tokens = new Set<string>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (!strict) return void res.writeHead(200).end('ok')
      try {
        const { signature: s } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          signature: { timestamp: string; token: string; signature: string }
        }
        const mac = createHmac('sha256', KEY)
          .update(s.timestamp + s.token)
          .digest()
        const got = Buffer.from(String(s.signature), 'hex')
        if (got.length !== mac.length || !timingSafeEqual(got, mac)) return void res.writeHead(401).end('bad signature')
        if (Math.abs(NOW / 1000 - Number(s.timestamp)) > 300) return void res.writeHead(401).end('stale')
        if (tokens.has(s.token)) return void res.writeHead(409).end('replay')
        tokens.add(s.token)
        res.writeHead(200).end('ok')
      } catch {
        res.writeHead(400).end('bad body')
      }
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mailgun`
}

async function run(url: string) {
  const scheme = getScheme('mailgun')!
  const body = JSON.stringify({
    signature: { token: 'c0ffee1234567890c0ffee1234567890c0ffee1234567890ab' },
    'event-data': { event: 'delivered' }
  })
  return probe({
    scheme,
    key: { material: KEY },
    wrongKey: otherKey(scheme, { material: KEY }),
    base: {
      method: 'POST',
      url,
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode(body)
    },
    now: NOW,
    send: (r) => send(r, { timeoutMs: 5_000 })
  })
}

describe('probe with a signature carried in the body (Mailgun)', () => {
  it('a correct receiver passes: the signature is removed from the body, a signed field is changed', async () => {
    const report = await run(await mailgunReceiver(true))
    const by = Object.fromEntries(report.cases.map((c) => [c.name, c]))
    expect(by['missing-signature']!.accepted).toBe(false)
    expect(by['tampered-field']!.applicable).toBe(true)
    expect(by['tampered-field']!.accepted).toBe(false)
    expect(by['tampered-body']!.applicable).toBe(false)
    expect(report.passed).toBe(true)
  })

  it('a lax receiver is caught', async () => {
    const report = await run(await mailgunReceiver(false))
    expect(report.passed).toBe(false)
    expect(report.cases.filter((c) => c.verdict === 'fail').map((c) => c.name)).toEqual(
      expect.arrayContaining(['tampered-field', 'wrong-signature', 'missing-signature', 'stale-timestamp'])
    )
  })
})

const require = createRequire(import.meta.url)
interface AdyenItem {
  additionalData?: { hmacSignature?: string }
  [k: string]: unknown
}
const HmacValidator = (
  require('@adyen/api-library/lib/src/utils/hmacValidator') as {
    default: new () => { validateHMAC(item: AdyenItem, key: string): boolean }
  }
).default
const ADYEN_KEY = randomBytes(32).toString('hex')

/** An Adyen classic receiver with the official library: every item's HMAC (strict), or only the first item's (lax). */
async function adyenReceiver(strict: boolean): Promise<string> {
  const validator = new HmacValidator()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        const { notificationItems } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          notificationItems: { NotificationRequestItem: AdyenItem }[]
        }
        const items = notificationItems.map((n) => n.NotificationRequestItem)
        const checked = strict ? items : items.slice(0, 1)
        const ok = checked.every(
          (it) => typeof it.additionalData?.hmacSignature === 'string' && validator.validateHMAC(it, ADYEN_KEY)
        )
        // Adyen expects [accepted] for a notification it may stop retrying.
        res.writeHead(ok ? 200 : 401).end(ok ? '[accepted]' : 'bad hmac')
      } catch {
        res.writeHead(400).end('bad body')
      }
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/adyen`
}

async function runAdyen(url: string) {
  const scheme = getScheme('adyen')!
  const body = JSON.stringify(
    adyenNotification([
      ['PSP001', 1000],
      ['PSP002', 2500]
    ])
  )
  return probe({
    scheme,
    key: { material: ADYEN_KEY },
    wrongKey: otherKey(scheme, { material: ADYEN_KEY }),
    base: {
      method: 'POST',
      url,
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode(body)
    },
    now: NOW,
    send: (r) => send(r, { timeoutMs: 5_000 })
  })
}

describe('probe with a signature in every item of a batch (Adyen classic)', () => {
  it('a receiver built on the official library passes: signatures removed from every item, a field of the last item changed', async () => {
    const report = await runAdyen(await adyenReceiver(true))
    const by = Object.fromEntries(report.cases.map((c) => [c.name, c]))
    expect(by.valid!.accepted).toBe(true)
    expect(by['missing-signature']!.accepted).toBe(false)
    expect(by['tampered-field']!.applicable).toBe(true)
    expect(by['tampered-field']!.accepted).toBe(false)
    expect(report.passed).toBe(true)
  })

  it('a receiver that checks only the first item is caught', async () => {
    const report = await runAdyen(await adyenReceiver(false))
    expect(report.passed).toBe(false)
    expect(report.cases.filter((c) => c.verdict === 'fail').map((c) => c.name)).toContain('tampered-field')
  })
})
