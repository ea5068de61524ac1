import { generateWebhookSignature, verifyWebhookSignature } from '@hygraph/utils'
import { webhooks } from 'connect-sdk-nodejs'
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, validateDefinition, verify } from '@shared/signatures'
import { fixedClock, request } from './helpers'

// Hygraph and Worldline Connect against their official SDKs. Hygraph's @hygraph/utils signs and verifies:
// both directions, a one-byte change refused by both. Worldline's connect-sdk-nodejs only verifies
// (webhooks.v1 unmarshal): it checks what Hookscope signs; the other direction is a delivery built with
// Node's crypto from the recipe the SDK implements.
const NOW = Date.UTC(2026, 11, 7, 11, 0, 0)
fixedClock(NOW)

const header = (headers: [string, string][], name: string): string =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]

describe('hygraph: @hygraph/utils as oracle', () => {
  const SECRET = 'rCNwyiloY3oJYYkxgpBXaleIiUv5MYlx'
  const BODY = '{"operation":"publish","data":{"__typename":"Post","id":"ckx1","title":"Ünïcode \\"quoted\\"\\n"}}'
  const scheme = getScheme('hygraph')!
  const tamper = (s: string): string => s.replace('ckx1', 'ckx2')

  it('the SDK accepts the gcms-signature Hookscope signs, and refuses it on a changed body', async () => {
    const { request: out } = await sign(request({ body: BODY }), { material: SECRET }, scheme, {
      now: NOW,
      params: { env: 'staging' }
    })
    const signature = header(out.headers, 'gcms-signature')
    expect(signature).toMatch(new RegExp(`^sign=[A-Za-z0-9+/]+=*, env=staging, t=${NOW}$`))
    expect(verifyWebhookSignature({ rawPayload: BODY, signature, secret: SECRET })).toBe(true)
    expect(verifyWebhookSignature({ rawPayload: tamper(BODY), signature, secret: SECRET })).toBe(false)
  })

  it('Hookscope accepts what the SDK signs, reads the environment from the header, refuses a tamper', async () => {
    const signature = generateWebhookSignature({ rawPayload: BODY, secret: SECRET, environmentName: 'production' })
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['gcms-signature', signature]
    ]
    const check = async (body: string, sig = signature) =>
      verify(request({ body, headers: [headers[0]!, ['gcms-signature', sig]] }), [{ material: SECRET }], scheme, {
        now: NOW,
        // The endpoint's own setting loses to the header's env=.
        params: { env: 'master' }
      })
    const ok = await check(BODY)
    expect(ok.valid).toBe(true)
    expect(ok.received).toBe(signature)
    expect(ok.expected).toBe(signature)
    expect((await check(tamper(BODY))).valid).toBe(false)
    // The environment is signed: the same signature under another env= fails.
    expect((await check(BODY, signature.replace('env=production', 'env=master'))).valid).toBe(false)
    expect(detect(request({ body: BODY, headers }))[0]?.scheme).toBe('hygraph')
  })

  it('any body text, controls and lone surrogates included, is escaped as JSON.stringify does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        const body = JSON.stringify({ text })
        const { request: out } = await sign(request({ body }), { material: SECRET }, scheme, {
          now: NOW,
          params: { env: 'master' }
        })
        const signature = header(out.headers, 'gcms-signature')
        // The SDK hashes the text it is given; the engine hashes the UTF-8 bytes' text — the same when it round-trips.
        const sent = new TextDecoder().decode(out.body)
        expect(verifyWebhookSignature({ rawPayload: sent, signature, secret: SECRET })).toBe(true)
      }),
      { numRuns: 200 }
    )
  })

  it('a user-defined jsonObject member named __proto__ is signed as a member', async () => {
    const own = validateDefinition({
      id: 'json-object-own',
      algorithm: 'hmac-sha256',
      signedContent: [{ jsonObject: [{ name: '__proto__', parts: [{ part: 'body' }] }] }],
      signature: { header: 'X-Sig', encoding: 'hex' }
    })
    const { signedContent } = await sign(request({ body: 'x' }), { material: SECRET }, own, { now: NOW })
    expect(new TextDecoder().decode(signedContent)).toBe('{"__proto__":"x"}')
  })

  it('signing without the env setting is a clear error, not a crash', async () => {
    await expect(sign(request({ body: BODY }), { material: SECRET }, scheme, { now: NOW })).rejects.toThrow(
      /"env" setting/
    )
  })
})

describe('worldline: connect-sdk-nodejs as oracle', () => {
  const KEY_ID = 'a5f8c0a1-key'
  const SECRET = 'wl-secret-key-0123456789'
  const BODY =
    '{"apiVersion":"v1","id":"97a4fcdf-9a08-4a59-a0c0-69bfd7e1d59d","created":"2026-12-07T12:00:00.000+0100",' +
    '"merchantId":"20000","type":"payment.created","payment":{"id":"000000200000000001"}}'
  const scheme = getScheme('worldline')!
  const tamper = (s: string): string => s.replace('000000200000000001', '000000200000000002')
  const helper = webhooks.v1.init({ getSecretKey: (id: string) => Promise.resolve(id === KEY_ID ? SECRET : '') })

  it('the SDK unmarshals what Hookscope signs, and refuses it on a changed body', async () => {
    const { request: out } = await sign(request({ body: BODY }), { material: SECRET }, scheme, { now: NOW })
    const headers = { 'X-GCS-Signature': header(out.headers, 'X-GCS-Signature'), 'X-GCS-KeyId': KEY_ID }
    const event = await helper.unmarshal(Buffer.from(BODY), headers)
    expect(event.id).toBe('97a4fcdf-9a08-4a59-a0c0-69bfd7e1d59d')
    await expect(helper.unmarshal(Buffer.from(tamper(BODY)), headers)).rejects.toThrow(/failed to validate signature/)
  })

  it('Hookscope accepts the recipe the SDK checks, refuses a tamper, and detects Worldline first', async () => {
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-GCS-Signature', createHmac('sha256', SECRET).update(BODY).digest('base64')],
      ['X-GCS-KeyId', KEY_ID]
    ]
    const check = async (body: string) =>
      (await verify(request({ body, headers }), [{ material: SECRET }], scheme, { now: NOW })).valid
    expect(await check(BODY)).toBe(true)
    expect(await check(tamper(BODY))).toBe(false)
    await expect(helper.unmarshal(Buffer.from(BODY), Object.fromEntries(headers))).resolves.toBeTruthy()
    expect(detect(request({ body: BODY, headers }))[0]?.scheme).toBe('worldline')
  })
})
