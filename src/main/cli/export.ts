import { createWriteStream, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { captureToNdjson, capturesToHar } from '@shared/http/export'
import { CaptureStore } from '../services/store/capture-store'
import { DATABASE_FILE, defaultWebDataDir } from '../services/data-dir'

export interface ExportFlags {
  'data-dir'?: string
  format?: string
  out?: string
  'include-secrets'?: boolean
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain')
}

/** `hookscope export`: every capture as NDJSON (exact bytes, base64) or HAR 1.2. */
export async function exportCaptures(flags: ExportFlags, stdout: Writable, version: string): Promise<number> {
  const format = flags.format ?? 'ndjson'
  if (format !== 'ndjson' && format !== 'har') throw new Error(`--format must be ndjson or har (got "${format}")`)
  const file = join(resolve(flags['data-dir'] ?? defaultWebDataDir()), DATABASE_FILE)
  if (!existsSync(file)) throw new Error(`No captures at ${file}. Point --data-dir at the folder hookscope serve used.`)
  const store = CaptureStore.open(file)
  const opts = { includeSecrets: flags['include-secrets'] === true }
  const stream = flags.out ? createWriteStream(flags.out) : stdout
  let n = 0
  try {
    if (format === 'ndjson') {
      for (const c of store.iterateAll()) {
        await write(stream, captureToNdjson(c, opts) + '\n')
        n++
      }
    } else {
      const all = [...store.iterateAll()]
      n = all.length
      await write(stream, capturesToHar(all, opts, version) + '\n')
    }
  } finally {
    store.close()
    if (flags.out) {
      stream.end()
      await once(stream, 'finish')
    }
  }
  return n
}
