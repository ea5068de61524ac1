#!/usr/bin/env node
// Entry for `npx hookscope`. Hookscope needs Node 24 (node:sqlite); npm puts the project's
// pinned node@24 first on PATH for npx and npm scripts.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `hookscope: needs Node 24 or newer (this is ${process.version}). Run it as \`npx hookscope\` ` +
      'inside the project, which uses the pinned node@24.\n'
  )
  process.exit(1)
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'out', 'main', 'cli.js')
// In a checkout, sources newer than out/ are built first: the command never runs stale code.
const scripts = join(root, 'scripts', 'ensure-built.js')
if (existsSync(scripts)) {
  const { ensureBuilt } = await import(pathToFileURL(scripts).href)
  if (ensureBuilt(root) !== 0) {
    process.stderr.write('hookscope: the build failed; see above.\n')
    process.exit(1)
  }
}
if (!existsSync(cli)) {
  process.stderr.write('hookscope: not built yet. Run `npm run build` first.\n')
  process.exit(1)
}
await import(pathToFileURL(cli).href)
