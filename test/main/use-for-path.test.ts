import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CaptureStore } from '@main/services/store/capture-store'
import { coreSession } from '../helpers/core'

const session = coreSession({ now: () => Date.UTC(2026, 11, 6, 12, 0, 0) })
const SECRET = 'abcdefghijklmnopqrstuvwxyz012345'
const sign = (body: string) => 'sha1=' + createHmac('sha1', SECRET).update(body).digest('hex')

describe('capture first, set up after', () => {
  it('deliveries before any endpoint; the key that checked one is used for the path; the earlier ones get their verdicts', async () => {
    const { c, url } = await session.start()
    const bodies = [
      '{"type":"inventory_stock","qty":1}',
      '{"type":"inventory_stock","qty":2}',
      '{"type":"inventory_stock","qty":3}'
    ]
    for (const b of bodies)
      await fetch(`${url}/tiki/hook`, {
        method: 'POST',
        body: b,
        headers: { 'Content-Type': 'application/json', 'x-signature': sign(b) }
      })
    // One tampered on the way, one to another path, one under a longer path of the same prefix.
    await fetch(`${url}/tiki/hook?retry=1`, {
      method: 'POST',
      body: '{"qty":9}',
      headers: { 'x-signature': sign('{"qty":8}') }
    })
    await fetch(`${url}/other`, { method: 'POST', body: bodies[0], headers: { 'x-signature': sign(bodies[0]!) } })
    const before = (await c.methods.listCaptures({})).items
    expect(before.map((s) => [s.endpointId, s.verdict])).toEqual(Array(5).fill([null, null]))

    const r = await c.methods.useForPath({ target: '/tiki/hook?retry=1', scheme: 'tiki-tikinow', material: SECRET })
    expect(r.endpoint).toMatchObject({ pathPrefix: '/tiki/hook', scheme: 'tiki-tikinow', keyIds: [r.keyId] })
    expect(r.keyReused).toBe(false)
    expect(r.reverified).toEqual({ adopted: 4, checked: 4, changed: 4, valid: 3 })
    const after = (await c.methods.listCaptures({})).items
    const at = (t: string) => after.filter((s) => s.target === t).map((s) => [s.endpointId, s.verdict])
    expect(at('/tiki/hook?retry=1')).toEqual([[r.endpoint.id, 'invalid']])
    expect(at('/other')).toEqual([[null, null]])
    expect(at('/tiki/hook')).toEqual(Array(3).fill([r.endpoint.id, 'valid']))

    // The same key again (a second click, another capture): found by its fingerprint, nothing duplicated.
    const again = await c.methods.useForPath({ target: '/tiki/hook', scheme: 'tiki-tikinow', material: SECRET })
    expect([again.keyReused, again.keyId, again.endpoint.id]).toEqual([true, r.keyId, r.endpoint.id])
    expect(await c.methods.listKeys()).toHaveLength(1)
    expect(await c.methods.listEndpoints()).toHaveLength(1)
    // A new delivery is checked at capture time now.
    const b = '{"type":"inventory_stock","qty":4}'
    await fetch(`${url}/tiki/hook`, { method: 'POST', body: b, headers: { 'x-signature': sign(b) } })
    expect((await c.methods.listCaptures({})).items[0]).toMatchObject({ endpointId: r.endpoint.id, verdict: 'valid' })
  })

  it('bad input is refused clearly: an unknown scheme, no key, a key of the wrong kind', async () => {
    const { c } = await session.start()
    await expect(c.methods.useForPath({ target: '/x', scheme: 'nope', material: 'k' })).rejects.toMatchObject({
      code: 'invalid-endpoint'
    })
    await expect(c.methods.useForPath({ target: '/x', scheme: 'tiki-tikinow' })).rejects.toThrow(
      /Give the key that checked it/
    )
    await expect(
      c.methods.useForPath({ target: '/x', scheme: 'generic-rsa', material: 'not a pem' })
    ).rejects.toMatchObject({
      code: expect.stringMatching(/invalid/)
    })
    expect(await c.methods.listEndpoints()).toHaveLength(0)
    // Nothing is left behind in Keys by a refused setup.
    expect(await c.methods.listKeys()).toHaveLength(0)
  })
})

