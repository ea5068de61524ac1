import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Web mode's default: $XDG_DATA_HOME/hookscope, else ~/.local/share/hookscope. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME
  return xdg && xdg.startsWith('/') ? join(xdg, 'hookscope') : join(home, '.local', 'share', 'hookscope')
}

export const DATABASE_FILE = 'hookscope.db'

/** This installation's random key (fingerprints), beside the database and readable by the user only. */
export const INSTALL_KEY_FILE = 'install.key'

export function installKey(dataDir: string): Uint8Array {
  const file = join(dataDir, INSTALL_KEY_FILE)
  try {
    const key = readFileSync(file)
    if (key.length === 32) return new Uint8Array(key)
  } catch {
    /* first start */
  }
  const key = randomBytes(32)
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, key, { mode: 0o600 })
  return new Uint8Array(key)
}
