import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { importHar } from '@shared/http/import/har'
import { headerValue } from '@shared/http/headers'
import { CaptureStore } from '../services/store/capture-store'
import { DATABASE_FILE, defaultWebDataDir } from '../services/data-dir'
import { UsageError } from './signatures'

/** `hookscope import --har FILE`: adds the HAR's requests as captures marked imported; says which entries were skipped. */
export function runImport(args: { 'data-dir'?: string; har?: string }, note: (line: string) => void = () => undefined): number {
  if (!args.har) throw new UsageError('--har FILE is required.')
  let text: string
  try {
    text = readFileSync(args.har, 'utf8')
  } catch (err) {
    throw new UsageError(`Cannot read ${args.har}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const { requests, notes } = importHar(text)
  notes.forEach(note)
  const store = CaptureStore.open(join(resolve(args['data-dir'] ?? defaultWebDataDir()), DATABASE_FILE))
  try {
    store.insertMany(
      requests.map(({ sentAt, ...r }) => ({
        ...r,
        receivedAt: sentAt ?? Date.now(),
        contentType: headerValue(r.rawHeaders, 'content-type') ?? null,
        imported: 'har' as const,
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
