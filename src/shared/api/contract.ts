import type {
  CapturePage,
  CapturedRequest,
  CaptureSummary,
  ListenerStatus,
  ListQuery,
  TunnelSpec,
  TunnelState,
  Verdict
} from '../model/capture'
import type { Endpoint, EndpointInput, GenerateKind, KeySummary, VaultStatus } from '../model/vault'
import type { SchemeDefinition, VerifyResult } from '../signatures'
import type { Settings } from '../model/settings'
import type {
  CertificateFetch,
  ComposedRequest,
  ComposeOptions,
  ComposeResult,
  DecodedBodyView,
  ExportPage,
  ExportRequest,
  ImportResultView,
  ProbeReportView,
  ReplayResultView,
  SentSummary,
  SubscriptionConfirmed
} from './views'

/** Events pushed from the backend to the UI. */
export interface HookscopeEvents {
  'captures:added': CaptureSummary[]
  /** `count`: captures in the store after the removal — the one number the window's counts follow. */
  'captures:removed': { ids: number[] | 'all'; count?: number }
  /** Stored captures whose summary changed (a new verdict after re-verification). */
  'captures:updated': CaptureSummary[]
  'listener:status': ListenerStatus
  /**
   * The transport to the backend dropped or came back: emitted by the web client itself (its
   * WebSocket), never by the host; desktop IPC never drops, so there it is never emitted.
   */
  'connection:state': {
    connected: boolean
    tokenRejected?: boolean
    /** While down: when it dropped (ms), how many reconnects were tried, and when the next one is (ms from now). */
    since?: number
    attempt?: number
    retryInMs?: number
  }
}
/** Events only the transport emits, on the UI's side. */
type TransportEventName = 'connection:state'
export type HostEventName = Exclude<HookscopeEventName, TransportEventName>
export type HookscopeEventName = keyof HookscopeEvents

/** Request/response methods: the only way the UI talks to the backend. */
export interface HookscopeMethods {
  getStatus(): Promise<ListenerStatus>
  listCaptures(query: ListQuery): Promise<CapturePage>
  /** How many captures a query selects (the whole-store list's total). */
  countCaptures(query: ListQuery): Promise<number>
  getCapture(id: number): Promise<CapturedRequest | null>
  deleteCapture(id: number): Promise<boolean>
  /** Pinned captures are kept by retention. */
  pinCapture(id: number, pinned: boolean): Promise<boolean>
  clearCaptures(): Promise<number>
  /** The body with its Content-Encoding undone (display only; capped), or null if the capture is gone. */
  getDecodedBody(id: number): Promise<DecodedBodyView | null>
  vaultStatus(): Promise<VaultStatus>
  /** Seal secrets with a passphrase from now on (and open those it sealed before). */
  useVaultPassphrase(passphrase: string): Promise<VaultStatus>
  /** The user's answer to "how to keep keys": for this session only (the other answer is a passphrase). */
  keepKeysForSession(): Promise<VaultStatus>
  /** Capture first, set up after: this path's endpoint gets the checking scheme and key; earlier captures re-checked. */
  useForPath(input: {
    target: string
    scheme: string
    material?: string
    keyIds?: number[]
    params?: Record<string, string>
  }): Promise<{
    endpoint: Endpoint
    keyId: number | null
    keyReused: boolean
    reverified: { adopted: number; checked: number; changed: number; valid: number }
  }>
  /**
   * Checks captures again with their endpoint's current scheme and keys (these ids, or all of an
   * endpoint and/or verdict); changed summaries arrive as `captures:updated`. `adopted`: captures the
   * default endpoint caught under the endpoint's prefix, now its; `valid`: checked and valid now.
   */
  /** A key a provider's API returned (TruBit's publicKey): stored once (same fingerprint → the stored one) and bound to the endpoint. */
  bindReturnedKey(input: { endpointId: number; name: string; material: string }): Promise<{
    endpoint: Endpoint
    key: KeySummary
    reused: boolean
    alreadyBound: boolean
  }>
  reverifyCaptures(target: {
    ids?: number[]
    endpointId?: number
    verdict?: Verdict
  }): Promise<{ adopted: number; checked: number; changed: number; valid: number }>
  /**
   * Stores deliveries brought in from elsewhere (a raw HTTP request, a curl command, a HAR file) as
   * captures marked imported; byte-exact where the source carries the bytes.
   */
  importCaptures(input: { data: Uint8Array; name?: string }): Promise<ImportResultView>
  /** One page of an export (HAR 1.2, NDJSON or .http; redacted unless asked): call again with its cursor until null. */
  exportCaptures(request: ExportRequest): Promise<ExportPage>
  listKeys(): Promise<KeySummary[]>
  importKey(input: { name: string; material: string }): Promise<KeySummary>
  generateKey(input: { name: string; kind: GenerateKind }): Promise<KeySummary>
  /** The plaintext secret or private key: only on an explicit user action. */
  revealKey(id: number): Promise<string | null>
  deleteKey(id: number): Promise<boolean>
  listEndpoints(): Promise<Endpoint[]>
  saveEndpoint(input: EndpointInput): Promise<Endpoint>
  deleteEndpoint(id: number): Promise<boolean>
  /** Sends captures again: byte-exact, or re-signed with a stored key and a fresh timestamp. */
  replayCaptures(
    ids: number[],
    options: { url: string; resign?: { scheme: string; keyId: number } | null; concurrency?: number }
  ): Promise<ReplayResultView[]>
  /** Composer: sign (optionally) and send from the backend; kept in the history. */
  sendRequest(request: ComposedRequest, options: ComposeOptions): Promise<ComposeResult>
  listSent(): Promise<SentSummary[]>
  /** Sends a valid delivery and the classic forgeries to a receiver; reports which it accepted. */
  probeReceiver(
    request: ComposedRequest,
    options: { scheme: string; keyId: number; params?: Record<string, string> }
  ): Promise<ProbeReportView>
  getSent(id: number): Promise<ComposeResult | null>
  getSettings(): Promise<Settings>
  /** Saves settings; binding beyond loopback needs `allowNonLoopback` (the UI asks first). */
  updateSettings(settings: Settings, allowNonLoopback: boolean): Promise<Settings>
  /** Makes the capture port (never the UI) public through ngrok, cloudflared or ssh -R; replaces a running tunnel. */
  startTunnel(spec: TunnelSpec): Promise<TunnelState>
  stopTunnel(): Promise<void>
  /** User-defined signature schemes. */
  listSchemes(): Promise<SchemeDefinition[]>
  /** Validates and stores a definition; errors name the offending field. */
  saveScheme(definition: unknown): Promise<SchemeDefinition>
  deleteScheme(id: string): Promise<boolean>
  /**
   * On the user's request: fetches the signing certificate a capture names (PayPal, Amazon SNS) from a
   * host its scheme pins, over https, and keeps it in Keys; a second call for the same URL fetches nothing.
   */
  fetchCertificate(input: { id: number; scheme: string }): Promise<CertificateFetch>
  /** On the user's request: visits a captured SNS SubscriptionConfirmation's SubscribeURL (pinned hosts, https). */
  confirmSubscription(input: { id: number; scheme: string }): Promise<SubscriptionConfirmed>
  /** Verifies a capture with stored keys, in the main process / host (the keys never reach the UI). */
  verifyCapture(
    id: number,
    options: { scheme: string; keyIds: number[]; now?: number; params?: Record<string, string> }
  ): Promise<VerifyResult | null>
}

