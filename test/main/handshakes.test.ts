import { createHash, createHmac } from 'node:crypto'
import { hashChallenge } from 'smartcar'
import { describe, expect, it } from 'vitest'
import { getScheme } from '@shared/signatures'
import { replyRule } from '@shared/signatures/provider-data'
import { validateArgs } from '@shared/api/validate'
import type { HookscopeCore } from '@main/services/core'
import { coreSession } from '../helpers/core'

const session = coreSession({ now: () => Date.UTC(2026, 11, 6, 12) })

/** An endpoint for a provider's scheme with the reply (and handshake) its scheme offers, as the Endpoints view saves it. */
async function endpointFor(
  c: HookscopeCore,
  scheme: string,
  pathPrefix: string,
  keyIds: number[] = [],
  params: Record<string, string> = {}
) {
  return c.methods.saveEndpoint({
    name: scheme,
    pathPrefix,
    scheme,
    keyIds,
    reply: replyRule(getScheme(scheme)!)!,
    params
  })
}

describe('provider handshakes answered by the endpoint (real listener)', () => {
  it('Asana: X-Hook-Secret comes back as the same header; the request is captured', async () => {
    const { c, url } = await session.start()
    await endpointFor(c, 'asana', '/asana')
    const res = await fetch(`${url}/asana/hook`, {
      method: 'POST',
      headers: { 'X-Hook-Secret': 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81' }
    })
    expect([res.status, res.headers.get('x-hook-secret')]).toEqual([
      200,
      'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81'
    ])
    // An ordinary delivery (no X-Hook-Secret) gets the endpoint's reply, without the header.
    const next = await fetch(`${url}/asana/hook`, { method: 'POST', body: '{"events":[]}' })
    expect([next.status, next.headers.get('x-hook-secret')]).toEqual([200, null])
    expect((await c.methods.listCaptures({})).items).toHaveLength(2)
  })

  it('Dropbox: GET ?challenge= is answered with the challenge, as text', async () => {
    const { c, url } = await session.start()
    await endpointFor(c, 'dropbox', '/dropbox')
    const res = await fetch(`${url}/dropbox?challenge=%3Cscript%3Ex`)
    expect([
      res.status,
      await res.text(),
      res.headers.get('content-type'),
      res.headers.get('x-content-type-options')
    ]).toEqual([200, '<script>x', 'text/plain; charset=utf-8', 'nosniff'])
  })

  it('Meta: hub.challenge is answered when hub.verify_token is the endpoint setting; another token is refused', async () => {
    const { c, url } = await session.start()
    await endpointFor(c, 'meta', '/meta', [], { verifyToken: 'my-verify-token' })
    const ok = await fetch(`${url}/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token`)
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444'])
    const wrong = await fetch(`${url}/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess`)
    expect(wrong.status).toBe(403)
  })

  it('X: the CRC is answered with the bound consumer secret; without a key it says so', async () => {
    const { c, url } = await session.start()
    const noKey = await endpointFor(c, 'twitter', '/x')
    expect((await fetch(`${url}/x?crc_token=abc`)).status).toBe(503)
    const key = await c.methods.importKey({ name: 'X consumer secret', material: 'consumer-secret-123' })
    await c.methods.saveEndpoint({ ...noKey, keyIds: [key.id] })
    const res = await fetch(`${url}/x?crc_token=crc-7`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', 'consumer-secret-123').update('crc-7').digest('base64')}`
    })
  })

  it('Xero intent to receive: 200 to a valid signature, 401 to an invalid one', async () => {
    const { c, url } = await session.start()
    const key = await c.methods.importKey({ name: 'Xero webhook key', material: 'xero-webhook-key' })
    await endpointFor(c, 'xero', '/xero', [key.id])
    const body = '{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"S0MEVALUE"}'
    const sig = createHmac('sha256', 'xero-webhook-key').update(body).digest('base64')
    expect((await fetch(`${url}/xero`, { method: 'POST', body, headers: { 'x-xero-signature': sig } })).status).toBe(
      200
    )
    expect(
      (
        await fetch(`${url}/xero`, {
          method: 'POST',
          body,
          headers: { 'x-xero-signature': sig.replace(/^./, (x) => (x === 'A' ? 'B' : 'A')) }
        })
      ).status
    ).toBe(401)
  })

  it('Smartcar: VERIFY is answered with the challenge hashed with the bound token, as the SDK hashes it', async () => {
    const { c, url } = await session.start()
    const noKey = await endpointFor(c, 'smartcar', '/smartcar')
    const verifyBody = JSON.stringify({
      version: '2.0',
      webhookId: 'b8e1',
      eventName: 'verify',
      payload: { challenge: 'c-8d1f2e' }
    })
    const post = (body: string) =>
      fetch(`${url}/smartcar`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    expect((await post(verifyBody)).status).toBe(503)
    const key = await c.methods.importKey({ name: 'Smartcar AMT', material: 'smartcar-amt-7' })
    await c.methods.saveEndpoint({ ...noKey, keyIds: [key.id] })
    const res = await post(verifyBody)
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json'])
    expect(await res.json()).toEqual({ challenge: hashChallenge('smartcar-amt-7', 'c-8d1f2e') })
    // An ordinary delivery gets the endpoint's own reply.
    const plain = await post('{"eventType":"VEHICLE_STATE","data":{}}')
    expect([plain.status, await plain.text()]).toEqual([200, ''])
    expect((await c.methods.listCaptures({})).items).toHaveLength(3)
  })

  it('LinkedIn: GET ?challengeCode= is answered with the code and its HMAC under the bound client secret', async () => {
    const { c, url } = await session.start()
    const noKey = await endpointFor(c, 'linkedin', '/li')
    const code = '890e4665-4dfe-4ab1-b689-ed553bceeed3'
    expect((await fetch(`${url}/li?challengeCode=${code}`)).status).toBe(503)
    const key = await c.methods.importKey({ name: 'LinkedIn client secret', material: 'li-client-secret' })
    await c.methods.saveEndpoint({ ...noKey, keyIds: [key.id] })
    const res = await fetch(`${url}/li?challengeCode=${code}`)
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json'])
    expect(await res.json()).toEqual({
      challengeCode: code,
      challengeResponse: createHmac('sha256', 'li-client-secret').update(code).digest('hex')
    })
    // A signed push event is not a challenge: it gets the endpoint's reply.
    expect((await fetch(`${url}/li`, { method: 'POST', body: '{"type":"LEAD_ACTION"}' })).status).toBe(200)
  })

  it('Oura: GET ?challenge= is answered as JSON when verification_token is the endpoint setting; another is refused', async () => {
    const { c, url } = await session.start()
    await endpointFor(c, 'oura', '/oura', [], { verificationToken: 'oura-token-1' })
    const ok = await fetch(`${url}/oura?verification_token=oura-token-1&challenge=ch-42`)
    expect([ok.status, ok.headers.get('content-type')]).toEqual([200, 'application/json'])
    expect(await ok.json()).toEqual({ challenge: 'ch-42' })
    expect((await fetch(`${url}/oura?verification_token=guess&challenge=ch-42`)).status).toBe(403)
  })

  it('eBay: GET ?challenge_code= is answered with SHA-256 of code, verification token and endpoint URL; without the settings it says which', async () => {
    const { c, url } = await session.start()
    const bare = await endpointFor(c, 'ebay', '/ebay')
    const code = 'a8628072-3d33-45ee-9004-bee86830a22d'
    const unset = await fetch(`${url}/ebay?challenge_code=${code}`)
    expect(unset.status).toBe(503)
    expect(await unset.text()).toContain('verificationToken and endpointUrl')
    const endpointUrl = 'https://hooks.example.test/ebay'
    const verificationToken = 'verification_token_32_to_80_chars_long_00'
    await c.methods.saveEndpoint({ ...bare, params: { verificationToken, endpointUrl } })
    const res = await fetch(`${url}/ebay?challenge_code=${code}`)
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json'])
    expect(await res.json()).toEqual({
      challengeResponse: createHash('sha256')
        .update(code + verificationToken + endpointUrl)
        .digest('hex')
    })
  })

  it('an unknown handshake is refused by name when an endpoint is saved', () => {
    const reply = { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0, handshake: 'guess' }
    expect(() =>
      validateArgs.saveEndpoint([{ name: 'e', pathPrefix: '/e', scheme: null, keyIds: [], reply, params: {} }])
    ).toThrow(/reply.handshake must be one of/)
  })
})
