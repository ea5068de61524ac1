import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { TunnelSetupError, type TunnelSession } from './tunnel'

export interface ToolOptions {
  /** The tool's name in messages ("SSH", "cloudflared"). */
  name: string
  /** The public URL if this output line announces it. */
  findUrl(line: string): string | null
  /** A line worth reporting as the reason the tool stopped. */
  errorLine(line: string): string | null
  /** Said when the binary is not installed. */
  missing: string
  /** Reasons that retrying cannot fix (refused keys, untrusted host). */
  final?: RegExp[]
  /** Added to the tool's environment (a token that must not be on its command line). */
  env?: Record<string, string>
}

/**
 * Runs the tool under a small sh watchdog holding a pipe from this process: when the host dies,
 * even by SIGKILL, the pipe closes and the watchdog ends the tool (an `ssh -R` would otherwise keep
 * the remote port forwarded). SIGTERM to the watchdog (stop) is passed on; its exit code is the tool's.
 * 127 with nothing printed by the tool is "not installed", as sh reports it.
 */
const WATCHDOG = [
  'exec 3<&0 </dev/null',
  '"$@" 3<&- &',
  'child=$!',
  `trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP`,
  '( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null ) >/dev/null 2>&1 &',
  'watcher=$!',
  'exec 3<&-',
  // The first wait also gets the status of a tool that is already gone; later ones follow a trapped signal.
  'wait "$child"; code=$?',
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done',
  'kill "$watcher" 2>/dev/null',
  'exit $code'
].join('\n')

function spawnWatched(bin: string, args: string[], extra?: Record<string, string>): ChildProcess {
  const env = extra ? { ...process.env, ...extra } : process.env
  if (process.platform === 'win32') return spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env })
  return spawn('/bin/sh', ['-c', WATCHDOG, 'hookscope-tunnel', bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env })
}

/** One run of a tunnel tool as a child process: its URL from its output, its end with the last error it printed. */
export function toolSession(bin: string, args: string[], o: ToolOptions): TunnelSession {
  const child = spawnWatched(bin, args, o.env)
  // The watchdog's pipe: nothing is written; it only has to stay open while this process lives.
  child.stdin?.on('error', () => undefined)
  let resolveUrl!: (u: string) => void
  let rejectUrl!: (e: Error) => void
  const url = new Promise<string>((res, rej) => {
    resolveUrl = res
    rejectUrl = rej
  })
  url.catch(() => undefined)
  let lastError = ''
  let lastLine = ''
  const onLine = (line: string): void => {
    lastLine = line
    const found = o.findUrl(line)
    if (found) return resolveUrl(found)
    lastError = o.errorLine(line) ?? lastError
  }
  createInterface({ input: child.stdout! }).on('line', onLine)
  createInterface({ input: child.stderr! }).on('line', onLine)
  const closed = new Promise<string>((resolve) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      const e = err.code === 'ENOENT' ? new TunnelSetupError(o.missing) : err
      rejectUrl(e)
      resolve(e.message)
    })
    // 'close', not 'exit': the tool's last lines (its reason) are read by then.
    child.on('close', (code, signal) => {
      if (code === 127 && /not found|No such file/i.test(lastLine) && process.platform !== 'win32') {
        const e = new TunnelSetupError(o.missing)
        rejectUrl(e)
        resolve(e.message)
        return
      }
      const why = `${o.name}: ${lastError || `exited (${signal ?? `code ${code}`})`}`
      rejectUrl(o.final?.some((r) => r.test(why)) ? new TunnelSetupError(why) : new Error(why))
      resolve(why)
    })
  })
  return {
    url,
    closed,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    }
  }
}
