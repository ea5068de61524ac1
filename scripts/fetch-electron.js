// postinstall: fetch the Electron binary with Electron's own installer, but never fail the
// install for want of it. Without the binary, `npm start` runs web mode (see scripts/start.js).
// package.json's allowScripts denies electron's own postinstall so that this runs in its place.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const LATER = 'To fetch it later, with access to its download host: npm run fetch:electron'

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    `Hookscope: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the desktop window is not installed; \`npm start\` uses web mode.\n${LATER}`
  )
  process.exit(0)
}

let installer
try {
  installer = createRequire(import.meta.url).resolve('electron/install.js')
} catch {
  console.log(`Hookscope: the electron package is not installed; \`npm start\` uses web mode.`)
  process.exit(0)
}

const timeoutMs = Number(process.env.HOOKSCOPE_ELECTRON_TIMEOUT_MS ?? 300_000)
const r = spawnSync(process.execPath, [installer], {
  encoding: 'utf8',
  timeout: timeoutMs,
  stdio: ['ignore', 'pipe', 'pipe']
})
if (r.status === 0) process.exit(0)

const reason =
  r.error?.code === 'ETIMEDOUT'
    ? `no answer within ${timeoutMs / 1000} s`
    : (`${r.stderr}`.split('\n').find((l) => l.trim()) ?? `exit ${r.status}`).trim()
console.log(
  `Hookscope: the Electron binary could not be downloaded (${reason}).\n` +
    'The desktop window is unavailable on this machine; `npm start` will serve the same UI in web mode.\n' +
    LATER
)
if (process.argv.includes('--strict')) process.exit(1)
