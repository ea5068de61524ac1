import { createHmac, generateKeyPairSync, sign as edSign } from 'node:crypto'
import Mux from '@mux/mux-node'
import { encodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { WorkOS } from '@workos-inc/node'
import ModernTreasury from 'modern-treasury'
import Orb from 'orb-billing'
import { parse as gocardlessParse } from 'gocardless-nodejs/webhooks'
import { TelnyxWebhook } from 'telnyx/lib/webhooks'
import { validateSignature as lineValidate } from '@line/bot-sdk'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { timestampMs } from '@shared/signatures/codec'
import { fixedClock, request } from './helpers'

// The long tail with official SDKs: each SDK checks what Hookscope signs, Hookscope checks what the SDK
// signs (or, where the SDK only verifies, what its documented construction gives), and a one-byte
// change is refused by both. A fixed clock everywhere.
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const header = (h: [string, string][], name: string): string => h.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]
const asRecord = (h: [string, string][]): Record<string, string> => Object.fromEntries(h.map(([n, v]) => [n.toLowerCase(), v]))
const tamper = (body: string): string => body.replace('"', "'")
const valid = async (id: string, body: string, headers: [string, string][], material: string) =>
  (await verify(request({ body, headers }), [{ material }], scheme(id), { now: NOW })).valid
const signed = async (id: string, body: string, material: string, headers: [string, string][] = [['Content-Type', 'application/json']]) =>
  (await sign(request({ body, headers }), { material }, scheme(id), { now: NOW })).request.headers
const accepts = async (check: () => unknown): Promise<boolean> => {
  try {
    const r = await check()
    return r !== false
  } catch {
    return false
  }
}

fixedClock(NOW)

