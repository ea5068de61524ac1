import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64 } from '@shared/bytes'
import { firstWebhookCurl, shellQuote } from '@shared/http/curl'
import { firstHeaderValues, headerValue, isSensitiveHeader, redactHeaders, redactTarget } from '@shared/http/headers'
import { hexDump, utf8OrNull } from '@shared/http/text'
import { fromWire, fromWireFrames, toWire, toWireFrames } from '@shared/api/wire'
import { validateArgs } from '@shared/api/validate'
import { toFtsQuery } from '@main/services/store/list-query'

describe('base64', () => {
  it('matches Node for every length 0..64 and random data', () => {
    for (let n = 0; n <= 64; n++) {
      const b = randomBytes(n)
      expect(bytesToBase64(b)).toBe(b.toString('base64'))
      expect(Buffer.from(base64ToBytes(b.toString('base64'))).equals(b)).toBe(true)
    }
    const big = randomBytes(200_001)
    expect(bytesToBase64(big)).toBe(big.toString('base64'))
  })
  it('rejects characters outside the alphabet', () => {
    expect(() => base64ToBytes('ab$d')).toThrow(/unexpected character at 2/)
  })
})

describe('wire codec', () => {
  it('carries byte arrays through JSON and leaves look-alike objects alone', () => {
    const v = { body: new Uint8Array([0, 255, 1]), other: { $bytes: 'AA==', extra: 1 }, n: 1 }
    const back = fromWire<typeof v>(toWire(v))
    expect(back.body).toBeInstanceOf(Uint8Array)
    expect(Array.from(back.body)).toEqual([0, 255, 1])
    expect(back.other).toEqual({ $bytes: 'AA==', extra: 1 })
  })

  it('sends responses with bytes as a binary frame: the bytes as they are, views on the other side', () => {
    const body = Buffer.from([0, 255, 1, 2])
    const frames = toWireFrames({ ok: true, value: { body, encodings: ['gzip'], other: new Uint8Array([9]) } })!
    expect(frames.at(-2)).toBe(body)
    const joined = Buffer.concat(frames)
    const back = fromWireFrames<{ ok: boolean; value: { body: Uint8Array; encodings: string[]; other: Uint8Array } }>(
      joined
    )
    expect(Array.from(back.value.body)).toEqual([0, 255, 1, 2])
    expect(Array.from(back.value.other)).toEqual([9])
    expect(back.value.encodings).toEqual(['gzip'])
    expect(toWireFrames({ ok: true, value: { n: 1 } })).toBeNull()
    expect(() => fromWireFrames(joined.subarray(0, joined.length - 1))).toThrow(/Truncated/)
  })

  it('carries Node Buffers (zlib output) as base64 bytes, not one JSON number per byte', () => {
    const wire = toWire({ body: Buffer.from('{"a":1}') })
    expect(wire).toBe('{"body":{"$bytes":"eyJhIjoxfQ=="}}')
    const back = fromWire<{ body: Uint8Array }>(wire)
    expect(back.body).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(back.body)).toBe('{"a":1}')
  })
})

describe('argument validation', () => {
  it('accepts the contract and rejects everything else with a clear message', () => {
    expect(validateArgs.listCaptures([{ cursor: 3, limit: 10, search: 'x' }])).toEqual([
      { cursor: 3, limit: 10, search: 'x' }
    ])
    expect(validateArgs.listCaptures([])).toEqual([{}])
    expect(() => validateArgs.listCaptures([{ limit: 501 }])).toThrow(/limit must be an integer from 1 to 500/)
    expect(() => validateArgs.listCaptures([[]])).toThrow(/query object/)
    expect(() => validateArgs.getCapture(['1'])).toThrow(/positive integer id/)
    expect(() => validateArgs.getCapture([1.5])).toThrow(/positive integer id/)
    expect(() => validateArgs.clearCaptures([1])).toThrow(/takes no arguments/)
  })
})

