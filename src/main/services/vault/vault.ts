import { randomBytes } from 'node:crypto'
import { PassphraseBox, SessionBox, type SecretBox } from './secret-box'
import type { DatabaseSync } from 'node:sqlite'
import type { GenerateKind, KeySummary, VaultStatus } from '@shared/model/vault'
import type { KeyInput } from '@shared/signatures'
import { classifyKey, fingerprint, keyFingerprint, KeyImportError } from './classify'
import { SecretMask, type MaskedSecret } from './mask'
import { generatedKey } from './generate'

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

/**
 * Keys for verification and signing. Secrets and private keys are sealed by the SecretBox
 * before they reach SQLite; public keys are stored as given. Plaintext secrets leave this
 * class only through `reveal` (an explicit user action) and `materials` (main-side checks).
 */
export class Vault {
  private readonly session = new SessionBox()

  /**
   * `persistent` seals secrets for disk (OS keychain or passphrase); without one (web mode, or a
   * weak keychain) secrets are session-only until the user sets a passphrase.
   */
  constructor(
    private readonly db: DatabaseSync,
    private persistent: SecretBox | null,
    private readonly now: () => number = Date.now,
    private readonly weakReason: string | null = null,
    /** This installation's key for fingerprints (kept beside the database, not in it). */
    private readonly installKey: Uint8Array = new Uint8Array(randomBytes(32))
  ) {
    this.keyStoredFingerprints()
  }

  /** Converts fingerprints stored unkeyed by earlier versions, once. */
  private keyStoredFingerprints(): void {
    if (this.db.prepare("SELECT 1 FROM meta WHERE k = 'fingerprints_keyed'").get()) return
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const update = this.db.prepare('UPDATE keys SET fingerprint = ? WHERE id = ?')
      for (const r of this.db.prepare('SELECT id, fingerprint FROM keys').all() as {
        id: number
        fingerprint: string
      }[]) {
        update.run(keyFingerprint(r.fingerprint, this.installKey), r.id)
      }
      this.db.prepare("INSERT INTO meta (k, v) VALUES ('fingerprints_keyed', ?)").run(new Uint8Array([1]))
      this.db.exec('COMMIT')
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  private meta(k: string): Uint8Array | undefined {
    return (this.db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: Uint8Array } | undefined)?.v
  }

