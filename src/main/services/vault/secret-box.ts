import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'

/** How secrets are kept at rest; the UI shows `backend` and warns when it is not persistent or weak. */
export interface SecretBox {
  readonly backend: 'os-keychain' | 'passphrase' | 'session'
  /** Human description, e.g. "OS keychain (gnome_libsecret)". */
  readonly description: string
  /** False: secrets live in memory only and are gone when Hookscope stops. */
  readonly persistent: boolean
  seal(plain: Uint8Array): Uint8Array
  open(sealed: Uint8Array): Uint8Array
}

/** Secrets never touch the disk: sealed blobs are handles into this process's memory. */
export class SessionBox implements SecretBox {
  readonly backend = 'session'
  readonly description = 'Session only: secrets are kept in memory and forgotten when Hookscope stops.'
  readonly persistent = false
  private readonly memory = new Map<string, Uint8Array>()
  seal(plain: Uint8Array): Uint8Array {
    const handle = randomBytes(16)
    this.memory.set(handle.toString('hex'), Uint8Array.from(plain))
    return new Uint8Array(handle)
  }
  /** Whether this run sealed it (a session secret from an earlier run is gone). */
  has(sealed: Uint8Array): boolean {
    return this.memory.has(Buffer.from(sealed).toString('hex'))
  }
  open(sealed: Uint8Array): Uint8Array {
    const v = this.memory.get(Buffer.from(sealed).toString('hex'))
    if (!v) throw new Error('This secret was kept for an earlier session only; add it again.')
    return v
  }
}

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

/** scrypt(passphrase, salt) → AES-256-GCM. Sealed = version(1) | iv(12) | ciphertext | tag(16). */
export class PassphraseBox implements SecretBox {
  readonly backend = 'passphrase'
  readonly description = 'Encrypted with your passphrase (scrypt → AES-256-GCM).'
  readonly persistent = true
  private readonly key: Buffer
  constructor(passphrase: string, salt: Uint8Array) {
    if (passphrase.length < 8) throw new Error('Use a passphrase of at least 8 characters.')
    this.key = scryptSync(passphrase, salt, 32, SCRYPT)
  }
  seal(plain: Uint8Array): Uint8Array {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([c.update(plain), c.final()])
    return new Uint8Array(Buffer.concat([Buffer.of(1), iv, body, c.getAuthTag()]))
  }
  open(sealed: Uint8Array): Uint8Array {
    const b = Buffer.from(sealed)
    if (b[0] !== 1 || b.length < 29) throw new Error('Not a sealed secret.')
    const d = createDecipheriv('aes-256-gcm', this.key, b.subarray(1, 13))
    d.setAuthTag(b.subarray(b.length - 16))
    try {
      return new Uint8Array(Buffer.concat([d.update(b.subarray(13, b.length - 16)), d.final()]))
    } catch {
      throw new Error('Wrong passphrase, or the vault was changed.')
    }
  }
}

/** The part of Electron's safeStorage Hookscope uses (injected, so this file stays Electron-free). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
  getSelectedStorageBackend?(): string
}

/** Electron safeStorage (OS keychain). Linux's `basic_text` backend is a hard-coded key: reported as weak. */
export class SafeStorageBox implements SecretBox {
  readonly backend = 'os-keychain'
  readonly persistent = true
  readonly description: string
  readonly weak: boolean
  constructor(private readonly safe: SafeStorageLike) {
    const name = safe.getSelectedStorageBackend?.() ?? 'os'
    this.weak = name === 'basic_text' || name === 'unknown'
    this.description = this.weak
      ? `OS keychain unavailable (${name}): secrets would be obfuscated only.`
      : `OS keychain (${name}).`
  }
  seal(plain: Uint8Array): Uint8Array {
    return new Uint8Array(this.safe.encryptString(Buffer.from(plain).toString('base64')))
  }
  open(sealed: Uint8Array): Uint8Array {
    return new Uint8Array(Buffer.from(this.safe.decryptString(Buffer.from(sealed)), 'base64'))
  }
}
