import { SCHEMES, keyInResponse } from '@shared/signatures'
import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { HookscopeError } from '@shared/errors'
import type { KeyKind } from '@shared/model/vault'

/** A key the vault cannot take; the message says what it expected. */
export class KeyImportError extends HookscopeError {
  constructor(message: string) {
    super('key-import-failed', message)
  }
}

export interface ClassifiedKey {
  kind: KeyKind
  algorithm: string
  /** Text stored in the clear (public keys only). */
  publicMaterial: string | null
  /** Text to seal (secrets, private keys). */
  secretMaterial: string | null
}

function describe(k: KeyObject): string {
  const t = k.asymmetricKeyType
  const d = k.asymmetricKeyDetails
  if (t === 'rsa' || t === 'rsa-pss') return `RSA ${d?.modulusLength ?? ''}`.trim()
  if (t === 'ec') return `EC ${d?.namedCurve === 'prime256v1' ? 'P-256' : (d?.namedCurve ?? '')}`.trim()
  if (t === 'ed25519') return 'Ed25519'
  return t ?? 'unknown'
}

function publicKey(input: Parameters<typeof createPublicKey>[0], material: string): ClassifiedKey {
  try {
    return {
      kind: 'public',
      algorithm: describe(createPublicKey(input)),
      publicMaterial: material,
      secretMaterial: null
    }
  } catch (err) {
    throw new KeyImportError(`Not a usable public key: ${(err as Error).message}`)
  }
}

function privateKey(input: Parameters<typeof createPrivateKey>[0], material: string): ClassifiedKey {
  try {
    return {
      kind: 'private',
      algorithm: describe(createPrivateKey(input)),
      publicMaterial: null,
      secretMaterial: material
    }
  } catch (err) {
    throw new KeyImportError(`Not a usable private key: ${(err as Error).message}`)
  }
}

/**
 * Tells what was pasted: a TruBit create-webhook response (its data.publicKey), a JWK, PEM
 * (SPKI, PKCS#1, PKCS#8, certificate), whpk_/whsk_ Ed25519 keys, bare base64 DER — or else a
 * shared secret, kept exactly as given.
 */
export function classifyKey(raw: string): ClassifiedKey {
  const text = raw.trim()
  if (!text) throw new KeyImportError('The key is empty.')
  if (text.startsWith('{')) {
    let json: Record<string, unknown>
    try {
      json = JSON.parse(text) as Record<string, unknown>
    } catch {
      throw new KeyImportError('This looks like JSON but is not valid JSON.')
    }
    // A provider's API response that carries its key (TruBit's create-webhook: data.publicKey, base64 DER).
    const handed = keyInResponse(json, SCHEMES)
    if (handed) return publicKey({ key: Buffer.from(handed.key, 'base64'), format: 'der', type: 'spki' }, handed.key)
    if (typeof json.kty === 'string') {
      return typeof json.d === 'string'
        ? privateKey({ key: json, format: 'jwk' } as never, text)
        : publicKey({ key: json, format: 'jwk' } as never, text)
    }
    const paths = SCHEMES.filter((s) => s.keyInResponse).map((s) => `${s.keyInResponse!.path} (${s.name})`)
    throw new KeyImportError(`JSON without a key: neither ${paths.join(', ')} nor a JWK "kty".`)
  }
  if (text.startsWith('-----BEGIN')) {
    if (/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(text)) {
      const pub = publicKey(text, text)
      return text.includes('CERTIFICATE') ? { ...pub, algorithm: `${pub.algorithm} (certificate)` } : pub
    }
    if (/-----BEGIN (PRIVATE KEY|RSA PRIVATE KEY|EC PRIVATE KEY)-----/.test(text)) return privateKey(text, text)
    throw new KeyImportError(
      'Unsupported PEM block: expected PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, PRIVATE KEY or RSA PRIVATE KEY.'
    )
  }
  if (text.startsWith('whpk_'))
    return { kind: 'public', algorithm: 'Ed25519 (whpk_)', publicMaterial: text, secretMaterial: null }
  if (text.startsWith('whsk_'))
    return { kind: 'private', algorithm: 'Ed25519 (whsk_)', publicMaterial: null, secretMaterial: text }
  // Bare base64 DER (TruBit and Alipay publish public keys this way) — only if it really is DER.
  if (/^[A-Za-z0-9+/=\s]{64,}$/.test(text) && text.replace(/\s+/g, '').startsWith('MI')) {
    const der = Buffer.from(text.replace(/\s+/g, ''), 'base64')
    try {
      return {
        kind: 'public',
        algorithm: describe(createPublicKey({ key: der, format: 'der', type: 'spki' })),
        publicMaterial: text.replace(/\s+/g, ''),
        secretMaterial: null
      }
    } catch {
      try {
        return {
          kind: 'private',
          algorithm: describe(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })),
          publicMaterial: null,
          secretMaterial: text.replace(/\s+/g, '')
        }
      } catch {
        /* a long base64 secret: fall through */
      }
    }
  }
  const prefix = /^(whsec_|sk_|SEC)/.exec(text)?.[1]
  return {
    kind: 'secret',
    algorithm: `shared secret (${raw.length} chars${prefix ? `, ${prefix}…` : ''})`,
    publicMaterial: null,
    secretMaterial: raw
  }
}

const group = (hex: string): string => hex.slice(0, 16).match(/.{4}/g)!.join(' ')

/** What Hookscope stored before fingerprints were keyed: a bare SHA-256 prefix (guessable offline for weak secrets). */
export function unkeyedFingerprint(material: string): string {
  return group(createHash('sha256').update(material.trim()).digest('hex'))
}

/**
 * Short, stable fingerprint of key material, keyed with this installation's own key, so a copied
 * database does not let weak secrets be guessed from their fingerprints. It is an HMAC of the
 * unkeyed form, so fingerprints stored before can be converted without the secret.
 */
export function fingerprint(material: string, installKey: Uint8Array): string {
  return keyFingerprint(unkeyedFingerprint(material), installKey)
}

export function keyFingerprint(unkeyed: string, installKey: Uint8Array): string {
  return group(createHmac('sha256', installKey).update(unkeyed).digest('hex'))
}
