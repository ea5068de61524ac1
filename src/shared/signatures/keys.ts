import { fromBase64, fromBase64Url, fromHex, utf8 } from '../bytes'
import { HookscopeError } from '../errors'
import { certificateToSpki, children, readNode, rsaPrivatePkcs1ToPkcs8, rsaPublicPkcs1ToSpki } from './der'
import type { Algorithm, KeyInput, SchemeDefinition } from './types'

/** A key that cannot be used with a scheme; the message says what was expected. */
export class KeyError extends HookscopeError {
  constructor(message: string) {
    super('unsupported-key', message)
  }
}

export type PreparedKey =
  { kind: 'secret'; bytes: Uint8Array } | { kind: 'public'; key: CryptoKey } | { kind: 'private'; key: CryptoKey }

export const isAsymmetric = (a: Algorithm): boolean => a.startsWith('rsa-') || a.startsWith('ecdsa-') || a === 'ed25519'

type ImportAlg = RsaHashedImportParams | EcKeyImportParams | Algorithm_

interface Algorithm_ {
  name: string
}

export function importParams(a: Algorithm): ImportAlg {
  switch (a) {
    case 'rsa-pkcs1-sha1':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }
    case 'rsa-pkcs1-sha256':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    case 'rsa-pkcs1-sha512':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }
    case 'rsa-pss-sha256':
      return { name: 'RSA-PSS', hash: 'SHA-256' }
    case 'rsa-pss-sha512':
      return { name: 'RSA-PSS', hash: 'SHA-512' }
    case 'ecdsa-p256-sha256':
    case 'ecdsa-p256-sha1':
      return { name: 'ECDSA', namedCurve: 'P-256' }
    case 'ed25519':
      return { name: 'Ed25519' }
    default:
      throw new KeyError(`${a} does not use a public/private key`)
  }
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle

/** Symmetric key bytes per the scheme's key form, after an optional prefix (`whsec_`). */
export function secretBytes(input: KeyInput, scheme: Pick<SchemeDefinition, 'key'>): Uint8Array {
  if (input.material instanceof Uint8Array) return input.material
  let text = input.material
  const { form, prefix } = scheme.key
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length)
  try {
    if (form === 'hex') return fromHex(text.trim())
    if (form === 'base64') return fromBase64(text.trim())
  } catch {
    throw new KeyError(`The secret is not valid ${form}${prefix ? ` (after removing "${prefix}")` : ''}.`)
  }
  return utf8(text)
}

type DerKind = 'spki' | 'pkcs8' | 'pkcs1-public' | 'pkcs1-private' | 'certificate'

/** Tells what a DER blob is from its shape alone. */
function classifyDer(der: Uint8Array): DerKind {
  const top = readNode(der, 0)
  if (top.tag !== 0x30) throw new KeyError('Not a DER key: expected a SEQUENCE.')
  const kids = children(der, top)
  const [a, b] = kids
  if (!a || !b) throw new KeyError('Not a recognised key structure.')
  if (a.tag === 0x30 && b.tag === 0x03) return 'spki'
  if (a.tag === 0x30 && b.tag === 0x30) return 'certificate'
  if (a.tag === 0x02 && kids.length === 2) return 'pkcs1-public'
  if (a.tag === 0x02 && b.tag === 0x30) return 'pkcs8'
  if (a.tag === 0x02 && b.tag === 0x02) return 'pkcs1-private'
  throw new KeyError('Not a recognised key structure (SPKI, PKCS#1, PKCS#8 or X.509 certificate).')
}

function pemBlocks(text: string): { label: string; der: Uint8Array } | null {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text)
  if (!m) return null
  return { label: m[1]!, der: fromBase64(m[2]!.replace(/\s+/g, '')) }
}

async function fromDer(der: Uint8Array, kind: DerKind, alg: Algorithm): Promise<PreparedKey> {
  const params = importParams(alg)
  const isRsa = alg.startsWith('rsa-')
  if ((kind === 'pkcs1-public' || kind === 'pkcs1-private') && !isRsa)
    throw new KeyError('A PKCS#1 key is an RSA key; this scheme needs another key type.')
  try {
    switch (kind) {
      case 'spki':
        return { kind: 'public', key: await subtle().importKey('spki', der as BufferSource, params, true, ['verify']) }
      case 'certificate':
        return {
          kind: 'public',
          key: await subtle().importKey('spki', certificateToSpki(der) as BufferSource, params, true, ['verify'])
        }
      case 'pkcs1-public':
        return {
          kind: 'public',
          key: await subtle().importKey('spki', rsaPublicPkcs1ToSpki(der) as BufferSource, params, true, ['verify'])
        }
      case 'pkcs8':
        return { kind: 'private', key: await subtle().importKey('pkcs8', der as BufferSource, params, true, ['sign']) }
      case 'pkcs1-private':
        return {
          kind: 'private',
          key: await subtle().importKey('pkcs8', rsaPrivatePkcs1ToPkcs8(der) as BufferSource, params, true, ['sign'])
        }
    }
  } catch (err) {
    throw new KeyError(`The key does not fit ${alg}: ${(err as Error).message}`)
  }
}

