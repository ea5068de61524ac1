import { execFile } from 'node:child_process'
import type { ImportResultView } from '@shared/api/contract'
import { headerValue } from '@shared/http/headers'
import { importDeliveries } from '@shared/http/import'
import type { NewCapture } from '../store'
import type { Preparation } from './listener/capture-listener'
import type { CaptureSummary } from '@shared/model/capture'
import type { Settings } from '@shared/model/settings'
import { retainPolicy } from './retention'

/** curl's default User-Agent names its version; an imported command gets the host's curl's. */
let curlVersion: Promise<string> | null = null
const FALLBACK_CURL_VERSION = '8.11.1'

export function hostCurlVersion(): Promise<string> {
  curlVersion ??= new Promise((resolve) => {
    execFile('curl', ['--version'], { timeout: 5000 }, (err, stdout) => {
      resolve((!err && /^curl (\S+)/.exec(stdout)?.[1]) || FALLBACK_CURL_VERSION)
    })
  })
  return curlVersion
}

interface Deps {
  now: () => number
  /** The retention settings of the moment: imports it would remove (or that would push out the user's captures) are pinned. */
  retention: () => Pick<Settings, 'keepLast' | 'keepDays'>
  /** The endpoint's verdict for the request, as at capture time (its reply is not used). */
  prepare: (c: NewCapture) => Promise<Preparation> | null
  /** Provider and event of a capture no endpoint prepared: the same detection as the listener's. */
  describe: (c: NewCapture) => Pick<NewCapture, 'provider' | 'event'>
  record: (captures: NewCapture[]) => Promise<CaptureSummary[]> | CaptureSummary[]
}

/** What an imported capture "answered": nothing was answered, so the status is 0 and the reply empty. */
const NO_REPLY = { status: 0, headers: [], body: '' }

/**
 * Stores deliveries brought in by paste or file as captures marked imported: bytes as the source gives
 * them, verdicts from the endpoint whose path they match, the source's time where it has one.
 */
export async function importCaptures(deps: Deps, data: Uint8Array, name?: string): Promise<ImportResultView> {
  const r = importDeliveries(data, { curlVersion: await hostCurlVersion() })
  const captures: NewCapture[] = []
  for (const req of r.requests) {
    const c: NewCapture = {
      receivedAt: req.sentAt ?? deps.now(),
      method: req.method,
      target: req.target,
      httpVersion: req.httpVersion,
      rawHeaders: req.rawHeaders,
      contentType: headerValue(req.rawHeaders, 'content-type') ?? null,
      body: req.body,
      bodySize: req.body.length,
      truncated: false,
      remoteAddress: name ? `imported: ${name}` : 'imported',
      remotePort: 0,
      reply: NO_REPLY,
      imported: r.format
    }
    const prep = await deps.prepare(c)
    captures.push(prep ? { ...c, ...prep.extra } : { ...c, ...deps.describe(c) })
  }
  const kept = keepFromRetention(captures, deps.retention(), deps.now())
  const summaries = captures.length ? await deps.record(captures) : []
  return { format: r.format, captures: summaries, notes: kept ? [...r.notes, kept] : r.notes }
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/**
 * Retention must not take what an import just reported: captures older than "keep D days" would go in
 * the commit itself, and with "keep last N" each import would push out one of the user's own. Those
 * imports are pinned (retention skips pinned captures) and the note says so; unpinning lets it apply.
 */
export function keepFromRetention(
  captures: NewCapture[],
  settings: Pick<Settings, 'keepLast' | 'keepDays'>,
  now: number
): string | null {
  const policy = retainPolicy(settings, now)
  if (!policy || captures.length === 0) return null
  if (policy.keepLast > 0) {
    for (const c of captures) c.pinned = true
    return (
      `"Keep the last ${policy.keepLast}" is on: the ${plural(captures.length, 'imported capture is', 'imported captures are')} ` +
      `pinned, so retention neither removes them nor makes room for them by removing yours. Unpin them to let retention apply.`
    )
  }
  const old = captures.filter((c) => c.receivedAt < policy.beforeMs)
  for (const c of old) c.pinned = true
  if (old.length === 0) return null
  return (
    `${plural(old.length, 'imported capture is', 'imported captures are')} older than "delete after ` +
    `${settings.keepDays} days" and pinned so retention keeps them. Unpin to let it remove them.`
  )
}
