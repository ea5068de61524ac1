import { timingSafeEqual } from '../bytes'
import { encodeSignature } from './codec'
import { isAsymmetric, KeyError, parseAsymmetricKey, publicFromPrivate, secretBytes } from './keys'
import { digest, isDigest, verifyAsymmetric } from './primitives'
import type { KeyInput, SchemeDefinition } from './types'

/** Prepares what one key contributes: HMAC/hash secret bytes, or a public key to verify with. */
export async function verifierFor(
  key: KeyInput,
  scheme: SchemeDefinition
): Promise<{ secret: Uint8Array | null; publicKey: CryptoKey | null }> {
  if (!isAsymmetric(scheme.algorithm)) return { secret: secretBytes(key, scheme), publicKey: null }
  const parsed = await parseAsymmetricKey(key, scheme)
  if (parsed.kind === 'secret') throw new KeyError('Expected a public key.')
  return { secret: null, publicKey: parsed.kind === 'public' ? parsed.key : await publicFromPrivate(parsed.key) }
}

export interface MatchAttempt {
  content: Uint8Array
  matched: boolean
  expected: string | null
}

/** Checks candidate signatures against one key and one content reading. */
export async function checkContent(
  scheme: SchemeDefinition,
  content: Uint8Array,
  candidates: Uint8Array[],
  secret: Uint8Array | null,
  publicKey: CryptoKey | null
): Promise<MatchAttempt> {
  if (scheme.algorithm === 'token') {
    const expected = secret ?? new Uint8Array()
    return {
      content,
      matched: candidates.some((c) => timingSafeEqual(c, expected)),
      expected: encodeSignature(expected, scheme.signature)
    }
  }
  if (isDigest(scheme.algorithm)) {
    const mac = await digest(scheme.algorithm, secret!, content)
    return {
      content,
      matched: candidates.some((c) => timingSafeEqual(c, mac)),
      expected: encodeSignature(mac, scheme.signature)
    }
  }
  for (const c of candidates) {
    if (await verifyAsymmetric(scheme.algorithm, publicKey!, c, content, scheme.signature.ecdsaForm)) {
      return { content, matched: true, expected: null }
    }
  }
  return { content, matched: false, expected: null }
}
