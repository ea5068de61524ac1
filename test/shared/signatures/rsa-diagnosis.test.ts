import { createSign, generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getScheme, verify } from '@shared/signatures'
import { FUZZ } from '../../helpers/fuzz'

// Fixed clock: the scheme has no timestamp, but every signature test pins time.
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const scheme = getScheme('generic-rsa')!
const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
const mine = pair()
const theirs = pair()
const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
const publicPem = mine.publicKey.export({ type: 'spki', format: 'pem' }) as string
/** Signed by node:crypto, the oracle: PKCS#1 v1.5 with the given hash. */
const sign = (key: typeof mine.privateKey, hash: string, body: Uint8Array): string =>
  createSign(hash).update(body).sign(key).toString('base64')

async function diagnosis(signature: string, body: Uint8Array, keys = [publicPem]) {
  const r = await verify(
    { method: 'POST', url: 'https://h.test/hook', headers: [['X-Signature', signature]], body },
    keys.map((material) => ({ material })),
    scheme,
    {
      now: NOW,
      params: {}
    }
  )
  return {
    valid: r.valid,
    kinds: (r.diagnosis ?? []).map((f) => f.kind),
    messages: (r.diagnosis ?? []).map((f) => f.message)
  }
}

describe('RSA PKCS#1 v1.5 failures are told apart by opening the signature with the public key', () => {
  const body = new TextEncoder().encode('{"id":"evt_1","amount":4200}')

  it('tampered body, wrong key, wrong hash, wrong key size: each its own finding, and only that one', async () => {
    expect(await diagnosis(sign(mine.privateKey, 'RSA-SHA256', body), body)).toEqual({
      valid: true,
      kinds: [],
      messages: []
    })
    const tampered = new TextEncoder().encode('{"id":"evt_1","amount":4201}')
    const t = await diagnosis(sign(mine.privateKey, 'RSA-SHA256', body), tampered)
    expect(t.kinds).toEqual(['rsa-other-content'])
    expect(t.messages[0]).toMatch(
      /^Signed by this key, over different bytes: the signature holds the SHA-256 digest [0-9a-f]{16}…/
    )
    expect((await diagnosis(sign(theirs.privateKey, 'RSA-SHA256', body), body)).kinds).toEqual(['rsa-not-this-key'])
    const sha1 = await diagnosis(sign(mine.privateKey, 'RSA-SHA1', body), body)
    expect(sha1.kinds).toEqual(['rsa-other-hash'])
    expect(sha1.messages[0]).toBe('Signed by this key with SHA-1 over exactly this content; the scheme uses SHA-256.')
    expect((await diagnosis(sign(mine.privateKey, 'RSA-SHA512', tampered), body)).messages[0]).toBe(
      'Signed by this key with SHA-512, over other bytes; the scheme uses SHA-256.'
    )
    const size = await diagnosis(sign(small.privateKey, 'RSA-SHA256', body), body)
    expect(size.messages[0]).toBe(
      "Not signed by this key: the signature is 128 bytes and this 2048-bit key's are 256, so another key made it (or another padding, such as PSS)."
    )
  })

  it('with two stored keys, names the one that signed other bytes', async () => {
    const theirsPem = theirs.publicKey.export({ type: 'spki', format: 'pem' }) as string
    const r = await diagnosis(sign(mine.privateKey, 'RSA-SHA256', body), new Uint8Array([1, 2, 3]), [
      theirsPem,
      publicPem
    ])
    expect(r.messages[0]).toMatch(/^Signed by key 2, over different bytes/)
  })

  it('property: for any body, a one-byte tamper, another key and another hash are never confused', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.constantFrom('tamper', 'key', 'hash'),
        async (b, at, what) => {
          runs++
          const i = at % b.length
          const changed = Uint8Array.from(b, (x, k) => (k === i ? x ^ 0x01 : x))
          const sig =
            what === 'key'
              ? sign(theirs.privateKey, 'RSA-SHA256', b)
              : sign(mine.privateKey, what === 'hash' ? 'RSA-SHA1' : 'RSA-SHA256', b)
          const r = await diagnosis(sig, what === 'tamper' ? changed : b)
          expect(r.valid).toBe(false)
          expect(r.kinds).toEqual([
            what === 'tamper' ? 'rsa-other-content' : what === 'key' ? 'rsa-not-this-key' : 'rsa-other-hash'
          ])
        }
      ),
      FUZZ.params(60, 15_000)
    )
    FUZZ.count('RSA diagnosis (tamper / key / hash)', runs)
  })
})
