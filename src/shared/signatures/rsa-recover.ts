import { fromBase64Url, toHex } from '../bytes'
import { children, readNode } from './der'
import { digestSync } from './primitives'
import type { Algorithm, Finding } from './types'

/**
 * An RSA PKCS#1 v1.5 signature opened with a public key (s^e mod n, RFC 8017 §8.2.2): the signer's
 * DigestInfo comes out — the hash it used and the digest of what it signed — only when this key's
 * private half made it. That tells a changed message from another key, which a plain "does not
 * match" cannot. Pure BigInt arithmetic: it runs in the window too.
 */
export type Opened = { hash: string; digest: Uint8Array } | { hash: null; why: string }

const HASHES: Record<string, string> = {
  '2b0e03021a': 'SHA-1',
  '608648016503040204': 'SHA-224',
  '608648016503040201': 'SHA-256',
  '608648016503040202': 'SHA-384',
  '608648016503040203': 'SHA-512',
  '2a864886f70d0205': 'MD5'
}
const SCHEME_HASH: Partial<Record<Algorithm, string>> = {
  'rsa-pkcs1-sha1': 'SHA-1',
  'rsa-pkcs1-sha256': 'SHA-256',
  'rsa-pkcs1-sha512': 'SHA-512'
}
const DIGEST_ALG: Record<string, Algorithm> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' }

const toBig = (b: Uint8Array): bigint => (b.length ? BigInt('0x' + toHex(b)) : 0n)

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n
  let b = base % mod
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod
    b = (b * b) % mod
  }
  return result
}

function toBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = length - 1, v = n; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn)
  return out
}

/** Opens `signature` with an RSA public key (its modulus and exponent from a JWK export). */
export async function openPkcs1(publicKey: CryptoKey, signature: Uint8Array): Promise<Opened> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', publicKey)
  if (!jwk.n || !jwk.e) return { hash: null, why: 'the key is not an RSA public key' }
  const modulus = fromBase64Url(jwk.n)
  const n = toBig(modulus)
  const k = modulus[0] === 0 ? modulus.length - 1 : modulus.length
  if (signature.length !== k)
    return { hash: null, why: `the signature is ${signature.length} bytes and this ${k * 8}-bit key's are ${k}` }
  const s = toBig(signature)
  if (s >= n) return { hash: null, why: 'the signature is larger than this key allows' }
  const em = toBytes(modPow(s, toBig(fromBase64Url(jwk.e)), n), k)
  // 00 01 FF…FF 00 DigestInfo, with at least 8 bytes of FF.
  let i = 2
  while (i < em.length && em[i] === 0xff) i++
  if (em[0] !== 0 || em[1] !== 1 || i < 10 || em[i] !== 0)
    return { hash: null, why: 'with it, the signature opens to no PKCS#1 v1.5 block' }
  try {
    const info = em.subarray(i + 1)
    const [alg, octets] = children(info, readNode(info, 0))
    const oid = children(info, alg!)[0]!
    const hash = HASHES[toHex(info.subarray(oid.contentStart, oid.end))]
    if (!hash || octets!.tag !== 0x04) return { hash: null, why: 'the signature block names no known hash' }
    return { hash, digest: info.slice(octets!.contentStart, octets!.end) }
  } catch {
    return { hash: null, why: 'the signature block holds no DigestInfo' }
  }
}

/**
 * Why an RSA PKCS#1 v1.5 signature did not verify, told apart: signed by this key over other bytes,
 * signed by this key with another hash, or not signed by any of these keys.
 */
export async function rsaFindings(
  algorithm: Algorithm,
  keys: readonly CryptoKey[],
  signatures: readonly Uint8Array[],
  content: Uint8Array
): Promise<Finding[]> {
  const expectedHash = SCHEME_HASH[algorithm]
  if (!expectedHash || keys.length === 0 || signatures.length === 0) return []
  const reasons: string[] = []
  for (const [k, key] of keys.entries()) {
    for (const sig of signatures) {
      const opened = await openPkcs1(key, sig)
      const which = keys.length > 1 ? `key ${k + 1}` : 'this key'
      if (opened.hash === null) {
        reasons.push(opened.why)
        continue
      }
      if (opened.hash !== expectedHash) {
        const alg = DIGEST_ALG[opened.hash]
        const same = alg ? toHex(digestSync(alg, new Uint8Array(), content)) === toHex(opened.digest) : false
        return [
          {
            kind: 'rsa-other-hash',
            message:
              `Signed by ${which} with ${opened.hash}${same ? ' over exactly this content' : ', over other bytes'}; ` +
              `the scheme uses ${expectedHash}.`,
            fix: `Sign with ${expectedHash} (RSA PKCS#1 v1.5), or verify with the ${opened.hash} variant of the scheme.`
          }
        ]
      }
      return [
        {
          kind: 'rsa-other-content',
          message:
            `Signed by ${which}, over different bytes: the signature holds the ${opened.hash} digest ` +
            `${toHex(opened.digest).slice(0, 16)}… of what was signed, and the content below hashes to something ` +
            'else. The body or another signed part changed after signing, or the sender signs other content.',
          fix:
            'Compare the signed content below with what the sender signs: re-serialised JSON, ' +
            'changed whitespace or line endings, another field order or encoding.'
        }
      ]
    }
  }
  return [
    {
      kind: 'rsa-not-this-key',
      message:
        `Not signed by ${keys.length > 1 ? `any of these ${keys.length} keys` : 'this key'}: ` +
        `${reasons[0] ?? 'it does not open'}, so another key made it (or another padding, such as PSS).`,
      fix: "Verify with the sender's current public key (a rotated or test-mode key is the usual cause)."
    }
  ]
}
