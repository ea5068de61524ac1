import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  getScheme,
  PROVIDER_SCHEMES,
  sign,
  verify,
  type SchemeDefinition,
  type SignableRequest
} from '@shared/signatures'
import { request } from './helpers'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const hmac = (alg: string, key: string | Buffer, data: string | Buffer) => createHmac(alg, key).update(data).digest()
const BODY = '{"event":"order.paid","amount":4200}'

async function kinds(req: SignableRequest, keys: string[], id: string, now = NOW): Promise<string[]> {
  const r = await verify(
    req,
    keys.map((material) => ({ material })),
    scheme(id),
    { now }
  )
  expect(r.valid).toBe(false)
  return r.diagnosis.map((f) => f.kind)
}

const gh = (sig: string, body = BODY) => request({ body, headers: [['X-Hub-Signature-256', sig]] })

describe('diagnostics: each classic mistake is named', () => {
  it('secret base64-decoded by the sender where the scheme uses it as text', async () => {
    const secret = 'c2VjcmV0LWJ5dGVzLWhlcmU='
    const sig = 'sha256=' + hmac('sha256', Buffer.from(secret, 'base64'), BODY).toString('hex')
    expect(await kinds(gh(sig), [secret], 'github')).toContain('secret-base64')
  })

  it('secret hex-decoded by the sender', async () => {
    const secret = 'a1b2c3d4e5f60718'
    const sig = 'sha256=' + hmac('sha256', Buffer.from(secret, 'hex'), BODY).toString('hex')
    expect(await kinds(gh(sig), [secret], 'github')).toContain('secret-hex')
  })

  it('whsec_ secret used whole as text where Standard Webhooks base64-decodes it', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const ts = String(NOW / 1000)
    const sig = 'v1,' + hmac('sha256', secret, `msg_1.${ts}.${BODY}`).toString('base64')
    const req = request({
      body: BODY,
      headers: [
        ['webhook-id', 'msg_1'],
        ['webhook-timestamp', ts],
        ['webhook-signature', sig]
      ]
    })
    expect(await kinds(req, [secret], 'standard-webhooks')).toContain('secret-prefix-kept')
  })

  it('whsec_ prefix stripped by the sender where Stripe uses the secret as is', async () => {
    const secret = 'whsec_abc123def456'
    const ts = String(NOW / 1000)
    const sig = `t=${ts},v1=` + hmac('sha256', 'abc123def456', `${ts}.${BODY}`).toString('hex')
    expect(await kinds(request({ body: BODY, headers: [['Stripe-Signature', sig]] }), [secret], 'stripe')).toContain(
      'secret-prefix-stripped'
    )
  })

  it('whsec_ stripped and base64-decoded by the sender (Svix habit) where Stripe uses the whole secret as text', async () => {
    const secret = 'whsec_c2VjcmV0LWJ5dGVzLWZvci1zdHJpcGU='
    const ts = String(NOW / 1000)
    const sig = `t=${ts},v1=` + hmac('sha256', Buffer.from(secret.slice(6), 'base64'), `${ts}.${BODY}`).toString('hex')
    expect(await kinds(request({ body: BODY, headers: [['Stripe-Signature', sig]] }), [secret], 'stripe')).toContain(
      'secret-prefix-stripped-base64'
    )
  })

  const sigOver = (body: string) => 'sha256=' + hmac('sha256', 'k', body).toString('hex')

  it('a trailing newline added in transit', async () => {
    expect(await kinds(gh(sigOver(BODY), BODY + '\n'), ['k'], 'github')).toContain('body-trailing-newline-added')
  })

  it('a trailing newline removed in transit', async () => {
    expect(await kinds(gh(sigOver(BODY + '\n'), BODY), ['k'], 'github')).toContain('body-trailing-newline-removed')
  })

  it('CRLF turned into LF', async () => {
    const signed = 'line one\r\nline two\r\n'
    expect(await kinds(gh(sigOver(signed), signed.replace(/\r\n/g, '\n')), ['k'], 'github')).toContain('body-lf')
  })

  it('LF turned into CRLF', async () => {
    const signed = 'line one\nline two\n'
    expect(await kinds(gh(sigOver(signed), signed.replace(/\n/g, '\r\n')), ['k'], 'github')).toContain('body-crlf')
  })

  it('JSON re-serialised compactly', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2)
    expect(await kinds(gh(sigOver(BODY), pretty), ['k'], 'github')).toContain('body-json-compact')
  })

  it('JSON pretty-printed', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2)
    expect(await kinds(gh(sigOver(pretty), BODY), ['k'], 'github')).toContain('body-json-pretty')
  })

  it('JSON with sorted keys', async () => {
    const body = '{"z":1,"a":{"y":2,"b":3}}'
    expect(await kinds(gh(sigOver('{"a":{"b":3,"y":2},"z":1}'), body), ['k'], 'github')).toContain('body-json-sorted')
  })

  it('URL-decoded body signed', async () => {
    const body = 'data=%7B%22a%22%3A1%7D&x=a+b'
    expect(await kinds(gh(sigOver(decodeURIComponent(body.replace(/\+/g, ' '))), body), ['k'], 'github')).toContain(
      'body-url-decoded'
    )
  })

  it('only the form field data signed', async () => {
    const body = 'data=%7B%22name%22%3A%22payment_intent.succeeded%22%7D'
    expect(await kinds(gh(sigOver('{"name":"payment_intent.succeeded"}'), body), ['k'], 'github')).toContain(
      'body-form-data-field'
    )
  })

  const shopify = (sig: string) => request({ body: BODY, headers: [['X-Shopify-Hmac-Sha256', sig]] })
  const mac = hmac('sha256', 'k', BODY)

  it('signature in hex where base64 is expected', async () => {
    expect(await kinds(shopify(mac.toString('hex')), ['k'], 'shopify')).toContain('signature-hex')
  })

  it('signature in base64 where hex is expected', async () => {
    expect(await kinds(gh('sha256=' + mac.toString('base64')), ['k'], 'github')).toContain('signature-base64')
  })

  it('signature in base64url where base64 is expected', async () => {
    let body = BODY
    let m = mac
    for (let i = 0; !/[+/]/.test(m.toString('base64')); i++) {
      body = BODY + ' '.repeat(i + 1)
      m = hmac('sha256', 'k', body)
    }
    const req = request({ body, headers: [['X-Shopify-Hmac-Sha256', m.toString('base64url')]] })
    expect(await kinds(req, ['k'], 'shopify')).toContain('signature-base64url')
  })

  it('upper-case hex is accepted as the same signature (case is not a failure)', async () => {
    const r = await verify(gh('sha256=' + mac.toString('hex').toUpperCase()), [{ material: 'k' }], scheme('github'), {
      now: NOW
    })
    expect(r.valid).toBe(true)
  })

  it('prefix missing', async () => {
    expect(await kinds(gh(mac.toString('hex')), ['k'], 'github')).toContain('signature-prefix-missing')
  })

  it('prefix present where the scheme has none', async () => {
    expect(await kinds(shopify('sha256=' + mac.toString('base64')), ['k'], 'shopify')).toContain(
      'signature-prefix-extra'
    )
  })

  it('signature URL-encoded where it is sent plain', async () => {
    let body = BODY
    let m = mac
    for (let i = 0; !/[+/=]/.test(m.toString('base64')); i++) m = hmac('sha256', 'k', (body = BODY + ' '.repeat(i + 1)))
    const req = request({ body, headers: [['X-Shopify-Hmac-Sha256', encodeURIComponent(m.toString('base64'))]] })
    expect(await kinds(req, ['k'], 'shopify')).toContain('signature-url-encoded')
  })

  it('signature not URL-encoded where APSDAI encodes it', async () => {
    let ts = NOW
    let tok = hmac('sha256', 's', `${ts}\ns`).toString('base64')
    while (!tok.includes('+')) tok = hmac('sha256', 's', `${++ts}\ns`).toString('base64')
    const req = request({
      headers: [
        ['X-Apsdai-Timestamp', String(ts)],
        ['X-Apsdai-Token', tok]
      ]
    })
    expect(await kinds(req, ['s'], 'apsdai')).toContain('signature-not-url-encoded')
  })

  it('timestamp in milliseconds where seconds are expected', async () => {
    const ts = String(NOW)
    const sig = 'v0=' + hmac('sha256', 'k', `v0:${ts}:${BODY}`).toString('hex')
    const req = request({
      body: BODY,
      headers: [
        ['X-Slack-Request-Timestamp', ts],
        ['X-Slack-Signature', sig]
      ]
    })
    const r = await verify(req, [{ material: 'k' }], scheme('slack'), { now: NOW })
    expect(r.reason).toBe('stale-timestamp')
    expect(r.diagnosis.map((f) => f.kind)).toContain('timestamp-milliseconds')
  })

  it('SHA-1 where SHA-256 is expected', async () => {
    expect(await kinds(gh('sha256=' + hmac('sha1', 'k', BODY).toString('hex')), ['k'], 'github')).toContain(
      'digest-sha1'
    )
  })

  it('SHA-256 where SHA-512 is expected', async () => {
    const req = request({ body: BODY, headers: [['x-paystack-signature', mac.toString('hex')]] })
    expect(await kinds(req, ['k'], 'paystack')).toContain('digest-sha256')
  })

  it('valid under another of the given keys (rotation)', async () => {
    const r = await verify(
      gh('sha256=' + mac.toString('hex')),
      [{ material: 'old' }, { material: 'k', label: 'new' }],
      scheme('github'),
      {
        now: NOW
      }
    )
    expect(r).toMatchObject({ valid: true, matchedKey: 1 })
    expect(r.diagnosis.map((f) => f.kind)).toEqual(['other-key'])
  })

  it('valid under another scheme: the provider was misidentified', async () => {
    const signed = await sign(request({ body: BODY }), { material: 'k' }, scheme('razorpay'), { now: NOW })
    const r = await verify(signed.request, [{ material: 'k' }], scheme('github'), {
      now: NOW,
      otherSchemes: PROVIDER_SCHEMES
    })
    expect(r.reason).toBe('missing-header')
    expect(r.diagnosis.find((f) => f.kind === 'other-scheme')?.message).toMatch(/Razorpay/)
  })

  it('UseePay form delivery: the candidate that matched is the verdict, named; pinned to the raw body it is a mismatch that names it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const json = '{"name":"payment_intent.succeeded","data":{"id":"pi_1"}}'
    const body = 'data=' + encodeURIComponent(json)
    const sig = createSign('RSA-SHA256').update(json).sign(privateKey).toString('base64')
    const req = request({
      body,
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['sign', sig],
        ['merchant_no', '500000000007'],
        ['api_version', '2024-10-10']
      ]
    })
    const key = [{ material: publicKey.export({ type: 'spki', format: 'pem' }) as string }]
    const r = await verify(req, key, scheme('useepay-v2'), { now: NOW })
    expect(r.valid).toBe(true)
    expect(r.variant).toMatch(/URL-decoded value of the form field data/)
    const pinned = await verify(req, key, scheme('useepay-v2'), { now: NOW, variant: 'main' })
    expect(pinned.reason).toBe('signature-mismatch')
    const alt = pinned.diagnosis.find((f) => f.kind === 'alternative-content')
    expect(alt?.message).toMatch(/URL-decoded value of the form field data/)
  })

  it('says nothing it cannot back: a wrong key yields no finding', async () => {
    expect(await kinds(gh('sha256=' + hmac('sha256', 'other', BODY).toString('hex')), ['k'], 'github')).toEqual([])
  })
})