async function fromJwk(jwk: JsonWebKey, alg: Algorithm): Promise<PreparedKey> {
  const isPrivate = typeof jwk.d === 'string'
  try {
    const key = await subtle().importKey('jwk', jwk, importParams(alg), true, [isPrivate ? 'sign' : 'verify'])
    return { kind: isPrivate ? 'private' : 'public', key }
  } catch (err) {
    throw new KeyError(`The JWK does not fit ${alg}: ${(err as Error).message}`)
  }
}

/** Parses any supported public/private key form for an asymmetric scheme. */
export async function parseAsymmetricKey(
  input: KeyInput,
  scheme: Pick<SchemeDefinition, 'algorithm' | 'key'>
): Promise<PreparedKey> {
  const alg = scheme.algorithm
  if (input.material instanceof Uint8Array) {
    if (alg === 'ed25519' && input.material.length === 32) return rawEd25519(input.material)
    return fromDer(input.material, classifyDer(input.material), alg)
  }
  let text = input.material.trim()
  if (scheme.key.prefix && text.startsWith(scheme.key.prefix)) text = text.slice(scheme.key.prefix.length)
  for (const p of ['whpk_', 'whsk_']) if (text.startsWith(p)) text = text.slice(p.length)
  if (text.startsWith('{')) {
    let jwk: JsonWebKey
    try {
      jwk = JSON.parse(text) as JsonWebKey
    } catch {
      throw new KeyError('The key looks like JSON but is not valid JSON (expected a JWK).')
    }
    return fromJwk(jwk, alg)
  }
  const pem = pemBlocks(text)
  if (pem) {
    if (pem.label === 'EC PRIVATE KEY')
      throw new KeyError('SEC1 "EC PRIVATE KEY" is not supported; convert it to PKCS#8 ("PRIVATE KEY").')
    return fromDer(pem.der, classifyDer(pem.der), alg)
  }
  if (alg === 'ed25519' && /^[0-9a-fA-F]{64}$/.test(text)) return rawEd25519(fromHex(text))
  let der: Uint8Array
  try {
    der = /[-_]/.test(text) ? fromBase64Url(text) : fromBase64(text.replace(/\s+/g, ''))
  } catch {
    throw new KeyError(
      'Unrecognised key: expected PEM, base64 DER (SPKI/PKCS#8/PKCS#1/certificate), JWK' +
        (alg === 'ed25519' ? ', or a raw 32-byte Ed25519 key in hex/base64.' : '.')
    )
  }
  if (alg === 'ed25519' && der.length === 32) return rawEd25519(der)
  return fromDer(der, classifyDer(der), alg)
}

async function rawEd25519(raw: Uint8Array): Promise<PreparedKey> {
  return {
    kind: 'public',
    key: await subtle().importKey('raw', raw as BufferSource, { name: 'Ed25519' }, true, ['verify'])
  }
}

/** A private key's public half, for verifying with a key pair or a private key. */
export async function publicFromPrivate(key: CryptoKey): Promise<CryptoKey> {
  const jwk = await subtle().exportKey('jwk', key)
  const pub: JsonWebKey = { kty: jwk.kty, ...(jwk.crv ? { crv: jwk.crv } : {}) }
  for (const f of ['n', 'e', 'x', 'y'] as const) if (jwk[f]) pub[f] = jwk[f]
  return subtle().importKey('jwk', pub, key.algorithm as ImportAlg, true, ['verify'])
}

/**
 * Why a stored key cannot verify a scheme's signatures, or null when it fits: a shared secret for an
 * HMAC / token scheme, a public key (or pair) of the scheme's family for a signature scheme. `key` is
 * the vault's description of it (kind, and an algorithm such as "RSA 2048", "EC P-256", "Ed25519").
 */
export function keyMismatch(
  scheme: Pick<SchemeDefinition, 'id' | 'algorithm'>,
  key: { name: string; kind: string; algorithm: string }
): string | null {
  if (!isAsymmetric(scheme.algorithm)) {
    return key.kind === 'secret'
      ? null
      : `"${key.name}" is ${key.kind === 'pair' ? 'a key pair' : `a ${key.kind} key`}; ` +
          `${scheme.id} (${scheme.algorithm}) needs a shared secret.`
  }
  if (key.kind === 'secret')
    return `"${key.name}" is a shared secret; ${scheme.id} (${scheme.algorithm}) verifies with a public key.`
  const family = scheme.algorithm.startsWith('rsa-')
    ? /^RSA/
    : scheme.algorithm.startsWith('ecdsa-')
      ? /^EC P-256/
      : /^Ed25519/
  const wanted = scheme.algorithm.startsWith('rsa-')
    ? 'an RSA key'
    : scheme.algorithm.startsWith('ecdsa-')
      ? 'an EC P-256 key'
      : 'an Ed25519 key'
  return family.test(key.algorithm)
    ? null
    : `"${key.name}" is ${key.algorithm}; ${scheme.id} (${scheme.algorithm}) needs ${wanted}.`
}
