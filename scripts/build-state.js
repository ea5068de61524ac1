// Whether out/ must be (re)built: a file it needs is missing, or a source it is built from is newer.
// Shared by `npx hookscope` (bin/hookscope.js) and the npm scripts that run the built code.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const BUILT = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
const SOURCES = ['src', 'package.json', 'electron.vite.config.ts', 'aliases.config.ts', 'tsconfig.base.json']

function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

/** Why `root`'s out/ must be built, or null when it is up to date (or there are no sources: an installed package). */
export function buildNeeded(root) {
  const missing = BUILT.find((f) => !existsSync(join(root, f)))
  if (missing) return `${missing} is missing`
  if (!existsSync(join(root, 'src'))) return null
  const built = Math.min(...BUILT.map((f) => statSync(join(root, f)).mtimeMs))
  const changed = Math.max(...SOURCES.map((s) => newest(join(root, s))))
  return changed > built ? 'sources changed since the last build' : null
}
