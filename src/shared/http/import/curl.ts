import { bytesToBase64, concatBytes } from '../../bytes'
import { shellWords } from './shell-words'
import { encodeUrlencodeArg, printfBytes, stripNewlines } from './curl-text'
import { ImportError, type ImportedRequest } from './types'

export interface CurlImportOptions {
  /** curl's version for its default User-Agent (`curl/<version>`), as the host's curl reports it. */
  curlVersion: string
}

const IGNORED_FLAGS = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '--compressed-ssh',
  '-f',
  '--fail',
  '--fail-with-body',
  '--http1.1',
  '--no-progress-meter',
  '-N',
  '--no-buffer',
  '-g',
  '--globoff'
])
const IGNORED_WITH_VALUE = new Set([
  '-m',
  '--max-time',
  '--connect-timeout',
  '-o',
  '--output',
  '-w',
  '--write-out',
  '--retry',
  '--resolve',
  '--connect-to',
  '--cacert',
  '--proxy',
  '-x',
  '--max-redirs'
])
const DATA_FLAGS = new Set(['-d', '--data', '--data-ascii', '--data-raw', '--data-binary', '--data-urlencode'])
const NEEDS_VALUE = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-u',
  '--user',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '--url',
  '--json',
  ...DATA_FLAGS,
  ...IGNORED_WITH_VALUE
])

/** The words of the curl command, and the bytes a printf or echo piped into it gives as stdin. */
function curlWords(command: string): { words: string[]; stdin: Uint8Array | null } {
  let tokens = shellWords(command.trim())
  let stdin: Uint8Array | null = null
  const pipe = tokens.findIndex((t) => 'pipe' in t)
  if (pipe >= 0) {
    const producer = tokens.slice(0, pipe).map((t) => ('word' in t ? t.word : '|'))
    if (producer[0] === 'printf' && producer.length === 2) stdin = printfBytes(producer[1]!)
    else if (producer[0] === 'echo' && producer.length >= 2) {
      const noNewline = producer[1] === '-n'
      stdin = new TextEncoder().encode(producer.slice(noNewline ? 2 : 1).join(' ') + (noNewline ? '' : '\n'))
    } else throw new ImportError('Only "printf \'…\' | curl …" or "echo … | curl …" can feed curl a body here.')
    tokens = tokens.slice(pipe + 1)
  }
  const words = tokens.map((t) => {
    if ('pipe' in t) throw new ImportError('Paste one curl command (a second pipe was found).')
    return t.word
  })
  if (words[0] !== 'curl') throw new ImportError('This is not a curl command (it must start with "curl").')
  return { words, stdin }
}

/** What a curl command line says, option by option. */
interface CurlOptions {
  method: string | null
  url: string | null
  user: string | null
  userAgent: string | null
  referer: string | null
  cookie: string | null
  get: boolean
  head: boolean
  json: boolean
  /** -H headers in order: a null value drops a default header. */
  custom: [string, string | null][]
  data: { bytes: Uint8Array; binary: boolean }[]
}

/** The options of a curl command line (files are refused: a pasted command never touches the disk). */
function curlOptions(words: string[], stdin: Uint8Array | null, curlVersion: string): CurlOptions {
  let method: string | null = null
  let url: string | null = null
  let user: string | null = null
  let userAgent: string | null = `curl/${curlVersion}`
  let referer: string | null = null
  let cookie: string | null = null
  let get = false
  let head = false
  let json = false
  const custom: [string, string | null][] = []
  const data: { bytes: Uint8Array; binary: boolean }[] = []

  for (let i = 1; i < words.length; i++) {
    let w = words[i]!
    let value: string | undefined
    if (w.startsWith('--') && w.includes('=') && NEEDS_VALUE.has(w.slice(0, w.indexOf('=')))) {
      value = w.slice(w.indexOf('=') + 1)
      w = w.slice(0, w.indexOf('='))
    } else if (/^-[A-Za-z]./.test(w) && NEEDS_VALUE.has(w.slice(0, 2))) {
      value = w.slice(2)
      w = w.slice(0, 2)
    }
    const take = (): string => {
      if (value !== undefined) return value
      const v = words[++i]
      if (v === undefined) throw new ImportError(`${w} needs a value.`)
      return v
    }
    if (!w.startsWith('-') || w === '-') {
      if (url) throw new ImportError('The command names more than one URL; paste one request.')
      url = w
    } else if (w === '--url') url = take()
    else if (w === '-X' || w === '--request') method = take()
    else if (w === '-H' || w === '--header') {
      const h = take()
      if (h.startsWith('@')) throw new ImportError('-H @file reads a file; paste the headers instead.')
      const colon = h.indexOf(':')
      const semi = h.indexOf(';')
      if (colon > 0 && (semi < 0 || colon < semi)) custom.push([h.slice(0, colon), h.slice(colon + 1).trim() || null])
      else if (semi > 0 && h.slice(semi + 1).trim() === '') custom.push([h.slice(0, semi), ''])
      else throw new ImportError(`-H "${h}" is not a header (Name: value).`)
    } else if (DATA_FLAGS.has(w)) {
      const v = take()
      const raw = w === '--data-raw'
      if (!raw && v.startsWith('@')) {
        if (v === '@-' && stdin)
          data.push({ bytes: w === '--data-binary' ? stdin : stripNewlines(stdin), binary: true })
        else throw new ImportError(`${w} ${v} reads a file; paste the body instead (or use --data-raw).`)
      } else if (w === '--data-urlencode')
        data.push({ bytes: new TextEncoder().encode(encodeUrlencodeArg(v)), binary: false })
      else
        data.push({
          bytes: new TextEncoder().encode(w === '--data-binary' || raw ? v : v.replace(/[\r\n]/g, '')),
          binary: false
        })
    } else if (w === '--json') {
      const v = take()
      if (v.startsWith('@')) throw new ImportError('--json @file reads a file; paste the body instead.')
      json = true
      data.push({ bytes: new TextEncoder().encode(v), binary: true })
    } else if (w === '-u' || w === '--user') user = take()
    else if (w === '-A' || w === '--user-agent') userAgent = take() || null
    else if (w === '-e' || w === '--referer') referer = take()
    else if (w === '-b' || w === '--cookie') {
      const v = take()
      if (!v.includes('='))
        throw new ImportError('-b with a file name reads a cookie file; paste "name=value" instead.')
      cookie = v
    } else if (w === '-G' || w === '--get') get = true
    else if (w === '-I' || w === '--head') head = true
    else if (w === '-F' || w === '--form' || w === '-T' || w === '--upload-file' || w === '-K' || w === '--config')
      throw new ImportError(
        `${w} is not supported here (it builds the body from files); paste the raw request instead.`
      )
    else if (IGNORED_WITH_VALUE.has(w)) take()
    else if (!IGNORED_FLAGS.has(w) && !/^-[sSvikLfgN]+$/.test(w) && w !== '--compressed')
      throw new ImportError(`curl option ${w} is not understood here.`)
  }
  return { method, url, user, userAgent, referer, cookie, get, head, json, custom, data }
}

