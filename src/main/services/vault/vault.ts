import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { GenerateKind, KeySummary, VaultStatus } from '../../../shared/model/vault'
import type { KeyInput } from '../../../shared/signatures'
import { classifyKey, fingerprint, KeyImportError } from './classify'
import type { SecretBox } from './secret-box'

interface KeyRow {
  id: number
  name: string
  kind: KeySummary['kind']
  algorithm: string
  fingerprint: string
  public_material: string | null
  sealed: Uint8Array | null
  storage: KeySummary['storage']
  created_at: number
  last_used_at: number | null
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Keys for verification and signing. Secrets and private keys are sealed by the SecretBox
 * before they reach SQLite; public keys are stored as given. Plaintext secrets leave this
 * class only through `reveal` (an explicit user action) and `materials` (main-side checks).
 */
export class Vault {
  constructor(
    private readonly db: DatabaseSync,
    private box: SecretBox,
    private readonly now: () => number = Date.now,
    private readonly weak = false
  ) {}

  status(): VaultStatus {
    return { backend: this.box.backend, description: this.box.description, persistent: this.box.persistent, warn: this.weak || !this.box.persistent }
  }

  /** Switches how new secrets are sealed (e.g. the user chose a passphrase). */
  useBox(box: SecretBox): void {
    this.box = box
  }

  list(): KeySummary[] {
    return (this.db.prepare('SELECT * FROM keys ORDER BY id').all() as unknown as KeyRow[]).map((r) => this.summary(r))
  }

  private summary(r: KeyRow): KeySummary {
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      algorithm: r.algorithm,
      fingerprint: r.fingerprint,
      publicKey: r.public_material,
      storage: r.storage,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at
    }
  }

  private insert(name: string, kind: KeySummary['kind'], algorithm: string, publicMaterial: string | null, secret: string | null): KeySummary {
    const cleanName = name.trim() || `${kind} key`
    const sealed = secret === null ? null : this.box.seal(new TextEncoder().encode(secret))
    const storage: KeySummary['storage'] = secret === null ? 'public' : this.box.persistent ? 'encrypted' : 'session'
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO keys (name, kind, algorithm, fingerprint, public_material, sealed, storage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(cleanName, kind, algorithm, fingerprint(publicMaterial ?? secret ?? ''), publicMaterial, sealed, storage, this.now())
    return this.get(Number(lastInsertRowid))!
  }

  get(id: number): KeySummary | null {
    const r = this.db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
    return r ? this.summary(r) : null
  }

  /** Imports pasted or file text; throws KeyImportError with a clear message for anything else. */
  importKey(name: string, material: string): KeySummary {
    if (material.length > 64 * 1024) throw new KeyImportError('That is too long for a key (over 64 KB).')
    const c = classifyKey(material)
    return this.insert(name, c.kind, c.algorithm, c.publicMaterial, c.secretMaterial)
  }

  generate(kind: GenerateKind, name: string): KeySummary {
    switch (kind) {
      case 'secret':
        return this.insert(name, 'secret', 'shared secret (random 32 bytes, base64url)', null, randomBytes(32).toString('base64url'))
      case 'secret-alnum32': {
        let s = ''
        for (let i = 0; i < 32; i++) s += ALNUM[randomInt(ALNUM.length)]
        return this.insert(name, 'secret', 'shared secret (32 alphanumeric)', null, s)
      }
      case 'rsa-2048':
      case 'ed25519': {
        const pair = kind === 'rsa-2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519')
        const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
        const priv = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
        return this.insert(name, 'pair', kind === 'rsa-2048' ? 'RSA 2048' : 'Ed25519', pub, priv)
      }
    }
  }

  /** The secret or private key in plaintext: only on an explicit user request. */
  reveal(id: number): string | null {
    const r = this.db.prepare('SELECT sealed, public_material FROM keys WHERE id = ?').get(id) as Pick<KeyRow, 'sealed' | 'public_material'> | undefined
    if (!r) return null
    if (!r.sealed) return r.public_material
    return new TextDecoder().decode(this.box.open(r.sealed))
  }

  delete(id: number): boolean {
    return Number(this.db.prepare('DELETE FROM keys WHERE id = ?').run(id).changes) > 0
  }

  /** Key material for checks run in the main process / host. Keys that cannot be opened are skipped. */
  materials(ids: number[]): (KeyInput & { id: number })[] {
    const out: (KeyInput & { id: number })[] = []
    for (const id of ids) {
      const r = this.db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
      if (!r) continue
      try {
        const material = r.kind === 'public' ? r.public_material! : r.kind === 'pair' ? r.public_material! : new TextDecoder().decode(this.box.open(r.sealed!))
        out.push({ id: r.id, material, label: r.name })
      } catch {
        /* a session-only secret from an earlier run */
      }
    }
    return out
  }

  touch(id: number): void {
    this.db.prepare('UPDATE keys SET last_used_at = ? WHERE id = ?').run(this.now(), id)
  }
}

export { KeyImportError }