describe('official SDKs as oracles, both directions (the long tail)', () => {
  it('mux: verifySignature accepts our Mux-Signature and refuses it tampered; we accept what it accepts', async () => {
    const secret = 'mux-signing-secret-3f9a'
    const mux = new Mux({ tokenId: 'id', tokenSecret: 'secret', webhookSecret: secret })
    const body = '{"type":"video.asset.ready","data":{"id":"asset_1"}}'
    const ours = await signed('mux', body, secret)
    expect(await accepts(() => mux.webhooks.verifySignature(body, asRecord(ours), secret))).toBe(true)
    expect(await accepts(() => mux.webhooks.verifySignature(tamper(body), asRecord(ours), secret))).toBe(false)
    // Signed as the SDK checks it (its signer is private): the SDK accepts it, and so do we.
    const t = Math.floor(NOW / 1000) - 30
    const theirs: [string, string][] = [['Mux-Signature', `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`]]
    expect(await accepts(() => mux.webhooks.verifySignature(body, asRecord(theirs), secret))).toBe(true)
    expect(await valid('mux', body, theirs, secret)).toBe(true)
    expect(await valid('mux', tamper(body), theirs, secret)).toBe(false)
  })

  it('sanity: isValidSignature accepts ours (base64url, ms); we accept encodeSignatureHeader', async () => {
    const secret = 'sanity-secret'
    const body = '{"_id":"movie_1","_type":"movie","title":"Arrival"}'
    const ours = await signed('sanity', body, secret)
    expect(header(ours, 'sanity-webhook-signature')).toMatch(/^t=\d{13},v1=[A-Za-z0-9_-]+$/)
    expect(await isValidSignature(body, header(ours, 'sanity-webhook-signature'), secret)).toBe(true)
    expect(await isValidSignature(tamper(body), header(ours, 'sanity-webhook-signature'), secret)).toBe(false)
    const theirs: [string, string][] = [['sanity-webhook-signature', await encodeSignatureHeader(body, NOW - 1000, secret)]]
    expect(await valid('sanity', body, theirs, secret)).toBe(true)
    expect(await valid('sanity', tamper(body), theirs, secret)).toBe(false)
  })

  it('workos: verifyHeader accepts ours (t=ms, v1=hex), refuses it after 3 minutes; we accept its computeSignature', async () => {
    const secret = 'workos-webhook-secret'
    const workos = new WorkOS('sk_test_hookscope')
    const body = '{"id":"event_01","event":"user.created","data":{"id":"user_01"}}'
    const ours = await signed('workos', body, secret)
    const sigHeader = header(ours, 'WorkOS-Signature')
    expect(await accepts(() => workos.webhooks.verifyHeader({ payload: body, sigHeader, secret }))).toBe(true)
    expect(await accepts(() => workos.webhooks.verifyHeader({ payload: tamper(body), sigHeader, secret }))).toBe(false)
    const theirs: [string, string][] = [['WorkOS-Signature', `t=${NOW}, v1=${await workos.webhooks.computeSignature(String(NOW), body, secret)}`]]
    expect(await valid('workos', body, theirs, secret)).toBe(true)
    expect(await valid('workos', tamper(body), theirs, secret)).toBe(false)
    // Signed four minutes ago: past the SDK's three-minute tolerance, and ours.
    const stale: [string, string][] = [
      ['WorkOS-Signature', `t=${NOW - 240_000}, v1=${await workos.webhooks.computeSignature(String(NOW - 240_000), body, secret)}`]
    ]
    expect(await accepts(() => workos.webhooks.verifyHeader({ payload: body, sigHeader: header(stale, 'WorkOS-Signature'), secret }))).toBe(false)
    expect(await valid('workos', body, stale, secret)).toBe(false)
  })

  it('modern-treasury: validateSignature accepts our X-Signature; we accept getSignature', async () => {
    const key = 'mt-webhook-key'
    const mt = new ModernTreasury({ apiKey: 'k', organizationID: 'org', webhookKey: key })
    const body = '{"event":"completed","data":{"id":"po_1","object":"payment_order"}}'
    const ours = await signed('modern-treasury', body, key, [
      ['Content-Type', 'application/json'],
      ['X-Topic', 'payment_order']
    ])
    expect(mt.webhooks.validateSignature(body, asRecord(ours), { key })).toBe(true)
    expect(mt.webhooks.validateSignature(tamper(body), asRecord(ours), { key })).toBe(false)
    const theirs: [string, string][] = [['X-Signature', mt.webhooks.getSignature(body, { key })]]
    expect(await valid('modern-treasury', body, theirs, key)).toBe(true)
    expect(await valid('modern-treasury', tamper(body), theirs, key)).toBe(false)
  })

  it('orb: verifySignature accepts ours (v1:timestamp:body, ISO time without a zone as UTC); we accept what it accepts, in a list', async () => {
    const secret = 'orb-webhook-secret'
    const orb = new Orb({ apiKey: 'k', webhookSecret: secret })
    const body = '{"id":"evt_1","type":"invoice.issued","properties":{}}'
    const ours = await signed('orb', body, secret)
    expect(await accepts(() => orb.webhooks.verifySignature(body, asRecord(ours), secret))).toBe(true)
    expect(await accepts(() => orb.webhooks.verifySignature(tamper(body), asRecord(ours), secret))).toBe(false)
    // Orb's own timestamp form: ISO 8601 with microseconds and no zone.
    const ts = new Date(NOW - 5000).toISOString().replace('Z', '000')
    const theirs: [string, string][] = [
      ['X-Orb-Timestamp', ts],
      ['X-Orb-Signature', `v0=abc v1=${createHmac('sha256', secret).update(`v1:${ts}:${body}`).digest('hex')}`]
    ]
    expect(await accepts(() => orb.webhooks.verifySignature(body, asRecord(theirs), secret))).toBe(true)
    expect(await valid('orb', body, theirs, secret)).toBe(true)
    expect(await valid('orb', tamper(body), theirs, secret)).toBe(false)
  })

  it('a date and time without a zone is read as UTC wherever Hookscope runs (Orb sends them so)', () => {
    const tz = process.env.TZ
    try {
      process.env.TZ = 'Asia/Ho_Chi_Minh'
      expect(timestampMs('2026-12-06T12:00:00.000000', 'rfc3339')).toBe(Date.UTC(2026, 11, 6, 12))
      expect(timestampMs('2026-12-06T19:00:00+07:00', 'rfc3339')).toBe(Date.UTC(2026, 11, 6, 12))
      expect(timestampMs('2026-12-06T12:00:00Z', 'rfc3339')).toBe(Date.UTC(2026, 11, 6, 12))
    } finally {
      if (tz === undefined) delete process.env.TZ
      else process.env.TZ = tz
    }
  })

  it('gocardless: webhooks.parse accepts our Webhook-Signature and refuses it tampered; we accept the SDK construction', async () => {
    const secret = 'gc-endpoint-secret'
    const body = '{"events":[{"id":"EV123","created_at":"2026-12-06T12:00:00.000Z","resource_type":"payments","action":"confirmed"}]}'
    const ours = await signed('gocardless', body, secret)
    expect(await accepts(() => gocardlessParse(body, secret, header(ours, 'Webhook-Signature')))).toBe(true)
    expect(await accepts(() => gocardlessParse(tamper(body), secret, header(ours, 'Webhook-Signature')))).toBe(false)
    const theirs: [string, string][] = [['Webhook-Signature', createHmac('sha256', secret).update(body).digest('hex')]]
    expect(await accepts(() => gocardlessParse(body, secret, header(theirs, 'Webhook-Signature')))).toBe(true)
    expect(await valid('gocardless', body, theirs, secret)).toBe(true)
    expect(await valid('gocardless', tamper(body), theirs, secret)).toBe(false)
  })

  it('telnyx: TelnyxWebhook.verify accepts our Ed25519 signature over timestamp|body; we accept an Ed25519 signature it accepts', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
    const body = '{"data":{"event_type":"message.received","id":"m1"}}'
    const ours = await signed('telnyx', body, pem)
    const telnyx = new TelnyxWebhook(raw)
    expect(await accepts(() => telnyx.verify(body, asRecord(ours)))).toBe(true)
    expect(await accepts(() => telnyx.verify(tamper(body), asRecord(ours)))).toBe(false)
    const ts = String(Math.floor(NOW / 1000))
    const theirs: [string, string][] = [
      ['telnyx-timestamp', ts],
      ['telnyx-signature-ed25519', edSign(null, Buffer.from(`${ts}|${body}`), privateKey).toString('base64')]
    ]
    expect(await accepts(() => telnyx.verify(body, asRecord(theirs)))).toBe(true)
    expect(await valid('telnyx', body, theirs, raw)).toBe(true)
    expect(await valid('telnyx', tamper(body), theirs, raw)).toBe(false)
  })

  it('line: validateSignature accepts our X-Line-Signature; we accept the SDK construction', async () => {
    const secret = 'line-channel-secret'
    const body = '{"destination":"U1","events":[{"type":"message","message":{"type":"text","text":"hi"}}]}'
    const ours = await signed('line', body, secret)
    expect(lineValidate(body, secret, header(ours, 'X-Line-Signature'))).toBe(true)
    expect(lineValidate(tamper(body), secret, header(ours, 'X-Line-Signature'))).toBe(false)
    const theirs: [string, string][] = [['X-Line-Signature', createHmac('sha256', secret).update(body).digest('base64')]]
    expect(lineValidate(body, secret, header(theirs, 'X-Line-Signature'))).toBe(true)
    expect(await valid('line', body, theirs, secret)).toBe(true)
    expect(await valid('line', tamper(body), theirs, secret)).toBe(false)
  })

  it('each of them is detected first from a delivery of its own', async () => {
    const deliveries: [string, string, [string, string][]][] = [
      ['mux', '{"type":"video.asset.ready"}', []],
      ['sanity', '{"_id":"a"}', [['sanity-operation', 'create']]],
      ['workos', '{"event":"user.created"}', []],
      ['modern-treasury', '{"event":"completed"}', [['X-Topic', 'payment_order']]],
      ['orb', '{"type":"invoice.issued"}', []],
      ['gocardless', '{"events":[{"id":"EV1","resource_type":"payments"}]}', []],
      ['line', '{"events":[]}', []]
    ]
    for (const [id, body, extra] of deliveries) {
      const headers = await signed(id, body, 'secret-for-detection', [['Content-Type', 'application/json'], ...extra])
      expect(detect(request({ body, headers }))[0]?.scheme, id).toBe(id)
    }
  })
})