/** The headers curl sends, in its order (see importCurl). */
function curlHeaders(o: CurlOptions, parsed: URL, body: Uint8Array, hasBody: boolean): [string, string][] {
  const { user, userAgent, referer, cookie, json, custom } = o
  const lower = (n: string): string => n.toLowerCase()
  const customNamed = (n: string): boolean => custom.some(([c]) => lower(c) === n)
  const headers: [string, string][] = []
  const customHost = custom.find(([c, v]) => lower(c) === 'host' && v !== null)
  if (!customNamed('host')) headers.push(['Host', parsed.host])
  else if (customHost) headers.push([customHost[0], customHost[1]!])
  if (user !== null && !customNamed('authorization')) {
    // -u is taken literally (no percent-decoding), as curl does.
    headers.push([
      'Authorization',
      `Basic ${bytesToBase64(new TextEncoder().encode(user.includes(':') ? user : `${user}:`))}`
    ])
  }
  if (userAgent && !customNamed('user-agent')) headers.push(['User-Agent', userAgent])
  const extra: [string, string][] = json
    ? [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json']
      ]
    : []
  if (!customNamed('accept') && !json) headers.push(['Accept', '*/*'])
  if (referer !== null && !customNamed('referer')) headers.push(['Referer', referer])
  if (cookie !== null && !customNamed('cookie')) headers.push(['Cookie', cookie])
  for (const [n, v] of [...extra.filter(([n]) => !customNamed(lower(n))), ...custom]) {
    if (lower(n) === 'host' || v === null) continue
    headers.push([n, v])
  }
  if (hasBody && !customNamed('content-length')) headers.push(['Content-Length', String(body.length)])
  if (hasBody && !json && !customNamed('content-type'))
    headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
  return headers
}

/**
 * The request a curl command line would send, header for header as curl orders them: Host,
 * Authorization (-u), User-Agent, Accept, Referer, Cookie, then the -H headers in order (one naming
 * a default replaces it; `Name:` drops it; `Name;` sends it empty), then Content-Length and the
 * default Content-Type. `printf '…' | curl --data-binary @-` is read too (Hookscope's own Copy as curl).
 * Options that read files (`@file`, -F, -T, -K) are refused: a pasted command never touches the disk.
 */
export function importCurl(command: string, { curlVersion }: CurlImportOptions): ImportedRequest {
  const { words, stdin } = curlWords(command)
  const o = curlOptions(words, stdin, curlVersion)
  const { method, url, get, head, data } = o
  if (!url) throw new ImportError('The command has no URL.')
  let parsed: URL
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`)
  } catch {
    throw new ImportError(`${JSON.stringify(url.slice(0, 80))} is not a valid URL.`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ImportError(`Only http and https URLs can be imported, not ${parsed.protocol}`)

  // Data parts are joined with '&'; -G moves them into the query.
  const AMP = new Uint8Array([0x26])
  let body = concatBytes(data.flatMap((d, n) => (n > 0 ? [AMP, d.bytes] : [d.bytes])))
  let target = parsed.pathname + parsed.search
  if (get && data.length) {
    target += (parsed.search ? '&' : '?') + new TextDecoder().decode(body)
    body = new Uint8Array()
  }
  const hasBody = data.length > 0 && !get
  const finalMethod = method ?? (head ? 'HEAD' : hasBody ? 'POST' : 'GET')

  const headers = curlHeaders(o, parsed, body, hasBody)
  return { method: finalMethod, target, httpVersion: '1.1', rawHeaders: headers, body }
}
