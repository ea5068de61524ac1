import { spawn } from 'node:child_process'
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
}

/** One run of a tunnel tool as a child process: its URL from its output, its end with the last error it printed. */
export function toolSession(bin: string, args: string[], o: ToolOptions): TunnelSession {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let resolveUrl!: (u: string) => void
  let rejectUrl!: (e: Error) => void
  const url = new Promise<string>((res, rej) => {
    resolveUrl = res
    rejectUrl = rej
  })
  url.catch(() => undefined)
  let lastError = ''
  const onLine = (line: string): void => {
    const found = o.findUrl(line)
    if (found) return resolveUrl(found)
    lastError = o.errorLine(line) ?? lastError
  }
  createInterface({ input: child.stdout }).on('line', onLine)
  createInterface({ input: child.stderr }).on('line', onLine)
  const closed = new Promise<string>((resolve) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      const e = err.code === 'ENOENT' ? new TunnelSetupError(o.missing) : err
      rejectUrl(e)
      resolve(e.message)
    })
    child.on('exit', (code, signal) => {
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
