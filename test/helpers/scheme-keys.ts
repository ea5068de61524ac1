import { generateKeyPairSync, randomBytes } from 'node:crypto'
import type { KeyInput, SchemeDefinition } from '@shared/signatures'

interface Pair {
  privatePem: string
  publicPem: string
  /** Bare base64 DER SPKI, as TruBit and Alipay publish keys. */
  publicB64: string
}

const cache = new Map<string, Pair>()

function pair(kind: 'rsa' | 'ec' | 'ed25519'): Pair {
  const hit = cache.get(kind)
  if (hit) return hit
  const { privateKey, publicKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519')
  const der = publicKey.export({ type: 'spki', format: 'der' })
  const p: Pair = {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicB64: der.toString('base64')
  }
  cache.set(kind, p)
  return p
}

export function keyPairFor(s: SchemeDefinition): Pair | null {
  if (s.algorithm.startsWith('rsa-')) return pair('rsa')
  if (s.algorithm.startsWith('ecdsa-')) return pair('ec')
  if (s.algorithm === 'ed25519') return pair('ed25519')
  return null
}

/** A (signing key, verifying key) pair in the form the scheme expects, from random bytes for secrets. */
export function keysFor(s: SchemeDefinition, seed: Uint8Array): { signing: KeyInput; verifying: KeyInput } {
  const kp = keyPairFor(s)
  if (kp)
    return {
      signing: { material: kp.privatePem },
      verifying: { material: s.id === 'trubit-velafi' ? kp.publicB64 : kp.publicPem }
    }
  const bytes = seed.length ? seed : randomBytes(16)
  let material: string
  if (s.key.form === 'hex') material = Buffer.from(bytes).toString('hex')
  else if (s.key.form === 'base64') material = (s.key.prefix ?? '') + Buffer.from(bytes).toString('base64')
  else material = Buffer.from(bytes).toString('base64url') || 'k'
  return { signing: { material }, verifying: { material } }
}
