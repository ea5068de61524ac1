// The benches' `hookscope serve`: built CLI, free ports, a fresh data directory; resolves with its URLs.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CLI = join(ROOT, 'out/main/cli.js')

export async function startServe(name) {
  const dataDir = mkdtempSync(join(tmpdir(), `hookscope-bench-${name}-`))
  const host = spawn(
    process.execPath,
    [CLI, 'serve', '--listen', '127.0.0.1:0', '--ui', '127.0.0.1:0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  const urls = await new Promise((res) => {
    let out = ''
    host.stdout.on('data', (d) => {
      out += d
      const l = /Listening for webhooks on (\S+)/.exec(out)
      const o = /Open (\S+)/.exec(out)
      if (l && o)
        res({ listen: l[1], open: o[1], ui: new URL(o[1]).origin, token: new URL(o[1]).searchParams.get('token') })
    })
  })
  const stop = async () => {
    host.kill('SIGINT')
    await new Promise((r) => host.on('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { host, urls, dataDir, stop }
}
