import * as v from 'valibot'
import { ImportError, type ImportedRequest } from './types'
import { base64ToBytes } from '../../bytes'

const Har = v.object({
  log: v.object({
    entries: v.array(
      v.object({
        startedDateTime: v.optional(v.string()),
        request: v.object({
          method: v.string(),
          url: v.string(),
          httpVersion: v.optional(v.string()),
          headers: v.array(v.object({ name: v.string(), value: v.string() })),
          postData: v.optional(
            v.object({
              mimeType: v.optional(v.string()),
              text: v.optional(v.string()),
              encoding: v.optional(v.string())
            })
          )
        })
      })
    )
  })
})

/**
 * The requests of a HAR file (browser devtools, proxies, Hookscope's CLI export): headers in their
 * order, the body from postData (base64 when the HAR says so), the entry's start time kept. HTTP/2
 * pseudo-headers become the request line and Host.
 */
export function importHar(text: string): { requests: ImportedRequest[]; notes: string[] } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ImportError(`Not a HAR file: ${(e as Error).message}`)
  }
  if (!Array.isArray((json as { log?: { entries?: unknown } } | null)?.log?.entries))
    throw new ImportError('Not a HAR file: no log.entries.')
  const parsed = v.safeParse(Har, json)
  if (!parsed.success)
    throw new ImportError(
      `Not a HAR file: ${parsed.issues[0].message} at ${v.getDotPath(parsed.issues[0]) ?? 'the top'}`
    )
  const notes: string[] = []
  const requests: ImportedRequest[] = []
  parsed.output.log.entries.forEach((e, n) => {
    let url: URL
    try {
      url = new URL(e.request.url)
    } catch {
      notes.push(`Entry ${n + 1}: "${e.request.url.slice(0, 80)}" is not a URL; skipped.`)
      return
    }
    const pseudo = new Map(e.request.headers.filter((h) => h.name.startsWith(':')).map((h) => [h.name, h.value]))
    const headers: [string, string][] = e.request.headers
      .filter((h) => !h.name.startsWith(':'))
      .map((h) => [h.name, h.value])
    if (!headers.some(([name]) => name.toLowerCase() === 'host'))
      headers.unshift(['Host', pseudo.get(':authority') ?? url.host])
    const pd = e.request.postData
    let body: Uint8Array
    try {
      body =
        pd?.text === undefined
          ? new Uint8Array()
          : pd.encoding === 'base64'
            ? base64ToBytes(pd.text.replace(/\s+/g, ''))
            : new TextEncoder().encode(pd.text)
    } catch {
      throw new ImportError(`Entry ${n + 1}: request.postData.text is marked base64 but is not valid base64.`)
    }
    const sentAt = e.startedDateTime ? Date.parse(e.startedDateTime) : NaN
    const named = /^HTTP\/(\d)(?:\.(\d))?$/i.exec(e.request.httpVersion ?? '')
    const version = named ? `${named[1]}.${named[2] ?? '0'}` : /^h2/i.test(e.request.httpVersion ?? '') ? '2.0' : '1.1'
    requests.push({
      method: e.request.method.toUpperCase(),
      target: pseudo.get(':path') ?? url.pathname + url.search,
      httpVersion: version,
      rawHeaders: headers,
      body,
      ...(Number.isFinite(sentAt) ? { sentAt } : {})
    })
  })
  if (requests.length === 0 && notes.length === 0) notes.push('The HAR file has no entries.')
  return { requests, notes }
}
