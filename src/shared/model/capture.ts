import type { HttpRequest, RawHeaders } from './http'
export type { RawHeaders } from './http'

export interface CaptureReply {
  status: number
  headers: RawHeaders
  body: string
}

/**
 * A capture's signature verdict with stored keys: valid / invalid / unsigned (an endpoint that expects a
 * signature got none) / no-key / key-locked (its keys wait for the vault passphrase) / not-covered
 * (valid, but the body is not signed).
 */
export const VERDICTS = ['valid', 'invalid', 'unsigned', 'no-key', 'key-locked', 'not-covered'] as const
export type Verdict = (typeof VERDICTS)[number]

/** What the list shows: everything but the bodies. */
export interface CaptureSummary {
  id: number
  receivedAt: number
  method: string
  /** The request target exactly as sent (path + query), never normalised. */
  target: string
  contentType: string | null
  /** Length of the body as sent; larger than the stored bytes when truncated. */
  bodySize: number
  truncated: boolean
  replyStatus: number
  /** Detected signature scheme id (e.g. stripe, apsdai), or null. */
  provider: string | null
  /** Event name from a header or the body (order_pay_hook, payment_intent.succeeded), or null. */
  event: string | null
  /** The endpoint that caught it (null: the default endpoint). */
  endpointId: number | null
  /** Signature verdict with stored keys (at capture time, or re-verified since), or null when nothing was checked. */
  verdict: Verdict | null
  verdictReason: string | null
  /** The same signature was seen on an earlier capture: a possible replay. */
  replay: boolean
  /** Kept by retention. */
  pinned?: boolean
  /** Brought in from elsewhere rather than received: what it was read from. */
  imported?: ImportFormat | null
  /** Live forwarding: the target's status, or why it could not be reached (null: not forwarded). */
  forward?: { status: number | null; error: string | null } | null
}

export type ImportFormat = 'http' | 'curl' | 'har'

/** A stored capture: the request (see HttpRequest) with how it arrived and what was answered. */
export interface CapturedRequest extends CaptureSummary, HttpRequest {
  httpVersion: string
  remoteAddress: string
  remotePort: number
  reply: CaptureReply
}

export interface CapturePage {
  items: CaptureSummary[]
  /** Pass back to get the next (older) page; null when there is none. */
  nextCursor: number | null
}

export interface ListQuery {
  cursor?: number | null
  limit?: number
  search?: string
  /** Only captures with this verdict. */
  verdict?: Verdict
  /** Only captures caught by this endpoint. */
  endpointId?: number
  /** Only captures of this event name (compare with the previous delivery of an event). */
  event?: string
  /** Only captures newer than this id: a live search tests just the rows that arrived (no re-run). */
  after?: number
  /** Rows to skip before the page (the whole-store list fetches the window it shows). */
  offset?: number
  /** Count `offset` from the oldest capture instead of the newest (the page is still newest first). */
  fromOldest?: boolean
  /** Only captures received after this time (ms): counting them gives the list index of a time. */
  receivedAfter?: number
}

export type StoreUpkeep = 'clearing' | 'reclaiming' | 'retention' | null

export interface ListenerStatus {
  listening: boolean
  url: string | null
  host: string
  port: number
  error: string | null
  captureCount: number
  /** Work the store does in the background: the rows a Clear all hid, disk space going back, retention's backlog. */
  storeUpkeep?: StoreUpkeep
  dataDir: string
  /** The public URL of the capture port, when a tunnel (ssh, cloudflared, ngrok) is configured. */
  tunnel?: TunnelState | null
}

/** Which tunnel to start: ngrok | cloudflared | ssh://USER@HOST[:PORT], with the SSH identity and known_hosts files. */
export interface TunnelSpec {
  tunnel: string
  identityFile?: string
  knownHostsFile?: string
  /**
   * A permanent address: ngrok's reserved domain, or a Cloudflare named tunnel's public hostname (its
   * token: the key named "cloudflared"); for SSH, the host name a server puts in front of the fixed port.
   */
  publicHost?: string
  /** SSH: the port opened on the server, the same every time (none: the server picks one per start). */
  remotePort?: number
}

export interface TunnelState {
  /** ssh, cloudflared or ngrok. */
  provider: string
  status: 'connecting' | 'online' | 'reconnecting' | 'failed' | 'stopped'
  publicUrl: string | null
  /** The URL that stays across restarts (reserved domain, named tunnel, fixed SSH port), also while down; null for a URL new each start. */
  permanentUrl: string | null
  /** Why it is reconnecting or failed, in the tool's words. */
  reason: string | null
}

export const MAX_PAGE_SIZE = 500
