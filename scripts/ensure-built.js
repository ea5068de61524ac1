// Builds once when out/ is missing (fresh install), so `npx hookscope` works right away.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const needed = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
if (!needed.every((f) => existsSync(f))) {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}
