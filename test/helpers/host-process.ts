import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CLI = resolve(ROOT, 'out/main/cli.js')

export interface HostProcess {
  proc: ChildProcess
  listenUrl: string
  openUrl: string
  uiUrl: string
  output: () => string
  /** Ctrl-C: resolves with the exit code once the host has drained and closed. */
  interrupt(): Promise<number | null>
  kill9(): Promise<void>
}

/** Starts `hookscope serve` (built) on free ports and resolves once both URLs are printed. */
export async function startHostProcess(dataDir: string, extra: string[] = []): Promise<HostProcess> {
  const proc = spawn(
    process.execPath,
    [CLI, 'serve', '--listen', '127.0.0.1:0', '--ui', '127.0.0.1:0', '--data-dir', dataDir, ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise<void>((resolveReady, reject) => {
    const check = (): void => {
      if (/Listening for webhooks on (\S+)/.test(out) && /Open (\S+)/.test(out)) resolveReady()
    }
    proc.stdout!.on('data', check)
    proc.once('exit', (code) => reject(new Error(`host exited early (${code}): ${out}`)))
  })
  const listenUrl = /Listening for webhooks on (\S+)/.exec(out)![1]!
  const openUrl = /Open (\S+)/.exec(out)![1]!
  const exited = once(proc, 'exit') as Promise<[number | null]>
  return {
    proc,
    listenUrl,
    openUrl,
    uiUrl: new URL(openUrl).origin,
    output: () => out,
    async interrupt() {
      proc.kill('SIGINT')
      return (await exited)[0]
    },
    async kill9() {
      proc.kill('SIGKILL')
      await exited
    }
  }
}
