import { createWriteStream, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { EXPORT_FORMATS, type ExportFormat } from '@shared/http/export'
import { VERDICTS, type Verdict } from '@shared/model/capture'
import type { ExportRequest } from '@shared/api/contract'
import { CaptureStore } from '../services/store'
import { DATABASE_FILE, defaultWebDataDir } from '../services/configuration'
import { exportPage } from '../services/capture'

export interface ExportFlags {
  'data-dir'?: string
  format?: string
  out?: string
  search?: string
  verdict?: string
  'include-secrets'?: boolean
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain')
}

/**
 * `hookscope export`: every capture (or those --search / --verdict select), oldest first, as NDJSON
 * (exact bytes, base64), HAR 1.2 or a .http file — the same pages, in the same words, as Export in the UI.
 */
export async function exportCaptures(flags: ExportFlags, stdout: Writable, version: string): Promise<number> {
  const format = flags.format ?? 'ndjson'
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new Error(`--format must be ${EXPORT_FORMATS.join(', ')} (got "${format}")`)
  if (flags.verdict !== undefined && !(VERDICTS as readonly string[]).includes(flags.verdict))
    throw new Error(`--verdict must be one of ${VERDICTS.join(', ')} (got "${flags.verdict}")`)
  const file = join(resolve(flags['data-dir'] ?? defaultWebDataDir()), DATABASE_FILE)
  if (!existsSync(file)) throw new Error(`No captures at ${file}. Point --data-dir at the folder hookscope serve used.`)
  const store = CaptureStore.open(file)
  const source = {
    list: async (q: Parameters<CaptureStore['list']>[0]) => store.list(q),
    count: async (q: Parameters<CaptureStore['count']>[0]) => store.count(q),
    getMany: async (ids: number[]) => store.getMany(ids)
  }
  const request: ExportRequest = {
    format: format as ExportFormat,
    includeSecrets: flags['include-secrets'] === true,
    filter: {
      ...(flags.search ? { search: flags.search } : {}),
      ...(flags.verdict ? { verdict: flags.verdict as Verdict } : {})
    }
  }
  const stream = flags.out ? createWriteStream(flags.out) : stdout
  let n = 0
  try {
    let cursor: number | null | undefined
    do {
      const page = await exportPage(source, { ...request, cursor }, version)
      await write(stream, page.text)
      n += page.exported
      cursor = page.cursor
    } while (cursor !== null)
  } finally {
    store.close()
    if (flags.out) {
      stream.end()
      await once(stream, 'finish')
    }
  }
  return n
}
