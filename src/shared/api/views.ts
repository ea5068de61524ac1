// The shapes the API's methods take and give beyond the models (contract.ts re-exports them).
import type { CaptureSummary, ListQuery } from '../model/capture'
import type { KeySummary } from '../model/vault'
import type { ExportFormat } from '../http/export'

/** A signing certificate fetched (or found in Keys): the key it became, where from, and what it says. */
export interface CertificateFetch {
  key: KeySummary
  url: string
  /** The certificate's subject and last valid day (null when it was already in Keys). */
  subject: string | null
  validTo: string | null
  cached: boolean
}

/** What an export selects: these ids, else the captures this filter selects (all without one). */
export type ExportFilter = Pick<ListQuery, 'search' | 'verdict' | 'endpointId' | 'event'>
export interface ExportRequest {
  format: ExportFormat
  ids?: number[]
  filter?: ExportFilter
  includeSecrets?: boolean
  /** The cursor the previous page returned; none for the first. */
  cursor?: number | null
}
export interface ExportPage {
  text: string
  /** Captures in this page's text. */
  exported: number
  /** How many the export selects: on the first page only. */
  total: number | null
  /** Ask again with it; null when this was the last page. */
  cursor: number | null
}

export interface ComposedRequest {
  method: string
  url: string
  headers: [string, string][]
  body: Uint8Array
}

export interface ComposeOptions {
  /** Sign at send time with a stored key (fresh timestamp and id). */
  sign?: { scheme: string; keyId: number; params?: Record<string, string> } | null
  /** Build and sign only: return the exact request without sending it. */
  dryRun?: boolean
  insecureTls?: boolean
  timeoutMs?: number
}

export interface ComposeResult {
  /** The request exactly as it goes on the wire (signature headers included). */
  request: ComposedRequest
  signedContent: Uint8Array | null
  response: {
    status: number | null
    headers: [string, string][]
    body: Uint8Array
    timings: { firstByteMs: number; totalMs: number }
    error: string | null
  } | null
  historyId: number | null
}

export interface ProbeReportView {
  scheme: string
  url: string
  passed: boolean
  cases: {
    name: string
    description: string
    expected: 'accept' | 'reject' | 'reject-ideally'
    applicable: boolean
    status: number | null
    error: string | null
    accepted: boolean
    verdict: 'pass' | 'fail' | 'warn' | 'n/a'
  }[]
}

export interface SentSummary {
  id: number
  sentAt: number
  method: string
  url: string
  status: number | null
  error: string | null
}

export interface ReplayResultView {
  id: number
  status: number | null
  error: string | null
  ms: number
  /** What the receiver answered, for a single replay (body capped at 64 KiB; `size` is the whole length). */
  response?: { headers: [string, string][]; body: Uint8Array; size: number }
}

export interface ImportResultView {
  /** What the input was read as. */
  format: 'http' | 'curl' | 'har'
  captures: CaptureSummary[]
  /** What to know about the input: entries skipped and why, a Content-Length that disagrees with the body. */
  notes: string[]
}

export interface DecodedBodyView {
  body: Uint8Array
  encodings: string[]
  error: string | null
}

/** An Amazon SNS subscription confirmed: the SubscribeURL visited and the subscription it made, as SNS said. */
export interface SubscriptionConfirmed {
  url: string
  subscriptionArn: string | null
}
