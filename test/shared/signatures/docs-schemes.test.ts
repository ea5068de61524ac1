import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { getScheme, verify } from '@shared/signatures'
import { buildContent } from '@shared/signatures/content'
import { request } from './helpers'

// Schemes with no official SDK to check against: each delivery is built here by the provider's
// documented recipe with Node's own crypto, and the scheme must accept it and refuse it changed.
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const check = async (
  id: string,
  body: string,
  headers: [string, string][],
  material: string,
  extra: { url?: string; params?: Record<string, string> } = {}
) =>
  (
    await verify(request({ body, headers, ...(extra.url ? { url: extra.url } : {}) }), [{ material }], getScheme(id)!, {
      now: NOW,
      params: extra.params ?? {}
    })
  ).valid

describe('schemes from the providers’ docs', () => {
  it('the CRC-32 part is the unsigned decimal CRC-32 (IEEE) of the body', () => {
    const ctx = { timestamp: null, id: null, secret: null, params: {} }
    // Check values of the IEEE CRC-32: "123456789" → 0xCBF43926, "hello" → 0x3610A686.
    expect(new TextDecoder().decode(buildContent([{ part: 'body-crc32' }], request({ body: '123456789' }), ctx))).toBe(
      String(0xcbf43926)
    )
    expect(new TextDecoder().decode(buildContent([{ part: 'body-crc32' }], request({ body: 'hello' }), ctx))).toBe(
      '907060870'
    )
  })

  it('paypal: transmission id | time | webhook id | crc32(body), SHA256withRSA; the webhook id is a setting', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const body =
      '{"id":"WH-9UG43882HX7271132","event_type":"PAYMENT.SALE.COMPLETED","resource":{"amount":{"total":"21.00"}}}'
    const crc = (await import('crc-32')).default.buf(new TextEncoder().encode(body)) >>> 0
    const id = 'd938e770-8046-11e6-8103-6b62a8a99ac4'
    const time = '2026-12-06T11:59:58Z'
    const sig = createSign('RSA-SHA256').update(`${id}|${time}|9XL90610J3647323C|${crc}`).sign(privateKey, 'base64')
    const headers: [string, string][] = [
      ['PAYPAL-TRANSMISSION-ID', id],
      ['PAYPAL-TRANSMISSION-TIME', time],
      ['PAYPAL-TRANSMISSION-SIG', sig],
      ['PAYPAL-AUTH-ALGO', 'SHA256withRSA'],
      ['PAYPAL-CERT-URL', 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42']
    ]
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    expect(await check('paypal', body, headers, pem, { params: { webhookId: '9XL90610J3647323C' } })).toBe(true)
    expect(
      await check('paypal', body.replace('21.00', '21.01'), headers, pem, {
        params: { webhookId: '9XL90610J3647323C' }
      })
    ).toBe(false)
    expect(await check('paypal', body, headers, pem, { params: { webhookId: 'ANOTHER0WEBHOOK' } })).toBe(false)
    const r = await verify(request({ body, headers }), [{ material: pem }], getScheme('paypal')!, {
      now: NOW,
      params: {}
    })
    expect([r.valid, r.reason]).toEqual([false, 'missing-param'])
  })

  it('recurly: "<ms>,<sig>,<sig>": any listed signature of ms.body, the timestamp first', async () => {
    const key = 'recurly-endpoint-key'
    const body = '{"id":"x1","object_type":"subscription","event_type":"created"}'
    const ms = String(NOW - 4000)
    const sig = createHmac('sha256', key).update(`${ms}.${body}`).digest('hex')
    const other = createHmac('sha256', 'old-key').update(`${ms}.${body}`).digest('hex')
    expect(await check('recurly', body, [['recurly-signature', `${ms},${other},${sig}`]], key)).toBe(true)
    expect(await check('recurly', body.replace('x1', 'x2'), [['recurly-signature', `${ms},${sig}`]], key)).toBe(false)
    // Ten minutes old: past the five minutes the client libraries allow.
    const old = String(NOW - 600_000)
    expect(
      await check(
        'recurly',
        body,
        [['recurly-signature', `${old},${createHmac('sha256', key).update(`${old}.${body}`).digest('hex')}`]],
        key
      )
    ).toBe(false)
  })

  it('mailchimp transactional (mandrill): the URL as registered + each field sorted as name + value, HMAC-SHA1 base64', async () => {
    const key = 'mandrill-webhook-key'
    const url = 'https://hooks.example.test/mandrill'
    const events = JSON.stringify([{ event: 'send', msg: { email: 'a@example.com' } }])
    const body = `mandrill_events=${encodeURIComponent(events)}&zz=1`
    const sig = createHmac('sha1', key).update(`${url}mandrill_events${events}zz1`).digest('base64')
    const headers: [string, string][] = [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['X-Mandrill-Signature', sig]
    ]
    expect(await check('mailchimp', body, headers, key, { url })).toBe(true)
    expect(await check('mailchimp', body.replace('zz=1', 'zz=2'), headers, key, { url })).toBe(false)
    expect(await check('mailchimp', body, headers, key, { url: 'https://hooks.example.test/other' })).toBe(false)
  })

  it('midtrans: signature_key = SHA-512(order_id + status_code + gross_amount + server key); Iris: SHA-512(body + merchant key)', async () => {
    const serverKey = 'SB-Mid-server-hookscope'
    const fields = { order_id: 'test-transaction-321', status_code: '201', gross_amount: '24145.00' }
    const signatureKey = createHash('sha512')
      .update(`${fields.order_id}${fields.status_code}${fields.gross_amount}${serverKey}`)
      .digest('hex')
    const body = JSON.stringify({
      ...fields,
      transaction_status: 'pending',
      currency: 'IDR',
      signature_key: signatureKey
    })
    expect(await check('midtrans', body, [['Content-Type', 'application/json']], serverKey)).toBe(true)
    expect(
      await check('midtrans', body.replace('24145.00', '24146.00'), [['Content-Type', 'application/json']], serverKey)
    ).toBe(false)
    // Fields outside the three are not signed, and the result says so.
    const r = await verify(
      request({ body: body.replace('"IDR"', '"USD"') }),
      [{ material: serverKey }],
      getScheme('midtrans')!,
      {
        now: NOW
      }
    )
    expect([r.valid, r.bodyCovered]).toEqual([true, false])

    const iris = '{"reference_no":"ref1","amount":"10000.0","status":"completed"}'
    const sig = createHash('sha512')
      .update(iris + 'IRIS-merchant-key')
      .digest('hex')
    expect(await check('midtrans-iris', iris, [['Iris-Signature', sig]], 'IRIS-merchant-key')).toBe(true)
    expect(
      await check('midtrans-iris', iris.replace('ref1', 'ref2'), [['Iris-Signature', sig]], 'IRIS-merchant-key')
    ).toBe(false)
  })

  it('cashfree: base64 HMAC-SHA256(secret, timestamp + body), no separator', async () => {
    const ts = String(NOW - 3000)
    const body = '{"data":{"order":{"order_id":"o1","order_amount":10}},"type":"PAYMENT_SUCCESS_WEBHOOK"}'
    const sig = createHmac('sha256', 'cf-secret')
      .update(ts + body)
      .digest('base64')
    const headers: [string, string][] = [
      ['x-webhook-timestamp', ts],
      ['x-webhook-signature', sig]
    ]
    expect(await check('cashfree', body, headers, 'cf-secret')).toBe(true)
    expect(await check('cashfree', body.replace('o1', 'o2'), headers, 'cf-secret')).toBe(false)
  })

  it('paymongo: t=…,te=…,li=…: the live or the test signature of t.body', async () => {
    const t = String(Math.floor(NOW / 1000))
    const body = '{"data":{"attributes":{"type":"payment.paid"}}}'
    const sig = createHmac('sha256', 'whsk_paymongo').update(`${t}.${body}`).digest('hex')
    expect(await check('paymongo', body, [['Paymongo-Signature', `t=${t},te=${sig},li=`]], 'whsk_paymongo')).toBe(true)
    expect(await check('paymongo', body, [['Paymongo-Signature', `t=${t},te=,li=${sig}`]], 'whsk_paymongo')).toBe(true)
    expect(
      await check(
        'paymongo',
        body.replace('paid', 'failed'),
        [['Paymongo-Signature', `t=${t},te=${sig},li=`]],
        'whsk_paymongo'
      )
    ).toBe(false)
  })

  it('xendit: a token, not a signature — the result says the body is not covered', async () => {
    const r = await verify(
      request({ body: '{"id":"inv_1","status":"PAID"}', headers: [['x-callback-token', 'xnd-verification-token']] }),
      [{ material: 'xnd-verification-token' }],
      getScheme('xendit')!,
      {
        now: NOW
      }
    )
    expect([r.valid, r.bodyCovered]).toEqual([true, false])
    expect(await check('xendit', '{}', [['x-callback-token', 'guess']], 'xnd-verification-token')).toBe(false)
  })
})