describe('a key a provider returns is bound to the endpoint once', () => {
  it('stored once by fingerprint, bound once, and the earlier deliveries checked with it', async () => {
    const { c, url } = await session.start()
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
    const reply = { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0 }
    const a = await c.methods.saveEndpoint({
      name: 'TruBit',
      pathPrefix: '/trubit',
      scheme: 'trubit-velafi',
      keyIds: [],
      reply,
      params: {}
    })
    const b = await c.methods.saveEndpoint({
      name: 'TruBit 2',
      pathPrefix: '/trubit2',
      scheme: 'trubit-velafi',
      keyIds: [],
      reply,
      params: {}
    })
    // A delivery that arrived before the key: "no key" until it is bound.
    const body = '{"eventType":"ORDER_WEBHOOK","data":{"orderId":"T1"}}'
    await fetch(`${url}/trubit/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        signature: createSign('RSA-SHA256').update(body).sign(privateKey).toString('hex')
      },
      body
    })
    expect((await c.methods.listCaptures({})).items[0]!.verdict).toBe('no-key')

    const first = await c.methods.bindReturnedKey({
      endpointId: a.id,
      name: 'TruBit webhook public key',
      material: der
    })
    expect([first.reused, first.alreadyBound, first.endpoint.keyIds]).toEqual([false, false, [first.key.id]])
    await expect.poll(async () => (await c.methods.listCaptures({})).items[0]!.verdict).toBe('valid')
    const again = await c.methods.bindReturnedKey({
      endpointId: a.id,
      name: 'TruBit webhook public key',
      material: der
    })
    expect([again.reused, again.alreadyBound, again.key.id]).toEqual([true, true, first.key.id])
    const other = await c.methods.bindReturnedKey({
      endpointId: b.id,
      name: 'TruBit webhook public key',
      material: der
    })
    expect([other.reused, other.alreadyBound, other.endpoint.keyIds]).toEqual([true, false, [first.key.id]])
    expect(await c.methods.listKeys()).toHaveLength(1)
    // Bad input: no such endpoint, or not a key this scheme can use.
    await expect(c.methods.bindReturnedKey({ endpointId: 999, name: 'k', material: der })).rejects.toMatchObject({
      code: 'invalid-endpoint'
    })
    await expect(
      c.methods.bindReturnedKey({
        endpointId: a.id,
        name: 'k',
        material: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'
      })
    ).rejects.toThrow()
    expect((await c.methods.listEndpoints()).find((e) => e.id === a.id)!.keyIds).toEqual([first.key.id])
    // The refused key is not left behind in Keys.
    expect(await c.methods.listKeys()).toHaveLength(1)
  })
})

describe("taking over the default endpoint's captures", () => {
  it('by the segment rule of endpoint matching, leaving longer prefixes of other endpoints to them', () => {
    const store = CaptureStore.open(':memory:')
    try {
      const body = new Uint8Array()
      const at = (target: string) => ({
        receivedAt: 1,
        method: 'POST',
        target,
        httpVersion: '1.1',
        rawHeaders: [],
        contentType: null,
        body,
        bodySize: 0,
        truncated: false,
        remoteAddress: '',
        remotePort: 0,
        reply: { status: 200, headers: [], body: '' }
      })
      store.insertMany(['/a', '/a?x=1', '/a/c', '/a/b', '/a/b/c', '/ab', '/b'].map(at))
      const taken = store.adopt(7, '/a/', 0, 100, ['/a/b'])
      expect(taken.map((s) => [s.target, s.endpointId])).toEqual([
        ['/a', 7],
        ['/a?x=1', 7],
        ['/a/c', 7]
      ])
      // Paged: from an id on, at most `limit`; nothing is taken twice.
      expect(store.adopt(8, '', 0, 2).map((s) => s.target)).toEqual(['/a/b', '/a/b/c'])
      expect(store.adopt(8, '', 0, 100).map((s) => s.target)).toEqual(['/ab', '/b'])
      expect(store.adopt(8, '', 0, 100)).toEqual([])
    } finally {
      store.close()
    }
  })
})
