import { parseArgs } from 'node:util'
import { version } from '../../../package.json'
import { exportCaptures } from './export'
import { serve } from './serve'

const HELP = `Hookscope ${version} — capture, inspect and verify webhooks locally.

Usage:
  hookscope serve  [--listen HOST:PORT] [--ui HOST:PORT] [--data-dir DIR]
      Web mode: capture webhooks on --listen (default 127.0.0.1:8787) and serve the
      UI on --ui (default 127.0.0.1:8788). Ctrl-C stops cleanly.
  hookscope export [--data-dir DIR] [--format ndjson|har] [--out FILE] [--include-secrets]
      Write every capture: NDJSON (exact body bytes as base64) or HAR 1.2.
      Authorization, cookies and signature headers are redacted unless --include-secrets.
  hookscope help
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const err = (line: string): void => void process.stderr.write(line + '\n')
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({
          args: rest,
          options: { listen: { type: 'string' }, ui: { type: 'string' }, 'data-dir': { type: 'string' } },
          strict: true
        })
        await serve(values, (line) => void process.stdout.write(line + '\n'))
        return 0
      }
      case 'export': {
        const { values } = parseArgs({
          args: rest,
          options: {
            'data-dir': { type: 'string' },
            format: { type: 'string' },
            out: { type: 'string' },
            'include-secrets': { type: 'boolean' }
          },
          strict: true
        })
        const n = await exportCaptures(values, process.stdout, version)
        if (values.out) err(`Exported ${n} captures to ${values.out}`)
        return 0
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP)
        return 0
      default:
        err(`Unknown command "${command}".\n`)
        err(HELP)
        return 2
    }
  } catch (e) {
    err(`hookscope: ${(e as Error).message}`)
    return 1
  }
}