  private putMeta(k: string, v: Uint8Array): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)').run(k, v)
  }

  status(): VaultStatus {
    const box = this.persistent ?? this.session
    const description =
      this.weakReason && !this.persistent ? `${this.weakReason} ${this.session.description}` : box.description
    const locked = !this.persistent && this.meta('vault_check') !== undefined
    const lockedKeys = locked
      ? (this.db.prepare("SELECT count(*) AS n FROM keys WHERE storage = 'encrypted'").get() as { n: number }).n
      : 0
    const mode = this.meta('vault_mode')
    const choice: VaultStatus['choice'] =
      box.backend === 'os-keychain'
        ? 'keychain'
        : box.backend === 'passphrase' || locked
          ? 'passphrase'
          : mode && new TextDecoder().decode(mode) === 'session'
            ? 'session'
            : 'ask'
    return {
      backend: box.backend,
      description,
      persistent: box.persistent,
      warn: !this.persistent,
      locked,
      lockedKeys,
      choice
    }
  }

  /** The user's choice to keep keys for this session only (asked once, on the first key). */
  keepForSession(): VaultStatus {
    if (this.persistent) throw new Error('Keys are already kept encrypted on disk.')
    this.putMeta('vault_mode', new TextEncoder().encode('session'))
    return this.status()
  }

  /** Whether any of these keys exists but waits for the passphrase. */
  anyLocked(ids: readonly number[]): boolean {
    return this.list().some((k) => ids.includes(k.id) && k.state === 'locked')
  }

  /**
   * Seals secrets added from now on with a passphrase (scrypt → AES-GCM). The first call sets
   * it; later launches must give the same one to open what it sealed.
   */
  usePassphrase(passphrase: string): VaultStatus {
    let salt = this.meta('vault_salt')
    if (!salt) {
      salt = new Uint8Array(randomBytes(16))
      this.putMeta('vault_salt', salt)
    }
    const box = new PassphraseBox(passphrase, salt)
    const check = this.meta('vault_check')
    if (check) box.open(check)
    else this.putMeta('vault_check', box.seal(new TextEncoder().encode('hookscope-vault')))
    this.putMeta('vault_mode', new TextEncoder().encode('passphrase'))
    this.persistent = box
    return this.status()
  }

  private boxFor(storage: KeySummary['storage']): SecretBox {
    if (storage === 'session') return this.session
    if (!this.persistent) throw new Error('The vault is locked: give the passphrase to use this key.')
    return this.persistent
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
      state: this.state(r),
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at
    }
  }

  private state(r: KeyRow): KeySummary['state'] {
    if (r.storage === 'encrypted' && !this.persistent) return 'locked'
    if (r.storage === 'session' && r.sealed && !this.session.has(r.sealed)) return 'lost'
    return 'ready'
  }

  private insert(
    name: string,
    kind: KeySummary['kind'],
    algorithm: string,
    publicMaterial: string | null,
    secret: string | null
  ): KeySummary {
    const cleanName = name.trim() || `${kind} key`
    const storage: KeySummary['storage'] = secret === null ? 'public' : this.persistent ? 'encrypted' : 'session'
    const sealed = secret === null ? null : this.boxFor(storage).seal(new TextEncoder().encode(secret))
    const { lastInsertRowid } = this.db
      .prepare(
        'INSERT INTO keys (name, kind, algorithm, fingerprint, public_material, ' +
          'sealed, storage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
      )
      .run(
        cleanName,
        kind,
        algorithm,
        fingerprint(publicMaterial ?? secret ?? '', this.installKey),
        publicMaterial,
        sealed,
        storage,
        this.now()
      )
    return this.get(Number(lastInsertRowid))!
  }

  get(id: number): KeySummary | null {
    const r = this.db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
    return r ? this.summary(r) : null
  }

  /** The stored key with this material's fingerprint, if there is one (a second paste of the same key). */
  findSame(material: string): KeySummary | null {
    const c = classifyKey(material)
    const fp = fingerprint(c.publicMaterial ?? c.secretMaterial ?? '', this.installKey)
    const r = this.db.prepare('SELECT id FROM keys WHERE fingerprint = ? ORDER BY id LIMIT 1').get(fp) as
      { id: number } | undefined
    return r ? this.get(r.id) : null
  }

  /** Imports pasted or file text; throws KeyImportError with a clear message for anything else. */
  importKey(name: string, material: string): KeySummary {
    if (material.length > 64 * 1024) throw new KeyImportError('That is too long for a key (over 64 KB).')
    const c = classifyKey(material)
    return this.insert(name, c.kind, c.algorithm, c.publicMaterial, c.secretMaterial)
  }

  generate(kind: GenerateKind, name: string): KeySummary {
    const g = generatedKey(kind)
    return this.insert(name, g.kind, g.algorithm, g.publicMaterial, g.secretMaterial)
  }

  /** The secret or private key in plaintext: only on an explicit user request. */
  reveal(id: number): string | null {
    const r = this.db.prepare('SELECT sealed, public_material, storage FROM keys WHERE id = ?').get(id) as
      Pick<KeyRow, 'sealed' | 'public_material' | 'storage'> | undefined
    if (!r) return null
    if (!r.sealed) return r.public_material
    return new TextDecoder().decode(this.boxFor(r.storage).open(r.sealed))
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
        const material =
          r.kind === 'public' || r.kind === 'pair'
            ? r.public_material!
            : new TextDecoder().decode(this.boxFor(r.storage).open(r.sealed!))
        out.push({ id: r.id, material, label: r.name })
      } catch {
        /* a session-only secret from an earlier run */
      }
    }
    return out
  }

  /** The secret or private key to sign with (a pair signs with its private half). */
  /** The secret of the newest key with this name (the ngrok authtoken), for host-side use only. */
  secretNamed(name: string): string | null {
    const r = this.db
      .prepare('SELECT id FROM keys WHERE name = ? AND sealed IS NOT NULL ORDER BY id DESC LIMIT 1')
      .get(name) as { id: number } | undefined
    return r ? ((this.materials([r.id])[0]?.material as string | undefined) ?? null) : null
  }

  /** Masks the secrets (not public keys) of these keys in whatever leaves the host after they were used. */
  maskFor(ids: readonly number[]): SecretMask {
    const secrets: MaskedSecret[] = []
    for (const id of ids) {
      const r = this.db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
      if (!r?.sealed) continue
      try {
        secrets.push({
          material: new TextDecoder().decode(this.boxFor(r.storage).open(r.sealed)),
          fingerprint: r.fingerprint
        })
      } catch {
        /* a session-only secret from an earlier run: it was not used either */
      }
    }
    return new SecretMask(secrets)
  }

  signingMaterial(id: number): KeyInput | null {
    const r = this.db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined
    if (!r || !r.sealed) return null
    return { material: new TextDecoder().decode(this.boxFor(r.storage).open(r.sealed)), label: r.name }
  }

  /** When each key's "last used" was last written: it is written at most once a minute per key. */
  private readonly touched = new Map<number, number>()
  static readonly TOUCH_EVERY_MS = 60_000

  /**
   * Notes that a key matched. Each write is a commit (a sync to disk) on the thread that answers
   * webhooks, so "last used" is kept to the minute: a burst of deliveries, or re-verifying a whole
   * endpoint, writes it once.
   */
  touch(id: number): void {
    const now = this.now()
    const last = this.touched.get(id)
    if (last !== undefined && now - last < Vault.TOUCH_EVERY_MS && now >= last) return
    this.touched.set(id, now)
    this.db.prepare('UPDATE keys SET last_used_at = ? WHERE id = ?').run(now, id)
  }
}
