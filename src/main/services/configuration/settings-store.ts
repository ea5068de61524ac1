import type { DatabaseSync } from 'node:sqlite'
import { HookscopeError } from '@shared/errors'
import { LOOPBACK_HOSTS, type Settings } from '@shared/model/settings'
import type { TunnelSpec } from '@shared/model/capture'

export class SettingsError extends HookscopeError {
  constructor(message: string) {
    super('invalid-settings', message)
  }
}

/** Settings kept in the capture database's meta table. */
export class SettingsStore {
  /** Read on every committed batch (retention), so kept in memory; `set` is the only writer. */
  private cached: Settings | null = null

  constructor(
    private readonly db: DatabaseSync,
    private readonly defaults: Settings
  ) {}

  get(): Settings {
    if (!this.cached) {
      const row = this.db.prepare("SELECT v FROM meta WHERE k = 'settings'").get() as { v: Uint8Array } | undefined
      this.cached = row
        ? { ...this.defaults, ...(JSON.parse(new TextDecoder().decode(row.v)) as Partial<Settings>) }
        : this.defaults
    }
    return this.cached
  }

  /** Validates and saves. Binding beyond loopback must be asked for explicitly (`allowNonLoopback`). */
  set(next: Settings, allowNonLoopback: boolean): Settings {
    if (!/^[\w.:-]+$/.test(next.listenHost))
      throw new SettingsError('The bind address is not a host name or IP address.')
    if (!LOOPBACK_HOSTS.includes(next.listenHost) && !allowNonLoopback) {
      throw new SettingsError(`${next.listenHost} is reachable from other machines; confirm to bind beyond loopback.`)
    }
    if (!Number.isInteger(next.listenPort) || next.listenPort < 0 || next.listenPort > 65535)
      throw new SettingsError('The port must be 0–65535.')
    if (!Number.isInteger(next.bodyLimit) || next.bodyLimit < 1024 || next.bodyLimit > 512 * 1024 * 1024)
      throw new SettingsError('The body limit must be 1 KB–512 MB.')
    if (!Number.isInteger(next.keepLast) || next.keepLast < 0)
      throw new SettingsError('Keep last must be 0 (no limit) or more.')
    if (!Number.isFinite(next.keepDays) || next.keepDays < 0)
      throw new SettingsError('Keep days must be 0 (keep) or more.')
    this.db
      .prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('settings', ?)")
      .run(new TextEncoder().encode(JSON.stringify(next)))
    this.cached = next
    return next
  }

  /** The tunnel started from the app, started again at the next launch (its URL too, when permanent); null once stopped. */
  tunnel(): TunnelSpec | null {
    const row = this.db.prepare("SELECT v FROM meta WHERE k = 'tunnel'").get() as { v: Uint8Array } | undefined
    if (!row) return null
    try {
      const spec = JSON.parse(new TextDecoder().decode(row.v)) as TunnelSpec
      return typeof spec?.tunnel === 'string' ? spec : null
    } catch {
      return null
    }
  }

  setTunnel(spec: TunnelSpec | null): void {
    if (spec)
      this.db
        .prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('tunnel', ?)")
        .run(new TextEncoder().encode(JSON.stringify(spec)))
    else this.db.prepare("DELETE FROM meta WHERE k = 'tunnel'").run()
  }
}
