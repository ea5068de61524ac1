import { hmac } from '@noble/hashes/hmac.js'
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { ecdsaDerToRaw, ecdsaRawToDer } from './der'
import type { Algorithm } from './types'

const HASHES = { sha1, sha256, sha512 } as const

/** HMAC or plain digest for the symmetric algorithms. */
export function digest(alg: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  switch (alg) {
    case 'hmac-sha1':
      return hmac(HASHES.sha1, key, data)
    case 'hmac-sha256':
      return hmac(HASHES.sha256, key, data)
    case 'hmac-sha512':
      return hmac(HASHES.sha512, key, data)
    case 'sha1':
      return HASHES.sha1(data)
    case 'sha256':
      return HASHES.sha256(data)
    default:
      throw new Error(`${alg} is not a digest algorithm`)
  }
}

export const isDigest = (a: Algorithm): boolean => a.startsWith('hmac-') || a === 'sha1' || a === 'sha256'

function verifyParams(alg: Algorithm): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  if (alg === 'rsa-pss-sha256') return { name: 'RSA-PSS', saltLength: 32 }
  if (alg === 'ecdsa-p256-sha256') return { name: 'ECDSA', hash: 'SHA-256' }
  if (alg === 'ed25519') return { name: 'Ed25519' }
  return { name: 'RSASSA-PKCS1-v1_5' }
}

export async function verifyAsymmetric(
  alg: Algorithm,
  key: CryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
  ecdsaForm: 'der' | 'raw' = 'der'
): Promise<boolean> {
  let sig = signature
  if (alg === 'ecdsa-p256-sha256' && ecdsaForm === 'der') {
    try {
      sig = ecdsaDerToRaw(signature)
    } catch {
      return false
    }
  }
  return globalThis.crypto.subtle.verify(verifyParams(alg), key, sig as BufferSource, data as BufferSource)
}

export async function signAsymmetric(alg: Algorithm, key: CryptoKey, data: Uint8Array, ecdsaForm: 'der' | 'raw' = 'der'): Promise<Uint8Array> {
  const sig = new Uint8Array(await globalThis.crypto.subtle.sign(verifyParams(alg), key, data as BufferSource))
  return alg === 'ecdsa-p256-sha256' && ecdsaForm === 'der' ? ecdsaRawToDer(sig) : sig
}
