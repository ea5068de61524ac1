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
  const r = read(data, options)
  r.requests.forEach((req, i) => checkRequest(req, r.format === 'har' ? `Entry ${i + 1}: ` : ''))
  return r
}

function read(data: Uint8Array, options: CurlImportOptions): ImportResult {
  const text = new TextDecoder().decode(data.subarray(0, 64)).trimStart()
  if (text === '' && new TextDecoder().decode(data).trim() === '')
    throw new ImportError('Nothing to import: the text is empty.')
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

/** RFC 9110 token: what a method and a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const BAD_TARGET = /[\x00-\x20\x7f]/

/**
 * What the listener could never have received is refused here, naming the field: a method or a
 * header name that is not a token (CR/LF in it would split the request at replay), a header value
 * with CR, LF or NUL, a target with spaces or controls.
 */
function checkRequest(r: ImportedRequest, where: string): void {
  const show = (s: string): string => JSON.stringify(s.slice(0, 60))
  if (!TOKEN.test(r.method))
    throw new ImportError(
      `${where}the method ${show(r.method)} is not an HTTP method (letters, digits and !#$%&'*+-.^_\`|~ only).`
    )
  if (!r.target.startsWith('/') && r.target !== '*')
    throw new ImportError(`${where}the target ${show(r.target)} is not a path.`)
  if (BAD_TARGET.test(r.target))
    throw new ImportError(`${where}the target ${show(r.target)} has spaces or control characters.`)
  for (const [name, value] of r.rawHeaders) {
    if (!TOKEN.test(name))
      throw new ImportError(`${where}the header name ${show(name)} is not a valid HTTP header name.`)
    if (BAD_VALUE.test(value))
      throw new ImportError(`${where}the ${show(name)} header's value has a line break or control character.`)
  }
}
