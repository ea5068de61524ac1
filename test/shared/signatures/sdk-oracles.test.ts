import { createHash, createHmac, createSign, generateKeyPairSync, randomBytes, sign as edSign } from 'node:crypto'
import { createRequire } from 'node:module'
import twilio from 'twilio'
import { Webhook as SvixWebhook } from 'svix'
import Razorpay from 'razorpay'
import { WebhooksHelper } from 'square'
import { EventWebhook } from '@sendgrid/eventwebhook'
import { verifyKey } from 'discord-interactions'
import { LinearWebhookClient } from '@linear/sdk/webhooks'
import { describe, expect, it } from 'vitest'
import { getScheme, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { fixedClock, request } from './helpers'
import { adyenNotification } from '../../helpers/adyen'

// Each provider's official SDK checks what Hookscope signs, signs what Hookscope checks, and a
// one-byte change is refused by both. A fixed clock everywhere (the SDKs read Date).
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const header = (h: [string, string][], name: string): string =>
  h.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]
const require = createRequire(import.meta.url)

fixedClock(NOW)

interface AdyenItem {
  additionalData: Record<string, string>
  amount: { currency: string; value: number }
  [k: string]: unknown
}
interface AdyenHmac {
  validateHMAC(item: AdyenItem, key: string): boolean
  calculateHmac(data: AdyenItem | string, key: string): string
  validateHMACSignature(key: string, signature: string, data: string): boolean
}

const tamper = (s: string): string => s.slice(0, -2) + (s.at(-2) === 'x' ? 'y' : 'x') + s.at(-1)

