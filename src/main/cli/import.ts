import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { importDeliveries } from '@shared/http/import'
import { headerValue } from '@shared/http/headers'
import { CaptureStore, type NewCapture } from '../services/store'
import { keepFromRetention, CaptureDescriber } from '../services/capture'
import { SettingsStore, CustomSchemes, DATABASE_FILE, defaultWebDataDir } from '../services/configuration'
import { UsageError } from './signatures'

/** `hookscope import --har FILE`: adds the HAR's requests as captures marked imported; says which entries were skipped. */
export function runImport(
  args: { 'data-dir'?: string; har?: string },
  note: (line: string) => void = () => undefined
): number {
  if (!args.har) throw new UsageError('--har FILE is required.')
  let data: Buffer
  try {
    data = readFileSync(args.har)
  } catch (err) {
    throw new UsageError(`Cannot read ${args.har}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  // The same reader and checks as an import in the app; only HAR files here.
  const { format, requests, notes } = importDeliveries(data, { curlVersion: '' })
  if (format !== 'har')
    throw new UsageError(
      `${args.har} is not a HAR file (it reads as ${format === 'http' ? 'a raw HTTP request' : 'a curl command'}).`
    )
  notes.forEach(note)
  const store = CaptureStore.open(join(resolve(args['data-dir'] ?? defaultWebDataDir()), DATABASE_FILE))
  try {
    const captures: NewCapture[] = requests.map(({ sentAt, ...r }) => ({
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
    const settings = new SettingsStore(store.connection, {
      listenHost: '127.0.0.1',
      listenPort: 0,
      bodyLimit: 0,
      keepLast: 0,
      keepDays: 0,
      forwardToLinkLocal: false
    })
    const kept = keepFromRetention(captures, settings.get(), Date.now())
    if (kept) note(kept)
    const custom = new CustomSchemes(store.connection)
    const describer = new CaptureDescriber(() => custom.list())
    store.insertMany(captures.map((c) => ({ ...c, ...describer.describe(c) })))
  } finally {
    store.close()
  }
  return requests.length
}
