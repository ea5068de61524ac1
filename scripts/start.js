// `npm start`: build, then open the desktop window — or, when the Electron binary is not
// installed (its download host was unreachable at `npm install`), start web mode and say why.
import { existsSync, readFileSync } from 'node:fs'
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

function electronBinary() {
  try {
    const require = createRequire(import.meta.url)
    const dir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(bin) ? bin : null
  } catch {
    return null
  }
}

const args = process.argv.slice(2)
const bin = electronBinary()
const child = bin
  ? spawn(bin, ['.', ...args], { stdio: 'inherit' })
  : (console.log(
      'The Electron binary is not installed (it could not be downloaded, or ELECTRON_SKIP_BINARY_DOWNLOAD was set),\n' +
        'so Hookscope starts in web mode: open the printed link in your browser.\n' +
        'For the desktop window: `npm run fetch:electron` with access to the Electron download host.\n'
    ),
    spawn(process.execPath, ['out/main/web.js', ...args], { stdio: 'inherit' }))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
