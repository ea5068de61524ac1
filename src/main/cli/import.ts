import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseHar } from '@shared/http/har-import'
import { CaptureStore } from '../services/store/capture-store'
import { DATABASE_FILE, defaultWebDataDir } from '../services/data-dir'
import { UsageError } from './signatures'

/** `hookscope import --har FILE`: adds the HAR's requests as captures (reply recorded as "imported"). */
export function runImport(args: { 'data-dir'?: string; har?: string }): number {
  if (!args.har) throw new UsageError('--har FILE is required.')
  let text: string
  try {
    text = readFileSync(args.har, 'utf8')
  } catch (err) {
    throw new UsageError(`Cannot read ${args.har}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const requests = parseHar(text)
  const store = CaptureStore.open(join(resolve(args['data-dir'] ?? defaultWebDataDir()), DATABASE_FILE))
  try {
    store.insertMany(
      requests.map((r) => ({
        ...r,
        bodySize: r.body.length,
        truncated: false,
        remoteAddress: 'imported',
        remotePort: 0,
        reply: { status: 0, headers: [], body: '' }
      }))
    )
  } finally {
    store.close()
  }
  return requests.length
}
