import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { getScheme, verify } from '@shared/signatures'
import { buildContent } from '@shared/signatures/content'
import { request } from './helpers'

// Schemes with no official SDK to check against: each delivery is built here by the provider's
// documented recipe with Node's own crypto, and the scheme must accept it and refuse it changed.
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const check = async (id: string, body: string, headers: [string, string][], material: string, extra: { url?: string; params?: Record<string, string> } = {}) =>
  (await verify(request({ body, headers, ...(extra.url ? { url: extra.url } : {}) }), [{ material }], getScheme(id)!, { now: NOW, params: extra.params ?? {} }))
    .valid

describe('schemes from the providers’ docs', () => {
  it('the CRC-32 part is the unsigned decimal CRC-32 (IEEE) of the body', () => {
    const ctx = { timestamp: null, id: null, secret: null, params: {} }
    // Check values of the IEEE CRC-32: "123456789" → 0xCBF43926, "hello" → 0x3610A686.
    expect(new TextDecoder().decode(buildContent([{ part: 'body-crc32' }], request({ body: '123456789' }), ctx))).toBe(String(0xcbf43926))
    expect(new TextDecoder().decode(buildContent([{ part: 'body-crc32' }], request({ body: 'hello' }), ctx))).toBe('907060870')
  })

  it('paypal: transmission id | time | webhook id | crc32(body), SHA256withRSA; the webhook id is a setting', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const body = '{"id":"WH-9UG43882HX7271132","event_type":"PAYMENT.SALE.COMPLETED","resource":{"amount":{"total":"21.00"}}}'
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
    expect(await check('paypal', body.replace('21.00', '21.01'), headers, pem, { params: { webhookId: '9XL90610J3647323C' } })).toBe(false)
    expect(await check('paypal', body, headers, pem, { params: { webhookId: 'ANOTHER0WEBHOOK' } })).toBe(false)
    const r = await verify(request({ body, headers }), [{ material: pem }], getScheme('paypal')!, { now: NOW, params: {} })
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
    expect(await check('recurly', body, [['recurly-signature', `${old},${createHmac('sha256', key).update(`${old}.${body}`).digest('hex')}`]], key)).toBe(false)
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
})
