import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto'
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { getScheme, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { fixedClock, request } from './helpers'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const header = (h: [string, string][], name: string): string =>
  h.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]

fixedClock(NOW)

describe('official SDKs as oracles, both directions', () => {
  it('standardwebhooks: the SDK verifies what Hookscope signs, and Hookscope verifies what the SDK signs', async () => {
    const secret = 'whsec_' + randomBytes(32).toString('base64')
    const wh = new Webhook(secret)
    const payload = JSON.stringify({ type: 'user.created', data: { id: randomBytes(6).toString('hex') } })
    const ours = await sign(request({ body: payload }), { material: secret }, scheme('standard-webhooks'), {
      now: NOW,
      id: 'msg_oracle_1'
    })
    const h = ours.request.headers
    expect(
      wh.verify(payload, {
        'webhook-id': header(h, 'webhook-id'),
        'webhook-timestamp': header(h, 'webhook-timestamp'),
        'webhook-signature': header(h, 'webhook-signature')
      })
    ).toBeTruthy()

    const theirs = wh.sign('msg_oracle_2', new Date(NOW), payload)
    const req = request({
      body: payload,
      headers: [
        ['webhook-id', 'msg_oracle_2'],
        ['webhook-timestamp', String(NOW / 1000)],
        ['webhook-signature', theirs]
      ]
    })
    expect((await verify(req, [{ material: secret }], scheme('standard-webhooks'), { now: NOW })).valid).toBe(true)
  })

  it('stripe: constructEvent accepts our header; we accept generateTestHeaderString', async () => {
    const stripe = new Stripe('sk_test_oracle')
    const secret = 'whsec_' + randomBytes(24).toString('hex')
    const payload = JSON.stringify({ id: 'evt_oracle', object: 'event', type: 'payment_intent.succeeded' })
    const ours = await sign(request({ body: payload }), { material: secret }, scheme('stripe'), { now: NOW })
    const event = stripe.webhooks.constructEvent(payload, ours.signature, secret, 300)
    expect(event.id).toBe('evt_oracle')

    const theirs = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW / 1000 })
    const r = await verify(
      request({ body: payload, headers: [['Stripe-Signature', theirs]] }),
      [{ material: secret }],
      scheme('stripe'),
      {
        now: NOW
      }
    )
    expect(r.valid).toBe(true)
    expect(() => stripe.webhooks.constructEvent(payload + ' ', ours.signature, secret, 300)).toThrow()
  })

  it('@octokit/webhooks-methods: GitHub signatures agree both ways', async () => {
    const secret = randomBytes(12).toString('hex')
    const payload = JSON.stringify({ action: 'opened', number: Math.floor(Math.random() * 1000) })
    const ours = await sign(request({ body: payload }), { material: secret }, scheme('github'), { now: NOW })
    expect(await octokitVerify(secret, payload, ours.signature)).toBe(true)
    const theirs = await octokitSign(secret, payload)
    expect(
      (
        await verify(
          request({ body: payload, headers: [['X-Hub-Signature-256', theirs]] }),
          [{ material: secret }],
          scheme('github'),
          {
            now: NOW
          }
        )
      ).valid
    ).toBe(true)
  })

  describe('node:crypto as the RSA oracle, with keys generated here', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const pkcs1Private = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string
    const spkiB64 = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
    const pkcs1Public = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string

    const nodeVerify = (data: Buffer | string, sig: Buffer): boolean =>
      createVerify('RSA-SHA256').update(data).verify(publicKey, sig)
    const nodeSign = (data: Buffer | string): Buffer => createSign('RSA-SHA256').update(data).sign(privateKey)

    it('TruBit: hex signature over the raw body, bare base64 SPKI key as TruBit returns it', async () => {
      const body = JSON.stringify({ eventType: 'ORDER_WEBHOOK', data: { orderId: 'T-1', amount: '12.30' } })
      const ours = await sign(request({ body }), { material: pkcs1Private }, scheme('trubit-velafi'), { now: NOW })
      expect(nodeVerify(body, Buffer.from(ours.signature, 'hex'))).toBe(true)
      const theirs = nodeSign(body).toString('hex')
      const r = await verify(
        request({ body, headers: [['signature', theirs]] }),
        [{ material: spkiB64 }],
        scheme('trubit-velafi'),
        {
          now: NOW
        }
      )
      expect(r.valid).toBe(true)
      const pkcs1 = await verify(
        request({ body, headers: [['signature', theirs]] }),
        [{ material: pkcs1Public }],
        scheme('trubit-velafi'),
        { now: NOW }
      )
      expect(pkcs1.valid).toBe(true)
    })

    it('UseePay: base64 SHA256withRSA over the raw body (JSON delivery)', async () => {
      const body = JSON.stringify({ name: 'payment_intent.succeeded', data: { id: 'pi_1' } })
      const ours = await sign(request({ body }), { material: privatePem }, scheme('useepay-v2'), { now: NOW })
      expect(nodeVerify(body, Buffer.from(ours.signature, 'base64'))).toBe(true)
      const r = await verify(
        request({
          body,
          headers: [
            ['sign', nodeSign(body).toString('base64')],
            ['merchant_no', '500000000007']
          ]
        }),
        [{ material: spkiB64 }],
        scheme('useepay-v2'),
        { now: NOW }
      )
      expect(r.valid).toBe(true)
    })

    it('WeChat Pay v3: timestamp\\nnonce\\nbody\\n', async () => {
      const body = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}'
      const ts = String(NOW / 1000)
      const content = `${ts}\nfdasflkja484w\n${body}\n`
      const headers: [string, string][] = [
        ['Wechatpay-Timestamp', ts],
        ['Wechatpay-Nonce', 'fdasflkja484w'],
        ['Wechatpay-Signature', nodeSign(content).toString('base64')],
        ['Wechatpay-Serial', 'PUB_KEY_ID_0001']
      ]
      const r = await verify(
        request({ body, headers }),
        [{ material: publicKey.export({ type: 'spki', format: 'pem' }) as string }],
        scheme('wechatpay-v3'),
        {
          now: NOW
        }
      )
      expect(r.valid).toBe(true)
      const ours = await sign(
        request({ body, headers: headers.slice(1, 2) }),
        { material: privatePem },
        scheme('wechatpay-v3'),
        {
          now: NOW
        }
      )
      expect(nodeVerify(content, Buffer.from(ours.signature, 'base64'))).toBe(true)
    })

    it('Alipay: RSA2 over sorted k=v of the form without sign and sign_type', async () => {
      const fields = {
        notify_id: 'n1',
        trade_status: 'TRADE_SUCCESS',
        total_amount: '0.10',
        sign_type: 'RSA2',
        app_id: '2019',
        subject: '语雀'
      }
      const content = Object.entries(fields)
        .filter(([k]) => k !== 'sign_type')
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${v}`)
        .join('&')
      const sig = nodeSign(content).toString('base64')
      const body = new URLSearchParams({ ...fields, sign: sig }).toString()
      expect((await verify(request({ body }), [{ material: spkiB64 }], scheme('alipay'), { now: NOW })).valid).toBe(
        true
      )
      const ours = await sign(
        request({ body: new URLSearchParams(fields).toString() }),
        { material: privatePem },
        scheme('alipay'),
        {
          now: NOW
        }
      )
      expect(nodeVerify(content, Buffer.from(decodeURIComponent(ours.signature), 'base64'))).toBe(true)
    })
  })
})