export type * from './views'

export type HookscopeMethodName = keyof HookscopeMethods

export interface HookscopeApi extends HookscopeMethods {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends HookscopeEventName>(event: E, listener: (payload: HookscopeEvents[E]) => void): () => void
}

/** `domain:verb` channel for each method; shared by IPC and the web-mode routes. */
export const METHOD_CHANNELS = {
  getStatus: 'app:status',
  listCaptures: 'captures:list',
  countCaptures: 'captures:count',
  getCapture: 'captures:get',
  deleteCapture: 'captures:delete',
  pinCapture: 'captures:pin',
  clearCaptures: 'captures:clear',
  getDecodedBody: 'captures:decode',
  vaultStatus: 'vault:status',
  useVaultPassphrase: 'vault:passphrase',
  keepKeysForSession: 'vault:session',
  reverifyCaptures: 'captures:reverify',
  useForPath: 'endpoints:use-for-path',
  bindReturnedKey: 'endpoints:bind-returned-key',
  importCaptures: 'captures:import',
  exportCaptures: 'captures:export',
  listKeys: 'keys:list',
  importKey: 'keys:import',
  generateKey: 'keys:generate',
  revealKey: 'keys:reveal',
  deleteKey: 'keys:delete',
  listEndpoints: 'endpoints:list',
  saveEndpoint: 'endpoints:save',
  deleteEndpoint: 'endpoints:delete',
  verifyCapture: 'captures:verify',
  fetchCertificate: 'captures:fetch-certificate',
  confirmSubscription: 'captures:confirm-subscription',
  listSchemes: 'schemes:list',
  saveScheme: 'schemes:save',
  deleteScheme: 'schemes:delete',
  getSettings: 'settings:get',
  replayCaptures: 'captures:replay',
  sendRequest: 'compose:send',
  listSent: 'compose:history',
  probeReceiver: 'compose:probe',
  getSent: 'compose:get',
  updateSettings: 'settings:update',
  startTunnel: 'tunnel:start',
  stopTunnel: 'tunnel:stop'
} as const satisfies Record<HookscopeMethodName, string>

/** What the host emits and the transports (IPC, WebSocket) carry to the window. */
export const HOST_EVENT_NAMES: readonly HostEventName[] = [
  'captures:added',
  'captures:removed',
  'captures:updated',
  'listener:status'
]
/** Everything a window can listen to: the host's events and the transport's own. */
export const EVENT_NAMES: readonly HookscopeEventName[] = [...HOST_EVENT_NAMES, 'connection:state']

export const METHOD_NAMES = Object.keys(METHOD_CHANNELS) as HookscopeMethodName[]

/** The error shape every transport returns for a failed call. */
export interface ApiErrorShape {
  code: string
  message: string
}

/** What a web-mode API call answers. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }

/** Web mode: where the API and events live, and the header that carries the launch token. */
export const WEB_API_PREFIX = '/api/'
export const WEB_EVENTS_PATH = '/api/events'
export const WEB_TOKEN_HEADER = 'x-hookscope-token'

export const CHANNEL_TO_METHOD: Readonly<Record<string, HookscopeMethodName>> = Object.fromEntries(
  (Object.entries(METHOD_CHANNELS) as [HookscopeMethodName, string][]).map(([m, c]) => [c, m])
)
