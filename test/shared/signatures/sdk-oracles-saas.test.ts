import { createHmac, createSign, generateKeyPairSync, sign as edSign } from 'node:crypto'
import Mux from '@mux/mux-node'
import { encodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { WorkOS } from '@workos-inc/node'
import ModernTreasury from 'modern-treasury'
import Orb from 'orb-billing'
import { parse as gocardlessParse } from 'gocardless-nodejs/webhooks'
import { TelnyxWebhook } from 'telnyx/lib/webhooks'
import { validateSignature as lineValidate } from '@line/bot-sdk'
import https from 'node:https'
import { PassThrough } from 'node:stream'
import MessageValidator from 'sns-validator'
import plivo from 'plivo'
import { AppStrategy, createClient } from '@wix/sdk'
import { SignJWT, importPKCS8 } from 'jose'
import { signRequest as contentfulSign, verifyRequest as contentfulVerify } from '@contentful/node-apps-toolkit'
import { describe, expect, it, vi } from 'vitest'
import { detect, getScheme, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { timestampMs } from '@shared/signatures/codec'
import { fixedClock, request, text } from './helpers'

// The long tail with official SDKs: each SDK checks what Hookscope signs, Hookscope checks what the SDK
// signs (or, where the SDK only verifies, what its documented construction gives), and a one-byte
// change is refused by both. A fixed clock everywhere.
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const header = (h: [string, string][], name: string): string =>
  h.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]
const asRecord = (h: [string, string][]): Record<string, string> =>
  Object.fromEntries(h.map(([n, v]) => [n.toLowerCase(), v]))
const tamper = (body: string): string => body.replace('"', "'")
const valid = async (id: string, body: string, headers: [string, string][], material: string) =>
  (await verify(request({ body, headers }), [{ material }], scheme(id), { now: NOW })).valid
const signed = async (
  id: string,
  body: string,
  material: string,
  headers: [string, string][] = [['Content-Type', 'application/json']]
) => (await sign(request({ body, headers }), { material }, scheme(id), { now: NOW })).request.headers
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
    const theirs: [string, string][] = [
      ['Mux-Signature', `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`]
    ]
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
    const theirs: [string, string][] = [
      ['sanity-webhook-signature', await encodeSignatureHeader(body, NOW - 1000, secret)]
    ]
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
    const theirs: [string, string][] = [
      ['WorkOS-Signature', `t=${NOW}, v1=${await workos.webhooks.computeSignature(String(NOW), body, secret)}`]
    ]
    expect(await valid('workos', body, theirs, secret)).toBe(true)
    expect(await valid('workos', tamper(body), theirs, secret)).toBe(false)
    // Signed four minutes ago: past the SDK's three-minute tolerance, and ours.
    const stale: [string, string][] = [
      [
        'WorkOS-Signature',
        `t=${NOW - 240_000}, v1=${await workos.webhooks.computeSignature(String(NOW - 240_000), body, secret)}`
      ]
    ]
    expect(
      await accepts(() =>
        workos.webhooks.verifyHeader({ payload: body, sigHeader: header(stale, 'WorkOS-Signature'), secret })
      )
    ).toBe(false)
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
    const body =
      '{"events":[{"id":"EV123","created_at":"2026-12-06T12:00:00.000Z","resource_type":"payments","action":"confirmed"}]}'
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
    const theirs: [string, string][] = [
      ['X-Line-Signature', createHmac('sha256', secret).update(body).digest('base64')]
    ]
    expect(lineValidate(body, secret, header(theirs, 'X-Line-Signature'))).toBe(true)
    expect(await valid('line', body, theirs, secret)).toBe(true)
    expect(await valid('line', tamper(body), theirs, secret)).toBe(false)
  })

  it('amazon sns: the AWS validator accepts our signature (versions 1 and 2) with the certificate it fetches; we accept what it accepts; an unknown version is named', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const certUrl = 'https://sns.ap-southeast-1.amazonaws.com/SimpleNotificationService-hookscope.pem'
    // The validator downloads the certificate: its download is served the test key (no network).
    const fetched: string[] = []
    const get = vi.spyOn(https, 'get').mockImplementation(((
      url: string,
      cb: (res: PassThrough & { statusCode: number }) => void
    ) => {
      fetched.push(url)
      const res = Object.assign(new PassThrough(), { statusCode: 200 })
      queueMicrotask(() => {
        cb(res)
        res.end(publicPem)
      })
      return new PassThrough()
    }) as unknown as typeof https.get)
    try {
      const validator = new MessageValidator()
      const awsAccepts = (body: string) => new Promise<boolean>((done) => validator.validate(body, (err) => done(!err)))
      const message = (version: string, extra: Record<string, string> = {}) =>
        JSON.stringify(
          {
            Type: 'Notification',
            MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
            TopicArn: 'arn:aws:sns:ap-southeast-1:123456789012:orders',
            Subject: 'Order paid',
            Message: '{"order":"A1","amount":"12.30"}',
            Timestamp: new Date(NOW - 2000).toISOString(),
            SignatureVersion: version,
            SigningCertURL: certUrl,
            UnsubscribeURL: 'https://sns.ap-southeast-1.amazonaws.com/?Action=Unsubscribe',
            ...extra
          },
          null,
          2
        )
      const snsHeaders: [string, string][] = [
        ['Content-Type', 'text/plain; charset=UTF-8'],
        ['x-amz-sns-message-type', 'Notification'],
        ['x-amz-sns-topic-arn', 'arn:aws:sns:ap-southeast-1:123456789012:orders']
      ]
      for (const [version, id] of [
        ['2', 'sns'],
        ['1', 'sns-v1']
      ] as const) {
        const ours = await sign(
          request({ body: message(version), headers: snsHeaders }),
          { material: privatePem },
          scheme(id),
          {
            now: NOW
          }
        )
        const body = text(ours.request.body)
        expect(await awsAccepts(body), `v${version}`).toBe(true)
        expect(await awsAccepts(body.replace('12.30', '12.31'))).toBe(false)
        // Signed as AWS documents it; the validator accepts it, and so does the sns scheme (which picks the version).
        const doc = JSON.parse(message(version)) as Record<string, string>
        const canonical = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
          .map((k) => `${k}\n${doc[k]}\n`)
          .join('')
        const theirs = JSON.stringify({
          ...doc,
          Signature: createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
            .update(canonical)
            .sign(privatePem, 'base64')
        })
        expect(await awsAccepts(theirs)).toBe(true)
        const r = await verify(
          request({ body: theirs, headers: snsHeaders }),
          [{ material: publicPem }],
          scheme('sns'),
          { now: NOW }
        )
        expect([r.valid, r.notices.some((n) => n.includes(`SignatureVersion ${version}`))]).toEqual([
          true,
          version === '1'
        ])
        expect(await valid('sns', theirs.replace('12.30', '12.31'), snsHeaders, publicPem)).toBe(false)
      }
      expect(fetched).toEqual([certUrl])
      // A version SNS does not have: both refuse it, and the verdict says which versions there are.
      const unknown = await sign(
        request({ body: message('3'), headers: snsHeaders }),
        { material: privatePem },
        scheme('sns-v1'),
        {
          now: NOW
        }
      )
      expect(await awsAccepts(text(unknown.request.body))).toBe(false)
      const r = await verify(unknown.request, [{ material: publicPem }], scheme('sns'), { now: NOW })
      expect([r.valid, r.reason, r.message]).toEqual([
        false,
        'invalid-scheme',
        'the body\'s SignatureVersion is "3": Amazon SNS has versions 1, 2 only.'
      ])
    } finally {
      get.mockRestore()
    }
  })

  it('plivo (V2): validateSignature accepts ours over the URL without its query + nonce; we accept what it accepts', async () => {
    const token = 'MAYjM0ZGE4ZDk1NjE4OWU4MjY3'
    const url = 'https://hooks.example.test/plivo/answer?CallUUID=abc&From=1555'
    const nonce = '05429567804466091622'
    const body = 'CallUUID=abc&From=1555'
    const ours = (
      await sign(
        request({
          url,
          body,
          headers: [
            ['Content-Type', 'application/x-www-form-urlencoded'],
            ['X-Plivo-Signature-V2-Nonce', nonce]
          ]
        }),
        { material: token },
        scheme('plivo'),
        {
          now: NOW
        }
      )
    ).request.headers
    expect(plivo.validateSignature(url, nonce, header(ours, 'X-Plivo-Signature-V2'), token)).toBe(true)
    expect(
      plivo.validateSignature(url.replace('/answer', '/hangup'), nonce, header(ours, 'X-Plivo-Signature-V2'), token)
    ).toBe(false)
    const theirs: [string, string][] = [
      ['X-Plivo-Signature-V2-Nonce', nonce],
      [
        'X-Plivo-Signature-V2',
        createHmac('sha256', token).update(`https://hooks.example.test/plivo/answer${nonce}`).digest('base64')
      ]
    ]
    expect(plivo.validateSignature(url, nonce, header(theirs, 'X-Plivo-Signature-V2'), token)).toBe(true)
    const at = async (u: string, h: [string, string][]) =>
      (await verify(request({ url: u, body, headers: h }), [{ material: token }], scheme('plivo'), { now: NOW })).valid
    expect(await at(url, theirs)).toBe(true)
    expect(await at(url.replace('/answer', '/hangup'), theirs)).toBe(false)
    expect(
      await at(url, [
        theirs[0]!,
        ['X-Plivo-Signature-V2', header(theirs, 'X-Plivo-Signature-V2').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]
      ])
    ).toBe(false)
  })

  it('contentful: verifyRequest accepts ours (method, escaped path, listed headers, body); we accept signRequest', async () => {
    const secret = 'a'.repeat(26) + 'contentful-webhook-signing-secret-0123'
    expect(secret).toHaveLength(64)
    const body = '{"sys":{"id":"entry1","type":"Entry"},"fields":{"title":{"en-US":"Hello"}}}'
    const path = '/contentful/hook?space=abc&env=master'
    const url = `https://hooks.example.test${path}`
    const base: [string, string][] = [
      ['Content-Type', 'application/vnd.contentful.management.v1+json'],
      ['X-Contentful-Topic', 'ContentManagement.Entry.publish'],
      ['x-contentful-signed-headers', 'x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic']
    ]
    const ours = (
      await sign(request({ url, body, headers: base }), { material: secret }, scheme('contentful'), { now: NOW })
    ).request.headers
    const canonical = (h: [string, string][], b: string) => ({
      method: 'POST' as const,
      path,
      headers: asRecord(h),
      body: b
    })
    expect(contentfulVerify(secret, canonical(ours, body), 60)).toBe(true)
    expect(contentfulVerify(secret, canonical(ours, body.replace('Hello', 'Hellp')), 60)).toBe(false)

    const theirs = contentfulSign(
      secret,
      { method: 'POST', path, headers: { 'X-Contentful-Topic': 'ContentManagement.Entry.publish' }, body },
      NOW - 5000
    )
    const delivered: [string, string][] = [
      ['X-Contentful-Topic', 'ContentManagement.Entry.publish'],
      ...Object.entries(theirs)
    ]
    expect(contentfulVerify(secret, canonical(delivered, body), 60)).toBe(true)
    const check = async (b: string, u = url) =>
      (
        await verify(request({ url: u, body: b, headers: delivered }), [{ material: secret }], scheme('contentful'), {
          now: NOW
        })
      ).valid
    expect(await check(body)).toBe(true)
    expect(await check(body.replace('Hello', 'Hellp'))).toBe(false)
    expect(await check(body, url.replace('env=master', 'env=staging'))).toBe(false)
  })

  it('wix: the SDK reads the event from a JWS body we sign; we accept a JWT it accepts (signed with jose, which it verifies with)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const wix = createClient({ auth: AppStrategy({ appId: 'app-1', publicKey: publicPem }), modules: {} })
    const event = {
      eventType: 'wix.ecom.v1.order_created',
      instanceId: 'inst-1',
      data: JSON.stringify({ entityId: 'o1', total: '12.30' })
    }
    const claims = JSON.stringify({ data: JSON.stringify(event) })
    const ours = await sign(
      request({ body: claims, headers: [['Content-Type', 'text/plain']] }),
      { material: privatePem },
      scheme('wix'),
      {
        now: NOW
      }
    )
    const jwt = text(ours.request.body)
    expect(jwt.split('.')).toHaveLength(3)
    const parsed = await wix.webhooks.parseJWT(jwt)
    expect([parsed.eventType, parsed.instanceId, parsed.payload]).toEqual([
      'wix.ecom.v1.order_created',
      'inst-1',
      { entityId: 'o1', total: '12.30' }
    ])
    const [h, p, sgn] = jwt.split('.') as [string, string, string]
    const changed = `${h}.${Buffer.from(Buffer.from(p, 'base64url').toString().replace('12.30', '12.31')).toString('base64url')}.${sgn}`
    expect(await accepts(() => wix.webhooks.parseJWT(changed))).toBe(false)

    const theirs = await new SignJWT({ data: JSON.stringify(event) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .sign(await importPKCS8(privatePem, 'RS256'))
    expect(await accepts(() => wix.webhooks.parseJWT(theirs))).toBe(true)
    const at = async (body: string) =>
      (
        await verify(
          request({ body, headers: [['Content-Type', 'text/plain']] }),
          [{ material: publicPem }],
          scheme('wix'),
          { now: NOW }
        )
      ).valid
    expect(await at(theirs)).toBe(true)
    const [th, tp, ts] = theirs.split('.') as [string, string, string]
    expect(
      await at(
        `${th}.${Buffer.from(Buffer.from(tp, 'base64url').toString().replace('12.30', '12.31')).toString('base64url')}.${ts}`
      )
    ).toBe(false)
    // A body that is not a JWS has no signature to check: said as such, never a crash.
    const r = await verify(request({ body: claims }), [{ material: publicPem }], scheme('wix'), { now: NOW })
    expect([r.valid, r.reason]).toEqual([false, 'missing-header'])
    expect(r.message).toContain('third part of the JWS body')
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
