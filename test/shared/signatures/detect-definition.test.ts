import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DefinitionError, detect, sign, validateDefinition, verify } from '@shared/signatures'
import { request } from './helpers'

describe('provider detection', () => {
  const top = (headers: [string, string][], body = '{}') => detect(request({ headers, body }))[0]

  it('ranks by headers and says why', () => {
    expect(
      top([
        ['X-Apsdai-Token', 'a'],
        ['X-Apsdai-Timestamp', '1'],
        ['X-Apsdai-Event', 'order_pay_hook']
      ])
    ).toMatchObject({
      scheme: 'apsdai',
      evidence: ['header x-apsdai-token', 'header x-apsdai-event', 'header x-apsdai-timestamp']
    })
    expect(top([['Stripe-Signature', 't=1,v1=a']])?.scheme).toBe('stripe')
    expect(
      top([
        ['X-GitHub-Event', 'push'],
        ['X-Hub-Signature-256', 'sha256=a']
      ])?.scheme
    ).toBe('github')
    expect(
      top([
        ['sign', 'abc'],
        ['merchant_no', '5000'],
        ['api_version', '2024-10-10']
      ])?.scheme
    ).toBe('useepay-v2')
    expect(
      top([
        ['webhook-id', 'm'],
        ['webhook-timestamp', '1'],
        ['webhook-signature', 'v1,x']
      ])?.scheme
    ).toBe('standard-webhooks')
    expect(top([['x-signature', 'sha1=ab']])?.scheme).toBe('tiki-tikinow')
  })

  it('uses the body shape as supporting evidence (TruBit eventType)', () => {
    const d = detect(request({ headers: [['signature', 'abcd']], body: '{"eventType":"ORDER_WEBHOOK"}' }))
    expect(d[0]).toMatchObject({ scheme: 'trubit-velafi', evidence: ['header signature', 'body contains "eventType"'] })
  })

  it('returns nothing for an unsigned request', () => {
    expect(detect(request({ headers: [['Content-Type', 'application/json']] }))).toEqual([])
  })
})

describe('user-defined scheme definitions', () => {
  it('accepts a documented JSON shape and runs it through the same engine', async () => {
    const def = validateDefinition({
      id: 'acme',
      name: 'ACME',
      algorithm: 'hmac-sha512',
      signedContent: [{ part: 'timestamp' }, { literal: '|' }, { part: 'body' }],
      signature: { header: 'X-Acme-Sig', format: { kind: 'prefixed', prefix: 'v2=' }, encoding: 'base64url-nopad' },
      timestamp: { header: 'X-Acme-Time', unit: 'ms', toleranceSec: 60 }
    })
    const now = Date.UTC(2026, 10, 23)
    const signed = await sign(request({ body: 'hi' }), { material: 's3cret' }, def, { now })
    expect(signed.signature).toMatch(/^v2=[A-Za-z0-9_-]+$/)
    expect((await verify(signed.request, [{ material: 's3cret' }], def, { now })).valid).toBe(true)
  })

  it('a digest part signs the text of a digest (a user scheme like Tebex: HMAC of the hex SHA-256 of the body)', async () => {
    const def = validateDefinition({
      id: 'hashed',
      name: 'Hashed body',
      algorithm: 'hmac-sha256',
      signedContent: [{ digest: 'sha256', encoding: 'base64', parts: [{ part: 'body' }] }],
      signature: { header: 'X-Sig' }
    })
    const now = Date.UTC(2026, 11, 7)
    const signed = await sign(request({ body: 'hi' }), { material: 'k' }, def, { now })
    // HMAC-SHA256("k", base64(SHA-256("hi"))), worked out apart from the engine.
    const inner = createHash('sha256').update('hi').digest('base64')
    expect(signed.signature).toBe(createHmac('sha256', 'k').update(inner).digest('hex'))
    expect(
      (
        await verify(request({ body: 'hi!', headers: [['X-Sig', signed.signature]] }), [{ material: 'k' }], def, {
          now
        })
      ).valid
    ).toBe(false)
  })

  it.each([
    [{}, '$.id: must be a non-empty string'],
    [{ id: 'Bad Id' }, '$.id: use lower-case letters, digits and dashes'],
    [{ id: 'x', algorithm: 'md4' }, '$.algorithm: must be one of'],
    [
      { id: 'x', algorithm: 'hmac-sha256', signedContent: [{ part: 'body' }] },
      '$.signature: must say where the signature travels'
    ],
    [
      { id: 'x', algorithm: 'hmac-sha256', signedContent: [{ part: 'body' }], signature: { header: 'A', query: 'b' } },
      'needs exactly one of header, query'
    ],
    [
      { id: 'x', algorithm: 'hmac-sha256', signedContent: [{ part: 'nope' }], signature: { header: 'A' } },
      '$.signedContent[0].part: unknown part "nope"'
    ],
    [
      {
        id: 'x',
        algorithm: 'hmac-sha256',
        signedContent: [{ digest: 'md5', encoding: 'hex', parts: [{ part: 'body' }] }],
        signature: { header: 'A' }
      },
      '$.signedContent[0].digest: must be one of sha1, sha256, sha512'
    ],
    [
      {
        id: 'x',
        algorithm: 'hmac-sha256',
        signedContent: [{ part: 'body' }],
        signature: { header: 'A', encoding: 'b32' }
      },
      '$.signature.encoding: must be one of'
    ],
    [
      { id: 'x', algorithm: 'hmac-sha256', signedContent: [{ part: 'timestamp' }], signature: { header: 'A' } },
      'the signed content uses the timestamp'
    ],
    [
      {
        id: 'x',
        algorithm: 'hmac-sha256',
        signedContent: [{ part: 'id' }, { part: 'body' }],
        signature: { header: 'A' }
      },
      'which header carries it'
    ],
    [
      {
        id: 'x',
        algorithm: 'hmac-sha256',
        signedContent: [{ part: 'id' }, { part: 'body' }],
        signature: { header: 'A' },
        deliveryId: { fromSignature: true }
      },
      '$.deliveryId: a delivery id read from the signature needs a kv signature format with an idKey'
    ],
    [
      {
        id: 'x',
        algorithm: 'hmac-sha256',
        signedContent: [{ part: 'id' }, { part: 'body' }],
        signature: { header: 'A' },
        deliveryId: { header: 'X-Id', fromSignature: true }
      },
      'needs exactly one of header, fromSignature'
    ]
  ])('rejects %j with a clear, located error', (input, message) => {
    expect(() => validateDefinition(input)).toThrow(DefinitionError)
    expect(() => validateDefinition(input)).toThrow(message)
  })
})

describe('constant-time comparison', () => {
  it('compares the viewed bytes only, honouring byteOffset', async () => {
    const { timingSafeEqual } = await import('@shared/bytes')
    const buf = new Uint8Array([9, 9, 1, 2, 3, 9])
    const view = buf.subarray(2, 5)
    expect(view.byteOffset).toBe(2)
    expect(timingSafeEqual(view, new Uint8Array([1, 2, 3]))).toBe(true)
    expect(timingSafeEqual(view, new Uint8Array([9, 9, 1]))).toBe(false)
    expect(timingSafeEqual(view, new Uint8Array([1, 2]))).toBe(false)
  })
})