describe('FTS query building', () => {
  it('quotes every word so user input is never FTS syntax', () => {
    expect(toFtsQuery('order_pay_hook  paid')).toBe('"order_pay_hook"* AND "paid"*')
    expect(toFtsQuery('a"bc')).toBe('"a""bc"*')
    // One or two letters are matched whole: a short prefix would merge much of the index.
    expect(toFtsQuery('p')).toBe('"p"')
    expect(toFtsQuery('pa x"')).toBe('"pa" AND "x"""')
    expect(toFtsQuery(' ( ) * ')).toBeNull()
  })
})

describe('text and hex', () => {
  it('detects invalid UTF-8', () => {
    expect(utf8OrNull(new TextEncoder().encode('héllo ✓'))).toBe('héllo ✓')
    expect(utf8OrNull(new Uint8Array([0xc3, 0x28]))).toBeNull()
  })
  it('dumps hex with offsets and an ASCII column', () => {
    const dump = hexDump(new Uint8Array([0x48, 0x69, 0x00, 0xff, ...Array(14).fill(0x41)]))
    expect(dump.split('\n')[0]).toBe('00000000  48 69 00 ff 41 41 41 41  41 41 41 41 41 41 41 41  |Hi..AAAAAAAAAAAA|')
    expect(dump.split('\n')[1]).toMatch(/^00000010 {2}41 41 {46}|AA|$/)
  })
})

describe('redaction and curl', () => {
  it('flags auth, cookie and signature headers', () => {
    for (const h of [
      'Authorization',
      'cookie',
      'Set-Cookie',
      'Proxy-Authorization',
      'Stripe-Signature',
      'X-Hub-Signature-256',
      'webhook-signature',
      'X-Apsdai-Token',
      'X-Shopify-Hmac-Sha256'
    ])
      expect(isSensitiveHeader(h), h).toBe(true)
    for (const h of ['Content-Type', 'X-Apsdai-Event', 'User-Agent']) expect(isSensitiveHeader(h), h).toBe(false)
    expect(
      redactHeaders([
        ['Authorization', 'x'],
        ['A', 'b']
      ])
    ).toEqual([
      ['Authorization', '[redacted]'],
      ['A', 'b']
    ])
  })
  it('covers vendor credential headers and query-string tokens', () => {
    for (const h of [
      'Api-Key',
      'X-Api-Key',
      'apikey',
      'X-Hook-Secret',
      'X-Functions-Key',
      'Ocp-Apim-Subscription-Key',
      'X-Auth-Token',
      'Private-Token',
      'sign'
    ])
      expect(isSensitiveHeader(h), h).toBe(true)
    for (const h of ['Content-Length', 'X-Request-Id', 'X-Tiniapp-Client-Id', 'Webhook-Id', 'X-GitHub-Event'])
      expect(isSensitiveHeader(h), h).toBe(false)
    expect(redactTarget('/hook?event=paid&token=abc&api_key=k1&sig=zz&n=1#frag')).toBe(
      '/hook?event=paid&token=%5Bredacted%5D&api_key=%5Bredacted%5D&sig=%5Bredacted%5D&n=1#frag'
    )
    expect(redactTarget('/hook?x=1')).toBe('/hook?x=1')
  })
  it('quotes shell arguments safely', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(firstWebhookCurl('http://127.0.0.1:8787/')).toContain("'http://127.0.0.1:8787/webhooks/test?source=curl'")
  })
})

describe('header lookups', () => {
  it('firstHeaderValues gives what headerValue gives, for every name at once', () => {
    const headers: [string, string][] = [
      ['Stripe-Signature', 't=1,v1=aa'],
      ['X-Event', 'first'],
      ['x-event', 'second'],
      ['X-Empty', '']
    ]
    const first = firstHeaderValues(headers)
    expect([...first]).toEqual([
      ['stripe-signature', 't=1,v1=aa'],
      ['x-event', 'first'],
      ['x-empty', '']
    ])
    for (const name of ['STRIPE-SIGNATURE', 'x-event', 'X-Empty', 'missing'])
      expect(first.get(name.toLowerCase())).toBe(headerValue(headers, name))
  })
})