describe('diagnostics say only what applies', () => {
  it('an APSDAI token over a seconds timestamp: the unit is named, and no body hint (the body is not signed)', async () => {
    const secret = 'apsdai-secret'
    const ts = String(Math.floor(NOW / 1000))
    const token = encodeURIComponent(hmac('sha256', secret, `${ts}\n${secret}`).toString('base64'))
    const req = request({
      body: BODY,
      headers: [
        ['X-Apsdai-Token', token],
        ['X-Apsdai-Timestamp', ts]
      ]
    })
    const found = await kinds(req, [secret], 'apsdai')
    expect(found).toEqual(['timestamp-seconds'])
  })

  it('"sha256=…" on a scheme that signs "sha1=…" is named as SHA-256 vs SHA-1', async () => {
    const secret = 'tiki-secret-0123456789abcdef0123'
    const sig = 'sha256=' + hmac('sha256', secret, BODY).toString('hex')
    const r = await verify(
      request({ body: BODY, headers: [['x-signature', sig]] }),
      [{ material: secret }],
      scheme('tiki-tikinow'),
      {
        now: NOW
      }
    )
    expect(r.diagnosis.map((f) => f.kind)).toEqual(['digest-sha256'])
    expect(r.diagnosis[0]!.message).toMatch(/HMAC-SHA256 \("sha256=…"\); TikiNOW .*HMAC-SHA1 \("sha1=…"\)/)
  })
})
