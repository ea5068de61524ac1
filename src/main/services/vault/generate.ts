import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto'
import type { GenerateKind, KeySummary } from '@shared/model/vault'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A new key of a kind the user asks for: a random secret (bytes or 32 alphanumerics) or a fresh key pair. */
export function generatedKey(kind: GenerateKind): {
  kind: KeySummary['kind']
  algorithm: string
  publicMaterial: string | null
  secretMaterial: string
} {
  switch (kind) {
    case 'secret':
      return {
        kind: 'secret',
        algorithm: 'shared secret (random 32 bytes, base64url)',
        publicMaterial: null,
        secretMaterial: randomBytes(32).toString('base64url')
      }
    case 'secret-alnum32': {
      let s = ''
      for (let i = 0; i < 32; i++) s += ALNUM[randomInt(ALNUM.length)]
      return { kind: 'secret', algorithm: 'shared secret (32 alphanumeric)', publicMaterial: null, secretMaterial: s }
    }
    case 'rsa-2048':
    case 'ed25519': {
      const pair =
        kind === 'rsa-2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519')
      return {
        kind: 'pair',
        algorithm: kind === 'rsa-2048' ? 'RSA 2048' : 'Ed25519',
        publicMaterial: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
        secretMaterial: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
      }
    }
  }
}
