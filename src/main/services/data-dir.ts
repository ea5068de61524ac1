import { homedir } from 'node:os'
import { join } from 'node:path'

/** Web mode's default: $XDG_DATA_HOME/hookscope, else ~/.local/share/hookscope. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME
  return xdg && xdg.startsWith('/') ? join(xdg, 'hookscope') : join(home, '.local', 'share', 'hookscope')
}

export const DATABASE_FILE = 'hookscope.db'
