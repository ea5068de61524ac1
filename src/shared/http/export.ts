import type { CapturedRequest } from '../model/capture'
import { bytesToBase64 } from '../bytes'
import { headerValue, redactHeaders, redactTarget } from './headers'
import { utf8OrNull } from './text'

export interface ExportOptions {
  includeSecrets: boolean
}

/** One NDJSON line per capture: the exact bytes as base64, headers in wire order. */
export function captureToNdjson(c: CapturedRequest, opts: ExportOptions): string {
  return JSON.stringify({
    id: c.id,
    receivedAt: c.receivedAt,
    method: c.method,
    target: opts.includeSecrets ? c.target : redactTarget(c.target),
    httpVersion: c.httpVersion,
    rawHeaders: opts.includeSecrets ? c.rawHeaders : redactHeaders(c.rawHeaders),
    bodyBase64: bytesToBase64(c.body),
    bodySize: c.bodySize,
    truncated: c.truncated,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    reply: { status: c.reply.status, headers: c.reply.headers, body: c.reply.body }
  })
}

interface HarEntry {
  startedDateTime: string
  time: number
  request: Record<string, unknown>
  response: Record<string, unknown>
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
  comment?: string
}

function queryString(target: string): { name: string; value: string }[] {
  const q = target.indexOf('?')
  if (q < 0) return []
  const out: { name: string; value: string }[] = []
  for (const part of target.slice(q + 1).split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    out.push(eq < 0 ? { name: part, value: '' } : { name: part.slice(0, eq), value: part.slice(eq + 1) })
  }
  return out
}

function harEntry(c: CapturedRequest, opts: ExportOptions): HarEntry {
  const headers = (opts.includeSecrets ? c.rawHeaders : redactHeaders(c.rawHeaders)).map(([name, value]) => ({
    name,
    value
  }))
  const host = headerValue(c.rawHeaders, 'host') ?? 'localhost'
  const target = opts.includeSecrets ? c.target : redactTarget(c.target)
  const url = target.startsWith('/') ? `http://${host}${target}` : target
  const text = utf8OrNull(c.body)
  const mimeType = c.contentType ?? 'application/octet-stream'
  const postData =
    c.body.length === 0 && !c.truncated
      ? undefined
      : text !== null
        ? { mimeType, text }
        : { mimeType, text: bytesToBase64(c.body), encoding: 'base64' }
  const entry: HarEntry = {
    startedDateTime: new Date(c.receivedAt).toISOString(),
    time: 0,
    request: {
      method: c.method,
      url,
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: [],
      headers,
      queryString: queryString(target),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: c.bodySize
    },
    response: {
      status: c.reply.status,
      statusText: '',
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: [],
      headers: c.reply.headers.map(([name, value]) => ({ name, value })),
      content: { size: c.reply.body.length, mimeType: 'text/plain', text: c.reply.body },
      redirectURL: '',
      headersSize: -1,
      bodySize: c.reply.body.length
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 }
  }
  if (c.truncated) entry.comment = `body truncated: ${c.body.length} of ${c.bodySize} bytes stored`
  return entry
}

/** The three export formats: every capture's exact bytes (NDJSON), HAR 1.2, and a `.http` file of requests. */
export const EXPORT_FORMATS = ['har', 'ndjson', 'http'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A HAR log written in pieces (an export in pages): its opening, one entry each, its close. */
export function harOpen(version: string): string {
  return `{"log":{"version":"1.2","creator":${JSON.stringify({ name: 'Hookscope', version })},"entries":[\n`
}
export function harEntryText(c: CapturedRequest, opts: ExportOptions): string {
  return JSON.stringify(harEntry(c, opts))
}
export const HAR_CLOSE = '\n]}}\n'

/** HAR 1.2 log of captured (incoming) requests and the replies Hookscope sent. */
export function capturesToHar(captures: Iterable<CapturedRequest>, opts: ExportOptions, version: string): string {
  const entries: string[] = []
  for (const c of captures) entries.push(harEntryText(c, opts))
  return harOpen(version) + entries.join(',\n') + HAR_CLOSE
}

/**
 * One request of a `.http` file (the format of JetBrains' HTTP client and VS Code's REST Client):
 * `###` and what it was, the request line with its URL, headers, a blank line, the body. A body that is
 * not UTF-8 text cannot be written there: a comment says so (NDJSON and HAR carry the bytes).
 */
export function captureToHttpFile(c: CapturedRequest, opts: ExportOptions): string {
  const host = headerValue(c.rawHeaders, 'host') ?? 'localhost'
  const target = opts.includeSecrets ? c.target : redactTarget(c.target)
  const url = target.startsWith('/') ? `http://${host}${target}` : target
  const headers = (opts.includeSecrets ? c.rawHeaders : redactHeaders(c.rawHeaders)).map(([n, v]) => `${n}: ${v}`)
  const text = utf8OrNull(c.body)
  const lines = [
    `### #${c.id} · ${new Date(c.receivedAt).toISOString()}`,
    `${c.method} ${url} HTTP/${c.httpVersion}`,
    ...headers
  ]
  if (c.truncated) lines.splice(1, 0, `# body truncated: ${c.body.length} of ${c.bodySize} bytes stored`)
  if (c.body.length === 0) return lines.join('\n') + '\n\n'
  if (text === null)
    return (
      [...lines, '', `# body: ${c.body.length} bytes that are not UTF-8 text (NDJSON and HAR exports carry them)`].join(
        '\n'
      ) + '\n\n'
    )
  // A line of the body that starts a new request (###) would split it: such a body is left as a comment too.
  if (/^###/m.test(text))
    return (
      [
        ...lines,
        '',
        `# body: ${c.body.length} bytes with a line starting ### (NDJSON and HAR exports carry them)`
      ].join('\n') + '\n\n'
    )
  return [...lines, '', text].join('\n') + '\n\n'
}