describe('official SDKs as oracles, both directions', () => {
  it('twilio: form deliveries, repeated parameters included', async () => {
    const token = randomBytes(16).toString('hex')
    const url = 'https://hooks.example.test/twilio/sms?x=1'
    const body = 'To=%2B15551234567&From=%2B15557654321&Body=Hello+world&MediaUrl0=b&MediaUrl0=a&AccountSid=AC123'
    const params: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(body))
      params[k] = params[k] === undefined ? v : [...([] as string[]).concat(params[k]!), v]
    const form = [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][]

    const ours = await sign(request({ url, body, headers: form }), { material: token }, scheme('twilio'), { now: NOW })
    expect(twilio.validateRequest(token, ours.signature, url, params)).toBe(true)

    const theirs = twilio.getExpectedTwilioSignature(token, url, params)
    const r = await verify(
      request({ url, body, headers: [...form, ['X-Twilio-Signature', theirs]] }),
      [{ material: token }],
      scheme('twilio'),
      { now: NOW }
    )
    expect(r.valid).toBe(true)
    const bad = await verify(
      request({ url, body: body.replace('Hello', 'Hellp'), headers: [...form, ['X-Twilio-Signature', theirs]] }),
      [{ material: token }],
      scheme('twilio'),
      { now: NOW }
    )
    expect(bad.valid).toBe(false)
    expect(twilio.validateRequest(token, ours.signature, url, { ...params, Body: 'Hellp world' })).toBe(false)
  })

  it('twilio: a signature over the URL with :443 written out (or left out) is accepted, as the SDK accepts it', async () => {
    const token = randomBytes(16).toString('hex')
    const body = 'CallSid=CA1&From=%2B15557654321'
    const params = Object.fromEntries(new URLSearchParams(body))
    const form = [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][]
    const check = async (received: string, signedOver: string) => {
      const sig = twilio.getExpectedTwilioSignature(token, signedOver, params)
      const r = await verify(
        request({ url: received, body, headers: [...form, ['X-Twilio-Signature', sig]] }),
        [{ material: token }],
        scheme('twilio'),
        {
          now: NOW
        }
      )
      return {
        sdk: twilio.validateRequest(token, sig, received, params),
        ours: r.valid,
        notice: r.notices.find((n) => n.startsWith('Signed over')) ?? null
      }
    }
    expect(
      await check('https://hooks.example.test/twilio/voice?x=1', 'https://hooks.example.test:443/twilio/voice?x=1')
    ).toEqual({
      sdk: true,
      ours: true,
      notice:
        "Signed over https://hooks.example.test:443/twilio/voice?x=1 (the default port written out), as Twilio's SDKs accept."
    })
    expect(
      await check('https://hooks.example.test:443/twilio/voice', 'https://hooks.example.test/twilio/voice')
    ).toMatchObject({
      sdk: true,
      ours: true
    })
    // Another port is another URL: neither accepts it.
    expect(
      await check('https://hooks.example.test/twilio/voice', 'https://hooks.example.test:8443/twilio/voice')
    ).toMatchObject({
      sdk: false,
      ours: false
    })
  })

  it('twilio: JSON deliveries sign the URL, whose bodySHA256 is the body hash', async () => {
    const token = randomBytes(16).toString('hex')
    const url = 'https://hooks.example.test/twilio/events'
    const body = JSON.stringify({ AccountSid: 'AC123', Status: 'delivered' })
    const json = [['Content-Type', 'application/json']] as [string, string][]

    const ours = await sign(request({ url, body, headers: json }), { material: token }, scheme('twilio'), { now: NOW })
    expect(ours.request.url).toBe(`${url}?bodySHA256=${twilio.getExpectedBodyHash(body)}`)
    expect(twilio.validateRequestWithBody(token, ours.signature, ours.request.url, body)).toBe(true)
    expect(twilio.validateRequestWithBody(token, ours.signature, ours.request.url, body + ' ')).toBe(false)

    const signedUrl = `${url}?bodySHA256=${twilio.getExpectedBodyHash(body)}`
    const theirs = twilio.getExpectedTwilioSignature(token, signedUrl, {})
    const check = (b: string) =>
      verify(
        request({ url: signedUrl, body: b, headers: [...json, ['X-Twilio-Signature', theirs]] }),
        [{ material: token }],
        scheme('twilio'),
        { now: NOW }
      )
    const r = await check(body)
    expect(r.valid).toBe(true)
    expect(r.bodyCovered).toBe(true)
    const bad = await check(body.replace('delivered', 'deliverEd'))
    expect(bad.valid).toBe(false)
    expect(bad.message).toMatch(/signature over the URL matches, but the body does not/)
  })

  it('standard webhooks sent with svix-* headers (Clerk, Resend) verify under standard-webhooks', async () => {
    const secret = 'whsec_' + randomBytes(24).toString('base64')
    const wh = new SvixWebhook(secret)
    const payload = JSON.stringify({ type: 'user.created', data: { id: 'user_1' } })
    const theirs = wh.sign('msg_clerk_1', new Date(NOW), payload)
    const req = (body: string) =>
      request({
        body,
        headers: [
          ['svix-id', 'msg_clerk_1'],
          ['svix-timestamp', String(NOW / 1000)],
          ['svix-signature', theirs]
        ]
      })
    const r = await verify(req(payload), [{ material: secret }], scheme('standard-webhooks'), { now: NOW })
    expect(r.valid).toBe(true)
    expect(r.notices.join(' ')).toMatch(/svix-signature as webhook-signature/)
    expect(
      (await verify(req(payload + ' '), [{ material: secret }], scheme('standard-webhooks'), { now: NOW })).valid
    ).toBe(false)
    // And what standard-webhooks signs, the Svix SDK accepts (it reads webhook-* names too).
    const ours = await sign(request({ body: payload }), { material: secret }, scheme('standard-webhooks'), {
      now: NOW,
      id: 'msg_clerk_2'
    })
    const h = ours.request.headers
    expect(
      wh.verify(payload, {
        'webhook-id': header(h, 'webhook-id'),
        'webhook-timestamp': header(h, 'webhook-timestamp'),
        'webhook-signature': header(h, 'webhook-signature')
      })
    ).toBeTruthy()
  })

  it('svix: the Svix SDK signs and verifies svix-* headers', async () => {
    const secret = 'whsec_' + randomBytes(24).toString('base64')
    const wh = new SvixWebhook(secret)
    const payload = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } })
    const ours = await sign(request({ body: payload }), { material: secret }, scheme('svix'), {
      now: NOW,
      id: 'msg_svix_1'
    })
    const h = ours.request.headers
    const svixHeaders = {
      'svix-id': header(h, 'svix-id'),
      'svix-timestamp': header(h, 'svix-timestamp'),
      'svix-signature': header(h, 'svix-signature')
    }
    expect(wh.verify(payload, svixHeaders)).toBeTruthy()
    expect(() => wh.verify(payload + ' ', svixHeaders)).toThrow()

    const theirs = wh.sign('msg_svix_2', new Date(NOW), payload)
    const req = (body: string) =>
      request({
        body,
        headers: [
          ['svix-id', 'msg_svix_2'],
          ['svix-timestamp', String(NOW / 1000)],
          ['svix-signature', theirs]
        ]
      })
    expect((await verify(req(payload), [{ material: secret }], scheme('svix'), { now: NOW })).valid).toBe(true)
    expect((await verify(req(payload + ' '), [{ material: secret }], scheme('svix'), { now: NOW })).valid).toBe(false)
  })

  it('hubspot v3: Signature.isValid (HMAC over method, URL, body and timestamp)', async () => {
    const { Signature } = require('@hubspot/api-client/lib/src/utils/signature') as {
      Signature: {
        isValid(o: {
          signatureVersion: string
          signature: string
          clientSecret: string
          requestBody: string
          method: string
          url: string
          timestamp: number
        }): boolean
        getSignature(
          method: string,
          v: string,
          o: { clientSecret: string; requestBody: string; url: string; timestamp: number }
        ): string
      }
    }
    const clientSecret = randomBytes(16).toString('hex')
    const url = 'https://hooks.example.test/hubspot?portal=1'
    const body = JSON.stringify([{ eventId: 1, subscriptionType: 'contact.creation' }])
    const ours = await sign(request({ url, body }), { material: clientSecret }, scheme('hubspot'), { now: NOW })
    const timestamp = Number(header(ours.request.headers, 'X-HubSpot-Request-Timestamp'))
    const check = (requestBody: string, signature: string) =>
      Signature.isValid({
        signatureVersion: 'v3',
        signature,
        clientSecret,
        requestBody,
        method: 'POST',
        url,
        timestamp
      })
    expect(check(body, ours.signature)).toBe(true)
    expect(check(body + ' ', ours.signature)).toBe(false)
    const theirs = Signature.getSignature('POST', 'v3', { clientSecret, requestBody: body, url, timestamp })
    const headers: [string, string][] = [
      ['X-HubSpot-Signature-v3', theirs],
      ['X-HubSpot-Request-Timestamp', String(timestamp)]
    ]
    expect(
      (await verify(request({ url, body, headers }), [{ material: clientSecret }], scheme('hubspot'), { now: NOW }))
        .valid
    ).toBe(true)
    expect(
      (
        await verify(request({ url, body: body + ' ', headers }), [{ material: clientSecret }], scheme('hubspot'), {
          now: NOW
        })
      ).valid
    ).toBe(false)
  })

  it('hubspot: X-HubSpot-Signature-Version v1 and v2 deliveries are checked by that version under the hubspot scheme', async () => {
    const { Signature } = require('@hubspot/api-client/lib/src/utils/signature') as {
      Signature: {
        getSignature(
          method: string,
          v: string,
          o: { clientSecret: string; requestBody: string; url: string; timestamp?: number }
        ): string
      }
    }
    const clientSecret = randomBytes(16).toString('hex')
    const url = 'https://hooks.example.test/hubspot'
    const body = JSON.stringify([{ eventId: 2, subscriptionType: 'deal.creation' }])
    for (const version of ['v1', 'v2']) {
      const sig = Signature.getSignature('POST', version, { clientSecret, requestBody: body, url })
      const headers: [string, string][] = [
        ['X-HubSpot-Signature', sig],
        ['X-HubSpot-Signature-Version', version]
      ]
      const r = await verify(request({ url, body, headers }), [{ material: clientSecret }], scheme('hubspot'), {
        now: NOW
      })
      expect(r.valid, version).toBe(true)
      expect(r.scheme).toBe(`hubspot-${version}`)
      expect(r.notices.join(' ')).toMatch(new RegExp(`X-HubSpot-Signature-Version: ${version}`))
      expect(
        (
          await verify(request({ url, body: body + ' ', headers }), [{ material: clientSecret }], scheme('hubspot'), {
            now: NOW
          })
        ).valid
      ).toBe(false)
    }
  })

  it('paddle billing: Webhooks.isSignatureValid accepts our Paddle-Signature; we accept the SDK-documented construction', async () => {
    const { Paddle } = require('@paddle/paddle-node-sdk') as {
      Paddle: new (key: string) => {
        webhooks: { isSignatureValid(b: string, s: string, sig: string): Promise<boolean> }
      }
    }
    const paddle = new Paddle('pdl_sdbx_apikey_oracle')
    const secret = 'pdl_ntfset_' + randomBytes(12).toString('hex')
    const body = JSON.stringify({
      event_id: 'evt_1',
      event_type: 'transaction.completed',
      occurred_at: new Date(NOW).toISOString(),
      notification_id: 'ntf_1',
      data: { id: 'txn_1' }
    })
    const ours = await sign(request({ body }), { material: secret }, scheme('paddle-billing'), { now: NOW })
    expect(await paddle.webhooks.isSignatureValid(body, secret, ours.signature)).toBe(true)
    expect(await paddle.webhooks.isSignatureValid(body + ' ', secret, ours.signature)).toBe(false)
    const ts = NOW / 1000
    const theirs = `ts=${ts};h1=${createHmac('sha256', secret).update(`${ts}:${body}`).digest('hex')}`
    expect(await paddle.webhooks.isSignatureValid(body, secret, theirs)).toBe(true)
    expect(
      (
        await verify(
          request({ body, headers: [['Paddle-Signature', theirs]] }),
          [{ material: secret }],
          scheme('paddle-billing'),
          {
            now: NOW
          }
        )
      ).valid
    ).toBe(true)
  })

  it('box: WebhooksManager.validateMessage with primary and secondary keys; either header may match', async () => {
    const { WebhooksManager } = require('box-node-sdk/lib/managers/webhooks') as {
      WebhooksManager: {
        validateMessage(
          body: string,
          headers: Record<string, string>,
          primary: string,
          o?: { secondaryKey?: string; maxAge?: number }
        ): Promise<boolean>
      }
    }
    const primary = randomBytes(16).toString('hex')
    const secondary = randomBytes(16).toString('hex')
    const body = JSON.stringify({ type: 'webhook_event', trigger: 'FILE.UPLOADED', source: { id: 'f1' } })
    const fixed = { 'box-signature-version': '1', 'box-signature-algorithm': 'HmacSHA256' }
    const lower = (h: [string, string][]) => Object.fromEntries(h.map(([n, v]) => [n.toLowerCase(), v]))

    // Signed with the secondary key only: the SDK (given both keys) and Hookscope (given the secondary) accept it.
    const ours = await sign(request({ body }), { material: secondary }, scheme('box'), { now: NOW })
    const ts = header(ours.request.headers, 'BOX-DELIVERY-TIMESTAMP')
    const delivered = {
      ...fixed,
      'box-delivery-timestamp': ts,
      'box-signature-primary': 'AAAA',
      'box-signature-secondary': ours.signature
    }
    expect(
      await WebhooksManager.validateMessage(body, delivered, primary, { secondaryKey: secondary, maxAge: 600 })
    ).toBe(true)
    expect(
      await WebhooksManager.validateMessage(body + ' ', delivered, primary, { secondaryKey: secondary, maxAge: 600 })
    ).toBe(false)
    const headers: [string, string][] = Object.entries(delivered)
    const r = await verify(
      request({ body, headers }),
      [{ material: primary }, { material: secondary }],
      scheme('box'),
      { now: NOW }
    )
    expect(r.valid).toBe(true)
    expect(r.notices.join(' ')).toMatch(/box-signature-secondary matched/i)
    expect(
      (
        await verify(
          request({ body: body + ' ', headers }),
          [{ material: primary }, { material: secondary }],
          scheme('box'),
          { now: NOW }
        )
      ).valid
    ).toBe(false)
    expect(lower(ours.request.headers)['box-signature-primary']).toBe(ours.signature)
  })

  it('docusign connect: any of X-DocuSign-Signature-1..N matches (key rotation)', async () => {
    const oldKey = randomBytes(24).toString('base64')
    const newKey = randomBytes(24).toString('base64')
    const body = JSON.stringify({ event: 'envelope-completed', data: { envelopeId: 'e1' } })
    // DocuSign's documented check: base64 HMAC-SHA256 of the body, one header per active key.
    const mac = (k: string, b: string) => createHmac('sha256', k).update(b).digest('base64')
    const headers: [string, string][] = [
      ['X-DocuSign-Signature-1', mac(oldKey, body)],
      ['X-DocuSign-Signature-2', mac(newKey, body)]
    ]
    const r = await verify(request({ body, headers }), [{ material: newKey }], scheme('docusign'), { now: NOW })
    expect(r.valid).toBe(true)
    expect(r.notices.join(' ')).toMatch(/X-DocuSign-Signature-2 matched/)
    expect(
      (await verify(request({ body: body + ' ', headers }), [{ material: newKey }], scheme('docusign'), { now: NOW }))
        .valid
    ).toBe(false)
    const ours = await sign(request({ body }), { material: newKey }, scheme('docusign'), { now: NOW })
    expect(ours.signature).toBe(mac(newKey, body))
  })

  it('adyen classic: HmacValidator checks every item Hookscope signs; Hookscope checks every item, naming the bad one', async () => {
    const HmacValidator = (
      require('@adyen/api-library/lib/src/utils/hmacValidator') as { default: new () => AdyenHmac }
    ).default
    const validator = new HmacValidator()
    const key = randomBytes(32).toString('hex')
    const body = JSON.stringify(
      adyenNotification([
        ['PSP001', 1000],
        ['PSP002', 2500]
      ])
    )
    const ours = await sign(request({ body }), { material: key }, scheme('adyen'), { now: NOW })
    const signed = JSON.parse(new TextDecoder().decode(ours.request.body)) as {
      notificationItems: { NotificationRequestItem: AdyenItem }[]
    }
    for (const { NotificationRequestItem: it } of signed.notificationItems)
      expect(validator.validateHMAC(it, key)).toBe(true)

    // The library signs each item; Hookscope verifies the batch, then a changed amount in item 2.
    const theirs = JSON.parse(body) as { notificationItems: { NotificationRequestItem: AdyenItem }[] }
    for (const { NotificationRequestItem: it } of theirs.notificationItems)
      it.additionalData.hmacSignature = validator.calculateHmac(it, key)
    const r = await verify(request({ body: JSON.stringify(theirs) }), [{ material: key }], scheme('adyen'), {
      now: NOW
    })
    expect(r.valid).toBe(true)
    expect(r.items?.map((i) => [i.label, i.valid])).toEqual([
      ['PSP001', true],
      ['PSP002', true]
    ])
    theirs.notificationItems[1]!.NotificationRequestItem.amount.value = 2501
    const bad = await verify(request({ body: JSON.stringify(theirs) }), [{ material: key }], scheme('adyen'), {
      now: NOW
    })
    expect(bad.valid).toBe(false)
    expect(bad.items?.map((i) => i.valid)).toEqual([true, false])
    expect(bad.message).toMatch(/Item 2 of 2 \(PSP002\)/)
  })

  it('adyen platform: HmacSignature header over the raw body (validateHMACSignature)', async () => {
    const HmacValidator = (
      require('@adyen/api-library/lib/src/utils/hmacValidator') as { default: new () => AdyenHmac }
    ).default
    const validator = new HmacValidator()
    const key = randomBytes(32).toString('hex')
    const body = JSON.stringify({ type: 'balancePlatform.accountHolder.updated', data: { id: 'AH1' } })
    const ours = await sign(request({ body }), { material: key }, scheme('adyen-platform'), { now: NOW })
    expect(validator.validateHMACSignature(key, ours.signature, body)).toBe(true)
    expect(validator.validateHMACSignature(key, ours.signature, body + ' ')).toBe(false)
    const theirs = validator.calculateHmac(body, key)
    expect(
      (
        await verify(
          request({ body, headers: [['HmacSignature', theirs]] }),
          [{ material: key }],
          scheme('adyen-platform'),
          { now: NOW }
        )
      ).valid
    ).toBe(true)
  })

  it('alipay: checkNotifySign accepts what Hookscope signs; Hookscope accepts both readings the SDK tries (sign_type kept or not)', async () => {
    const { AlipaySdk } = require('alipay-sdk') as {
      AlipaySdk: new (c: Record<string, string>) => { checkNotifySign(p: Record<string, string>): boolean }
    }
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pubB64 = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
    const sdk = new AlipaySdk({
      appId: '2021000000000000',
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
      alipayPublicKey: pubB64
    })
    const params: Record<string, string> = {
      app_id: '2021000000000000',
      notify_id: 'ac05099524730693a8b330c5ecf72da9786',
      notify_time: '2026-11-23 12:00:00',
      out_trade_no: 'order-001',
      total_amount: '88.88',
      trade_no: '2026112322001400000000000001',
      trade_status: 'TRADE_SUCCESS',
      sign_type: 'RSA2'
    }
    const form = (p: Record<string, string>) => new URLSearchParams(p).toString()
    const ours = await sign(
      request({ body: form(params), headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
      { material: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
      scheme('alipay'),
      { now: NOW }
    )
    const posted = Object.fromEntries(new URLSearchParams(new TextDecoder().decode(ours.request.body)))
    expect(sdk.checkNotifySign(posted)).toBe(true)
    expect(sdk.checkNotifySign({ ...posted, total_amount: '88.89' })).toBe(false)

    const key = [{ material: pubB64 }]
    for (const keepSignType of [false, true]) {
      const signedFields = Object.keys(params)
        .filter((k) => keepSignType || k !== 'sign_type')
        .sort()
        .map((k) => `${k}=${params[k]}`)
        .join('&')
      const sig = createSign('RSA-SHA256').update(signedFields).sign(privateKey, 'base64')
      const body = form({ ...params, sign: sig })
      expect(sdk.checkNotifySign(Object.fromEntries(new URLSearchParams(body)))).toBe(true)
      const r = await verify(
        request({ body, headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
        key,
        scheme('alipay'),
        {
          now: NOW
        }
      )
      expect(r.valid, `sign_type kept: ${keepSignType}`).toBe(true)
      expect(r.variant ?? null).toBe(
        keepSignType ? 'every field but sign, sign_type included (gateway notifies)' : null
      )
      const tampered = body.replace('88.88', '88.89')
      expect(
        (
          await verify(
            request({ body: tampered, headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
            key,
            scheme('alipay'),
            { now: NOW }
          )
        ).valid
      ).toBe(false)
    }
  })

  it('feishu / lark: EventDispatcher checks the X-Lark-Signature Hookscope signs; Hookscope checks the SDK construction', async () => {
    const lark = require('@larksuiteoapi/node-sdk') as {
      EventDispatcher: new (p: { encryptKey: string }) => {
        requestHandle: { checkIsEventValidated(d: unknown): boolean }
      }
    }
    const encryptKey = randomBytes(12).toString('hex')
    const body = JSON.stringify({
      schema: '2.0',
      header: { event_id: 'ev1', event_type: 'im.message.receive_v1' },
      event: { message: { message_id: 'm1' } }
    })
    const ours = await sign(
      request({ body, headers: [['X-Lark-Request-Nonce', 'n0nce']] }),
      { material: encryptKey },
      scheme('feishu'),
      {
        now: NOW
      }
    )
    const lower = Object.fromEntries(ours.request.headers.map(([n, v]) => [n.toLowerCase(), v]))
    // The SDK reads the parsed body with the headers beside it (not serialised).
    const asSdk = (b: string) => Object.assign(Object.create({ headers: lower }) as object, JSON.parse(b) as object)
    const dispatcher = new lark.EventDispatcher({ encryptKey }).requestHandle
    expect(dispatcher.checkIsEventValidated(asSdk(body))).toBe(true)
    expect(dispatcher.checkIsEventValidated(asSdk(body.replace('m1', 'm2')))).toBe(false)
    const ts = lower['x-lark-request-timestamp']!
    const theirs = createHash('sha256')
      .update(ts + 'n0nce' + encryptKey + body)
      .digest('hex')
    const headers: [string, string][] = [
      ['X-Lark-Request-Timestamp', ts],
      ['X-Lark-Request-Nonce', 'n0nce'],
      ['X-Lark-Signature', theirs]
    ]
    expect(
      (await verify(request({ body, headers }), [{ material: encryptKey }], scheme('feishu'), { now: NOW })).valid
    ).toBe(true)
    expect(
      (
        await verify(
          request({ body: body.replace('m1', 'm2'), headers }),
          [{ material: encryptKey }],
          scheme('feishu'),
          { now: NOW }
        )
      ).valid
    ).toBe(false)
  })

  it('key rotation: Stripe sends a v1 per active secret, Svix a signature per key; each SDK and Hookscope accept either key', async () => {
    const Stripe = require('stripe') as new (k: string) => {
      webhooks: {
        constructEvent(p: string, h: string, s: string, t?: number): { id: string }
        generateTestHeaderString(o: { payload: string; secret: string; timestamp: number }): string
      }
    }
    const stripe = new Stripe('sk_test_rotation')
    const [oldSecret, newSecret] = [
      'whsec_' + randomBytes(16).toString('hex'),
      'whsec_' + randomBytes(16).toString('hex')
    ]
    const payload = JSON.stringify({ id: 'evt_rot', object: 'event' })
    const ts = NOW / 1000
    const v1 = (s: string) => createHmac('sha256', s).update(`${ts}.${payload}`).digest('hex')
    const both = `t=${ts},v1=${v1(oldSecret)},v1=${v1(newSecret)}`
    for (const s of [oldSecret, newSecret])
      expect(stripe.webhooks.constructEvent(payload, both, s, 300).id).toBe('evt_rot')
    const req = request({ body: payload, headers: [['Stripe-Signature', both]] })
    const r = await verify(req, [{ material: 'whsec_unrelated' }, { material: newSecret }], scheme('stripe'), {
      now: NOW
    })
    expect(r.valid).toBe(true)
    expect(r.matchedKey).toBe(1)
    expect((await verify(req, [{ material: 'whsec_unrelated' }], scheme('stripe'), { now: NOW })).valid).toBe(false)

    const [k1, k2] = ['whsec_' + randomBytes(24).toString('base64'), 'whsec_' + randomBytes(24).toString('base64')]
    const body = JSON.stringify({ type: 'rotated' })
    const sigs = [k1, k2].map((k) => new SvixWebhook(k).sign('msg_rot', new Date(NOW), body)).join(' ')
    const headers: [string, string][] = [
      ['webhook-id', 'msg_rot'],
      ['webhook-timestamp', String(ts)],
      ['webhook-signature', sigs]
    ]
    for (const k of [k1, k2]) {
      expect(new SvixWebhook(k).verify(body, Object.fromEntries(headers))).toBeTruthy()
      expect(
        (await verify(request({ body, headers }), [{ material: k }], scheme('standard-webhooks'), { now: NOW })).valid
      ).toBe(true)
    }
  })

  it('razorpay: validateWebhookSignature', async () => {
    const secret = randomBytes(12).toString('hex')
    const body = JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1' } } } })
    const ours = await sign(request({ body }), { material: secret }, scheme('razorpay'), { now: NOW })
    expect(Razorpay.validateWebhookSignature(body, ours.signature, secret)).toBe(true)
    expect(Razorpay.validateWebhookSignature(body + ' ', ours.signature, secret)).toBe(false)
    const theirs = createHmac('sha256', secret).update(body).digest('hex') // the SDK only verifies; its construction
    expect(Razorpay.validateWebhookSignature(body, theirs, secret)).toBe(true)
    const r = await verify(
      request({ body, headers: [['X-Razorpay-Signature', theirs]] }),
      [{ material: secret }],
      scheme('razorpay'),
      {
        now: NOW
      }
    )
    expect(r.valid).toBe(true)
  })

  it('square: WebhooksHelper.verifySignature with the notification URL', async () => {
    const key = randomBytes(16).toString('base64')
    const url = 'https://hooks.example.test/square'
    const body = JSON.stringify({ merchant_id: 'M1', type: 'payment.updated', event_id: 'e1' })
    const ours = await sign(request({ url, body }), { material: key }, scheme('square'), {
      now: NOW,
      params: { notificationUrl: url }
    })
    const check = (requestBody: string, signatureHeader: string) =>
      WebhooksHelper.verifySignature({ requestBody, signatureHeader, signatureKey: key, notificationUrl: url })
    expect(await check(body, ours.signature)).toBe(true)
    expect(await check(body + ' ', ours.signature)).toBe(false)
    const theirs = createHmac('sha256', key)
      .update(url + body)
      .digest('base64')
    expect(await check(body, theirs)).toBe(true)
    const r = await verify(
      request({ url, body, headers: [['x-square-hmacsha256-signature', theirs]] }),
      [{ material: key }],
      scheme('square'),
      {
        now: NOW,
        params: { notificationUrl: url }
      }
    )
    expect(r.valid).toBe(true)
  })

  it('sendgrid: EventWebhook verifies our ECDSA signature and we verify a P-256 signature made as SendGrid does', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const pubB64 = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
    const privPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const body = JSON.stringify([{ email: 'a@example.test', event: 'delivered', timestamp: NOW / 1000 }])
    const ours = await sign(request({ body }), { material: privPem }, scheme('sendgrid'), { now: NOW })
    const ew = new EventWebhook()
    const ecPublicKey = ew.convertPublicKeyToECDSA(pubB64)
    const ts = header(ours.request.headers, 'X-Twilio-Email-Event-Webhook-Timestamp')
    expect(ew.verifySignature(ecPublicKey, body, ours.signature, ts)).toBe(true)
    expect(ew.verifySignature(ecPublicKey, body + ' ', ours.signature, ts)).toBe(false)

    const r = await verify(
      request({ body, headers: ours.request.headers }),
      [{ material: pubB64 }],
      scheme('sendgrid'),
      { now: NOW }
    )
    expect(r.valid).toBe(true)
    const bad = await verify(
      request({ body: body + ' ', headers: ours.request.headers }),
      [{ material: pubB64 }],
      scheme('sendgrid'),
      {
        now: NOW
      }
    )
    expect(bad.valid).toBe(false)
  })

  it('discord: verifyKey (Ed25519 over timestamp + body)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const pubHex = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).subarray(-32).toString('hex')
    const privPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const body = JSON.stringify({ type: 1, id: 'i1' })
    const ours = await sign(request({ body }), { material: privPem }, scheme('discord'), { now: NOW })
    const ts = header(ours.request.headers, 'X-Signature-Timestamp')
    expect(await verifyKey(body, ours.signature, ts, pubHex)).toBe(true)
    expect(await verifyKey(body + ' ', ours.signature, ts, pubHex)).toBe(false)

    const theirs = edSign(null, Buffer.from(ts + body), privateKey).toString('hex') // Discord signs; the SDK only verifies
    expect(await verifyKey(body, theirs, ts, pubHex)).toBe(true)
    const r = await verify(
      request({
        body,
        headers: [
          ['X-Signature-Ed25519', theirs],
          ['X-Signature-Timestamp', ts]
        ]
      }),
      [{ material: pubHex }],
      scheme('discord'),
      { now: NOW }
    )
    expect(r.valid).toBe(true)
  })

  it('linear: LinearWebhookClient.verify', async () => {
    const secret = 'lin_wh_' + randomBytes(16).toString('hex')
    const body = JSON.stringify({ action: 'create', type: 'Issue', data: { id: 'i1' }, webhookTimestamp: NOW })
    const ours = await sign(request({ body }), { material: secret }, scheme('linear'), { now: NOW })
    const client = new LinearWebhookClient(secret)
    expect(client.verify(Buffer.from(body), ours.signature, NOW)).toBe(true)
    expect(() => client.verify(Buffer.from(body + ' '), ours.signature, NOW)).toThrow()
    const theirs = createHmac('sha256', secret).update(body).digest('hex')
    const r = await verify(
      request({ body, headers: [['Linear-Signature', theirs]] }),
      [{ material: secret }],
      scheme('linear'),
      {
        now: NOW
      }
    )
    expect(r.valid).toBe(true)
    // The timestamp inside the body is enforced: 2 minutes old is refused by both.
    const old = JSON.stringify({ action: 'create', type: 'Issue', data: { id: 'i1' }, webhookTimestamp: NOW - 120_000 })
    const oldSig = createHmac('sha256', secret).update(old).digest('hex')
    expect(() => client.verify(Buffer.from(old), oldSig, NOW)).toThrow(/timestamp/)
    const stale = await verify(
      request({ body: old, headers: [['Linear-Signature', oldSig]] }),
      [{ material: secret }],
      scheme('linear'),
      {
        now: NOW
      }
    )
    expect(stale.reason).toBe('stale-timestamp')
  })

  it('coinbase commerce: Webhook.verifySigHeader', async () => {
    const { Webhook } = require('coinbase-commerce-node') as {
      Webhook: { verifySigHeader(body: string, sig: string, secret: string): void }
    }
    const secret = randomBytes(16).toString('hex')
    const body = JSON.stringify({ event: { id: 'e1', type: 'charge:confirmed' } })
    const ours = await sign(request({ body }), { material: secret }, scheme('coinbase-commerce'), { now: NOW })
    expect(() => Webhook.verifySigHeader(body, ours.signature, secret)).not.toThrow()
    expect(() => Webhook.verifySigHeader(body + ' ', ours.signature, secret)).toThrow()
    const theirs = createHmac('sha256', secret).update(body).digest('hex')
    const r = await verify(
      request({ body, headers: [['X-CC-Webhook-Signature', tamper(theirs)]] }),
      [{ material: secret }],
      scheme('coinbase-commerce'),
      {
        now: NOW
      }
    )
    expect(r.valid).toBe(false)
    expect(
      (
        await verify(
          request({ body, headers: [['X-CC-Webhook-Signature', theirs]] }),
          [{ material: secret }],
          scheme('coinbase-commerce'),
          { now: NOW }
        )
      ).valid
    ).toBe(true)
  })
})
