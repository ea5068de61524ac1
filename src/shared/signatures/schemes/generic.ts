import type { SchemeDefinition } from '../types'
import { BODY, PLAIN } from './helpers'

/** Starting points for user-defined schemes: same engine, the user picks header, encoding and content. */
export const GENERIC_SCHEMES: SchemeDefinition[] = [
  {
    id: 'generic-hmac',
    name: 'Generic HMAC-SHA256',
    description:
      'X-Signature: hex HMAC-SHA256(secret, body). Copy and change header, algorithm, encoding or signed content to fit any HMAC sender.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [BODY],
    signature: { header: 'X-Signature', format: PLAIN, encoding: 'hex' }
  },
  {
    id: 'generic-rsa',
    name: 'Generic RSA SHA-256',
    description:
      'X-Signature: base64 RSA PKCS#1 v1.5 SHA-256 over the body, verified with a public key in any supported form.',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'X-Signature', format: PLAIN, encoding: 'base64' }
  },
  {
    id: 'generic-ed25519',
    name: 'Generic Ed25519',
    description: 'X-Signature: base64 Ed25519 signature over the body.',
    algorithm: 'ed25519',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'X-Signature', format: PLAIN, encoding: 'base64' }
  }
]
