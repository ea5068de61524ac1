import { importCurl, type CurlImportOptions } from './curl'
import { importHar } from './har'
import { importRawHttp } from './raw'
import { ImportError, type ImportedRequest } from './types'

export { ImportError, type ImportedRequest } from './types'

export interface ImportResult {
  format: 'http' | 'curl' | 'har'
  requests: ImportedRequest[]
  notes: string[]
}

/** Reads pasted text or a dropped file as a HAR file, a curl command or a raw HTTP request, by its content. */
export function importDeliveries(data: Uint8Array, options: CurlImportOptions): ImportResult {
  const text = new TextDecoder().decode(data.subarray(0, 64)).trimStart()
  if (text.startsWith('{')) {
    const r = importHar(new TextDecoder().decode(data))
    return { format: 'har', ...r }
  }
  if (/^(curl\s|printf\s|echo\s)/.test(text)) {
    return { format: 'curl', requests: [importCurl(new TextDecoder().decode(data), options)], notes: [] }
  }
  if (/^[A-Z][A-Z0-9-]*\s+\S+/.test(text)) {
    const r = importRawHttp(data)
    return { format: 'http', requests: [r.request], notes: r.notes }
  }
  throw new ImportError('Paste a raw HTTP request ("POST /path HTTP/1.1" …), a curl command, or a HAR file.')
}
