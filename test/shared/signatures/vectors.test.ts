import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decryptFeishuEvent,
  getScheme,
  sign,
  verify,
  validateDefinition,
  type SchemeDefinition
} from '@shared/signatures'
import { fixtureText } from '../../helpers/fixtures'
import { catalog, request, text, vector } from './helpers'

const scheme = (id: string): SchemeDefinition => getScheme(id)!
const str = (v: unknown): string => String(v)

/** Each catalog vector, reproduced through verify() (and sign() where the scheme can produce it). */
describe('published test vectors (test/fixtures/providers/catalog.json)', () => {
  it('dingtalk-robot-1: DingTalk robot sign in the query, and APSDAI with the same construction in headers', async () => {
    const v = vector('dingtalk-robot-1')
    const ts = str(v.inputs.timestamp)
    const now = Number(ts)
    const url = `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${str(v.expected)}`
    const r = await verify(request({ url }), [{ material: str(v.inputs.secret) }], scheme('dingtalk-robot-sign'), {
      now
    })
    expect(r.valid).toBe(true)
    expect(text(r.signedContent)).toBe(`${ts}\n${str(v.inputs.secret)}`)
    const signed = await sign(
      request({ url: 'https://oapi.dingtalk.com/robot/send?access_token=abc' }),
      { material: 'secret' },
      scheme('dingtalk-robot-sign'),
      { now }
    )
    expect(signed.request.url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${str(v.expected)}`
    )

    const apsdai = await sign(request(), { material: 'secret' }, scheme('apsdai'), { now })
    expect(apsdai.request.headers).toContainEqual(['X-Apsdai-Token', str(v.expected)])
    expect(apsdai.request.headers).toContainEqual(['X-Apsdai-Timestamp', ts])
  })

  it('tiniapp-post-1: Tiki Tini App base64url(ts.key.body) HMAC', async () => {
    const v = vector('tiniapp-post-1')
    const ts = str(v.inputs.timestamp)
    const req = request({
      body: str(v.inputs.payload),
      headers: [
        ['X-Tiniapp-Timestamp', ts],
        ['X-Tiniapp-Signature', str(v.expected)]
      ]
    })
    const r = await verify(req, [{ material: str(v.inputs.clientSecret) }], scheme('tiki-tiniapp'), {
      now: Number(ts),
      params: { clientKey: str(v.inputs.clientKey) }
    })
    expect(r.valid).toBe(true)
    expect(text(r.signedContent)).toBe(str(v.inputs.encodedPayload))
  })

  it('tiki tini app GET: the path with its query in place of the body (the documented GET construction, the vector’s credentials)', async () => {
    const v = vector('tiniapp-post-1')
    const ts = str(v.inputs.timestamp)
    const path = '/api/v1/orders?status=wait%20for%20payment&page=1'
    const encoded = Buffer.from(`${ts}.${str(v.inputs.clientKey)}.${path}`).toString('base64url')
    const signature = createHmac('sha256', str(v.inputs.clientSecret)).update(encoded).digest('hex')
    const get = (p: string) =>
      verify(
        request({
          method: 'GET',
          url: `https://partner.example.test${p}`,
          body: '',
          headers: [
            ['X-Tiniapp-Timestamp', ts],
            ['X-Tiniapp-Client-Id', str(v.inputs.clientKey)],
            ['X-Tiniapp-Signature', signature]
          ]
        }),
        [{ material: str(v.inputs.clientSecret) }],
        scheme('tiki-tiniapp'),
        { now: Number(ts) }
      )
    const r = await get(path)
    expect([r.valid, r.variant]).toEqual([
      true,
      'a GET request: the path with its query (values percent-encoded) in place of the body'
    ])
    expect(text(r.signedContent)).toBe(encoded)
    expect((await get(path.replace('page=1', 'page=2'))).valid).toBe(false)
  })

  it('github-octokit-1', async () => {
    const v = vector('github-octokit-1')
    const req = request({ body: str(v.inputs.payload), headers: [['X-Hub-Signature-256', str(v.expected)]] })
    expect((await verify(req, [{ material: str(v.inputs.secret) }], scheme('github'), { now: 0 })).valid).toBe(true)
    const signed = await sign(
      request({ body: str(v.inputs.payload) }),
      { material: str(v.inputs.secret) },
      scheme('github'),
      { now: 0 }
    )
    expect(signed.signature).toBe(str(v.expected))
  })

  it('slack-1', async () => {
    const v = vector('slack-1')
    const ts = str(v.inputs.timestamp)
    const req = request({
      body: str(v.inputs.payload),
      headers: [
        ['X-Slack-Request-Timestamp', ts],
        ['X-Slack-Signature', str(v.expected)]
      ]
    })
    const r = await verify(req, [{ material: str(v.inputs.secret) }], scheme('slack'), {
      now: Number(ts) * 1000 + 10_000
    })
    expect(r).toMatchObject({ valid: true, timestamp: { ageSec: 10, toleranceSec: 300 } })
  })

  it('twilio-1 and twilio-2-port443: URL + sorted form parameters', async () => {
    const v1 = vector('twilio-1')
    const params = v1.inputs.params as Record<string, string>
    const body = new URLSearchParams(params).toString()
    for (const id of ['twilio-1', 'twilio-2-port443']) {
      const v = vector(id)
      const req = request({
        url: str(v.inputs.url),
        body,
        headers: [
          ['Content-Type', 'application/x-www-form-urlencoded'],
          ['X-Twilio-Signature', str(v.expected)]
        ]
      })
      expect((await verify(req, [{ material: str(v.inputs.authToken) }], scheme('twilio'), { now: 0 })).valid, id).toBe(
        true
      )
    }
  })

  it('standardwebhooks-1', async () => {
    const v = vector('standardwebhooks-1')
    const ts = str(v.inputs.timestamp)
    const signed = await sign(
      request({ body: str(v.inputs.payload) }),
      { material: str(v.inputs.secret) },
      scheme('standard-webhooks'),
      {
        now: Number(ts) * 1000,
        id: str(v.inputs.msgId)
      }
    )
    expect(signed.signature).toBe(str(v.expected))
    const r = await verify(
      signed.request,
      [{ material: str(v.inputs.secret) }],
      scheme('svix'.replace('svix', 'standard-webhooks')),
      {
        now: Number(ts) * 1000
      }
    )
    expect(r.valid).toBe(true)
  })

  it('square-1: notification URL + body', async () => {
    const v = vector('square-1')
    const req = request({
      url: str(v.inputs.notificationUrl),
      body: str(v.inputs.payload),
      headers: [['x-square-hmacsha256-signature', str(v.expected)]]
    })
    expect((await verify(req, [{ material: str(v.inputs.signatureKey) }], scheme('square'), { now: 0 })).valid).toBe(
      true
    )
  })

  it('paddle-1 (ts=…;h1=…)', async () => {
    const v = vector('paddle-1')
    const req = request({ body: str(v.inputs.payload), headers: [['Paddle-Signature', str(v.inputs.header)]] })
    const r = await verify(req, [{ material: str(v.inputs.secret) }], scheme('paddle-billing'), {
      now: Number(v.inputs.timestamp) * 1000 + 1000
    })
    expect(r.valid).toBe(true)
    expect(r.expected).toBe(str(v.inputs.header))
  })

  it('adyen-1 and adyen-2: HMAC over the notification item fields with a hex key', async () => {
    const bodies: Record<string, object> = {
      'adyen-1': {
        pspReference: 'pspReference',
        originalReference: 'originalReference',
        merchantAccountCode: 'merchantAccount',
        merchantReference: 'reference',
        amount: { value: 1000, currency: 'EUR' },
        eventCode: 'CAPTURE',
        success: 'true'
      },
      'adyen-2': {
        pspReference: '7914073381342284',
        merchantAccountCode: 'TestMerchant',
        merchantReference: 'TestPayment-1407325143704',
        amount: { value: 1130, currency: 'EUR' },
        eventCode: 'AUTHORISATION',
        success: 'true'
      }
    }
    for (const id of ['adyen-1', 'adyen-2']) {
      const v = vector(id)
      // The signature travels in the item's additionalData; a delivery wraps items in notificationItems.
      const item = { ...bodies[id], additionalData: { hmacSignature: str(v.expected) } }
      const r = await verify(
        request({ body: JSON.stringify(item) }),
        [{ material: str(v.inputs.hmacKeyHex) }],
        scheme('adyen'),
        { now: 0 }
      )
      expect(text(r.signedContent), id).toBe(str(v.inputs.signingString))
      expect(r.valid, id).toBe(true)
      const wrapped = JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: item }] })
      expect(
        (
          await verify(request({ body: wrapped }), [{ material: str(v.inputs.hmacKeyHex) }], scheme('adyen'), {
            now: 0
          })
        ).valid,
        id
      ).toBe(true)
    }
  })

  it('sendgrid-1: ECDSA P-256 DER signature with a base64 SPKI key', async () => {
    const v = vector('sendgrid-1')
    const ts = str(v.inputs.timestamp)
    const headers: [string, string][] = [
      ['X-Twilio-Email-Event-Webhook-Timestamp', ts],
      ['X-Twilio-Email-Event-Webhook-Signature', str(v.inputs.signature)]
    ]
    const key = [{ material: str(v.inputs.publicKeyB64SPKI) }]
    expect(
      (
        await verify(request({ body: str(v.inputs.payload), headers }), key, scheme('sendgrid'), {
          now: Number(ts) * 1000
        })
      ).valid
    ).toBe(v.expected)
    const tampered = await verify(request({ body: str(v.inputs.payload) + ' ', headers }), key, scheme('sendgrid'), {
      now: Number(ts) * 1000,
      diagnose: false
    })
    expect(tampered.reason).toBe('signature-mismatch')
  })

  it('hubspot-v1-docs and hubspot-v2-docs: plain SHA-256 including the client secret', async () => {
    const v1 = vector('hubspot-v1-docs')
    const r1 = await verify(
      request({ body: str(v1.inputs.payload), headers: [['X-HubSpot-Signature', str(v1.expected)]] }),
      [{ material: str(v1.inputs.clientSecret) }],
      scheme('hubspot-v1'),
      { now: 0 }
    )
    expect(r1.valid).toBe(true)
    const v2 = vector('hubspot-v2-docs')
    const r2 = await verify(
      request({
        method: str(v2.inputs.method),
        url: str(v2.inputs.uri),
        body: '',
        headers: [['X-HubSpot-Signature', str(v2.expected)]]
      }),
      [{ material: str(v2.inputs.clientSecret) }],
      scheme('hubspot-v2'),
      { now: 0 }
    )
    expect(r2.valid).toBe(true)
  })

  it('box-1-primary: body + RFC 3339 delivery timestamp', async () => {
    const v = vector('box-1-primary')
    const ts = str(v.inputs.deliveryTimestamp)
    const req = request({
      body: str(v.inputs.payload),
      headers: [
        ['BOX-DELIVERY-TIMESTAMP', ts],
        ['BOX-SIGNATURE-PRIMARY', str(v.expected)]
      ]
    })
    const r = await verify(req, [{ material: str(v.inputs.primaryKey) }], scheme('box'), {
      now: Date.parse(ts) + 60_000
    })
    expect(r.valid).toBe(true)
  })

  it('wecom-verifyurl-sig: sorted SHA-1 of token, timestamp, nonce, echostr', async () => {
    const v = vector('wecom-verifyurl-sig')
    const q = new URLSearchParams({
      msg_signature: str(v.expected),
      timestamp: str(v.inputs.timestamp),
      nonce: str(v.inputs.nonce),
      echostr: str(v.inputs.echostr)
    })
    const req = request({ method: 'GET', url: `https://corp.example.test/wecom?${q.toString()}` })
    expect(
      (
        await verify(req, [{ material: str(v.inputs.token) }], scheme('wecom'), {
          now: Number(v.inputs.timestamp) * 1000
        })
      ).valid
    ).toBe(true)
  })

  it('lazada-request-sign-doc: upper-case hex HMAC, through a user-defined scheme', async () => {
    const v = vector('lazada-request-sign-doc')
    const def = validateDefinition({
      id: 'lazada-api',
      algorithm: 'hmac-sha256',
      signedContent: [{ part: 'body' }],
      signature: { header: 'X-Sign', encoding: 'hex-upper' }
    })
    const signed = await sign(
      request({ body: str(v.inputs.stringToSign) }),
      { material: str(v.inputs.appSecret) },
      def,
      { now: 0 }
    )
    expect(signed.signature).toBe(str(v.expected))
  })

  it('alipay-2-trade-notify: RSA2 over the sorted form, sign and sign_type excluded', async () => {
    const fx = JSON.parse(fixtureText('providers/alipay-notify.json')) as {
      alipayPublicKey: string
      params: Record<string, string>
    }
    const body = new URLSearchParams(fx.params).toString()
    const req = request({ body, headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']] })
    const r = await verify(req, [{ material: fx.alipayPublicKey }], scheme('alipay'), { now: 0 })
    expect(r.valid).toBe(true)
    const changed = await verify(
      request({ body: body.replace('total_amount=0.10', 'total_amount=9.10') }),
      [{ material: fx.alipayPublicKey }],
      scheme('alipay'),
      { now: 0, diagnose: false }
    )
    expect(changed.reason).toBe('signature-mismatch')
  })

  it('feishu-decrypt-1: AES-256-CBC event decryption with SHA-256(Encrypt Key)', async () => {
    const v = vector('feishu-decrypt-1')
    expect(await decryptFeishuEvent(str(v.inputs.encryptKey), str(v.inputs.encrypt))).toBe(str(v.expected))
    await expect(decryptFeishuEvent('wrong key', str(v.inputs.encrypt))).rejects.toThrow(/wrong Encrypt Key/)
  })

  it('covers every catalog vector except those named here with the reason', () => {
    const covered = new Set([
      'dingtalk-robot-1',
      'tiniapp-post-1',
      'github-octokit-1',
      'slack-1',
      'twilio-1',
      'twilio-2-port443',
      'standardwebhooks-1',
      'square-1',
      'paddle-1',
      'adyen-1',
      'adyen-2',
      'sendgrid-1',
      'hubspot-v1-docs',
      'hubspot-v2-docs',
      'box-1-primary',
      'wecom-verifyurl-sig',
      'lazada-request-sign-doc',
      'alipay-2-trade-notify',
      'feishu-decrypt-1'
    ])
    const notCovered: Record<string, string> = {
      // The catalog truncates its key and parameters ("see vectors_part2.js"); the 15:56 notify (alipay-2) is reproduced from the SDK test instead.
      'alipay-1-trade-notify': 'inputs truncated in the catalog'
    }
    const all = catalog.flatMap((e) => e.vectors.map((v) => v.id))
    expect(all.filter((id) => !covered.has(id) && !(id in notCovered))).toEqual([])
  })
  it('aiprise: the callback example AiPrise publishes (payload, API key, X-HMAC-SIGNATURE) verifies; one byte changed does not', async () => {
    const fx = JSON.parse(fixtureText('providers/aiprise-callback.json')) as {
      apiKey: string
      payload: string
      expected: string
    }
    const req = request({ body: fx.payload, headers: [['X-HMAC-SIGNATURE', fx.expected]] })
    const r = await verify(req, [{ material: fx.apiKey }], scheme('aiprise'), { now: Date.UTC(2026, 11, 7) })
    expect(r.valid).toBe(true)
    const signed = await sign(request({ body: fx.payload }), { material: fx.apiKey }, scheme('aiprise'), {
      now: Date.UTC(2026, 11, 7)
    })
    expect(signed.signature).toBe(fx.expected)
    const changed = request({
      body: fx.payload.replace('APPROVED', 'DECLINED'),
      headers: [['X-HMAC-SIGNATURE', fx.expected]]
    })
    expect(
      (await verify(changed, [{ material: fx.apiKey }], scheme('aiprise'), { now: Date.UTC(2026, 11, 7) })).valid
    ).toBe(false)
  })
})
