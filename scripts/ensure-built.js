// Builds when out/ is missing (fresh install) or older than the sources, so `npx hookscope` and the
// benches never run stale code. Build output goes to stderr: a command's own stdout stays clean.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildNeeded } from './build-state.js'

export function ensureBuilt(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const why = buildNeeded(root)
  if (!why) return 0
  process.stderr.write(`hookscope: building (${why})…\n`)
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
  return r.status ?? 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(ensureBuilt())
