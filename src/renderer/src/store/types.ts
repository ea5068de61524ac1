import type {
  ComposedRequest,
  ComposeOptions,
  ComposeResult,
  DecodedBodyView,
  ExportRequest,
  HookscopeApi,
  ImportResultView,
  ProbeReportView,
  ReplayResultView,
  SentSummary
} from '@shared/api/contract'
import type {
  CapturedRequest,
  CaptureSummary,
  ListenerStatus,
  ListQuery,
  TunnelSpec,
  Verdict
} from '@shared/model/capture'
import type { Endpoint, EndpointInput, GenerateKind, KeySummary, VaultStatus } from '@shared/model/vault'
import type { Settings } from '@shared/model/settings'
import type { DiffSide } from '@shared/diff/request-diff'
import type { SchemeDefinition, VerifyResult } from '@shared/signatures'

export interface StatusSlice {
  status: ListenerStatus | null
  backendError: string | null
  /** False while the web-mode event socket is down; events may have been missed. */
  connected: boolean
  /** Web mode: the host is back but refuses this tab's token (it restarted with a new one). */
  tokenRejected: boolean
  /** While the socket is down: since when, reconnects tried, and when the next one is due (ms since epoch). */
  outage: { since: number; attempt: number; nextAt: number } | null
  /** A short note on what a shortcut did (copied, nothing to compare…), shown for a moment. */
  notice: { text: string; n: number } | null
  say(text: string): void
  refreshStatus(): Promise<void>
  connectionChanged(
    connected: boolean,
    tokenRejected?: boolean,
    outage?: { since?: number; attempt?: number; retryInMs?: number }
  ): void
}

/** Rows loaded somewhere below the head of the list (a jump, or the scrollbar dragged far down). */
export interface RowWindow {
  /** The list index of rows[0]. */
  start: number
  rows: CaptureSummary[]
}

/**
 * The list covers every capture the filter selects (`total`), but holds only the newest rows (`items`,
 * live arrivals go on top) and one window elsewhere — memory is bounded by what is shown, not by how
 * far the user scrolled. A row's index is its place from the newest.
 */
export interface CapturesSlice {
  items: CaptureSummary[]
  total: number
  window: RowWindow | null
  /** Rows inserted above the others so far (the list keeps its place when it grows above the view). */
  inserted: number
  search: string
  loading: boolean
  loadFirstPage(): Promise<void>
  /** Makes sure rows first..last are loaded (one window fetch when they are not). */
  ensureRows(first: number, last: number): Promise<void>
  /** The list index of the newest capture received at or before `time` (for "go to time"). */
  indexAtTime(time: number): Promise<number>
  /** Resolves once the first page of the results is in. */
  setSearch(search: string): Promise<void>
  capturesAdded(summaries: CaptureSummary[]): void
  /** `count`: the host's capture count after the removal (absolute: a status that already counted it is not counted twice). */
  capturesRemoved(ids: number[] | 'all', count?: number): void
  /** Removes it from the list now and deletes it after the undo window (UNDO_MS). */
  deleteCapture(id: number): Promise<void>
  /** The last deletion, while it can still be undone. */
  undo: { summary: CaptureSummary; index: number } | null
  undoDelete(): void
  /** Sends a pending deletion now (the undo window is cut short). */
  flushDelete(): Promise<void>
  /** Summaries changed in the store (re-verified verdicts). */
  capturesUpdated(summaries: CaptureSummary[]): void
  verdictFilter: ListQuery['verdict'] | null
  setVerdictFilter(verdict: ListQuery['verdict'] | null): void
  /** Stores pasted or dropped deliveries as captures (raw HTTP, curl, HAR). */
  importCaptures(data: Uint8Array, name?: string): Promise<ImportResultView>
  togglePin(id: number): Promise<void>
  clearAll(): Promise<void>
}

/** A capture by id, or a request that is not stored (the composer's, exactly as it would go out). */
export type CompareSide = number | { label: string; request: DiffSide }

export interface SelectionSlice {
  selectedId: number | null
  detail: CapturedRequest | null
  detailError: string | null
  /** The selected body with Content-Encoding undone (only for encoded bodies). */
  decoded: DecodedBodyView | null
  select(id: number | null): Promise<void>
  moveSelection(delta: number): void
  /** Selects the row at a list index (loading it first when needed): Home, End, go to time. */
  selectIndex(index: number): Promise<void>
  /** Two captures — or a capture and a composed request — side by side (left: the one compared against). */
  compare: { left: number; right: CompareSide } | null
  openCompare(left: number, right: CompareSide): void
  closeCompare(): void
  /** Compares with the previous delivery of the same event (or of the same endpoint); false when there is none. */
  compareWithPrevious(id: number): Promise<boolean>
  loadCapture(id: number): Promise<CapturedRequest | null>
  /** Captures picked together (shift-click a range, Ctrl/⌘-click one by one), newest first: compare two, export them. */
  marked: number[]
  /** Where a shift-click range starts: the last row clicked without Shift. */
  anchorId: number | null
  /** Marks the rows from the anchor to this one (at most MAX_MARKED) and moves the selection there. */
  markRange(id: number): Promise<void>
  /** Shift+↓/↑: the range grows or shrinks by a row. */
  extendSelection(delta: number): Promise<void>
  toggleMark(id: number): void
  clearMarks(): void
  /** A keyboard shortcut asked a panel of the selected capture's detail to take the focus; the panel uses it up. */
  panelRequest: { panel: DetailPanel; id: number } | null
  requestPanel(panel: DetailPanel): void
  panelDone(): void
}

export type DetailPanel = 'verify' | 'replay'

/** The views, in the sidebar's order: the captures (list + detail, or a comparison) and the setup views. */
export const VIEWS = ['captures', 'compose', 'keys', 'endpoints', 'schemes', 'settings'] as const
export type View = (typeof VIEWS)[number]

/** Dialogs over the window, one at a time; Esc closes it wherever the focus is. */
export type Overlay = 'export' | 'shortcuts' | 'import'

export interface SettingsSlice {
  view: View
  overlay: Overlay | null
  setOverlay(overlay: Overlay | null): void
  /** The last setup action's error, shown by the form that started it. */
  setupError: string | null
  setView(view: View): void
  refreshSetup(): Promise<void>
  loadSettings(): Promise<Settings>
  /** Saves settings; binding beyond loopback needs `allowNonLoopback` (the view asks first). True on success. */
  saveSettings(settings: Settings, allowNonLoopback: boolean): Promise<boolean>
  startTunnel(spec: TunnelSpec): Promise<boolean>
  stopTunnel(): Promise<boolean>
}

export interface KeysSlice {
  vault: VaultStatus | null
  keys: KeySummary[]
  importKey(name: string, material: string): Promise<boolean>
  generateKey(kind: GenerateKind, name: string): Promise<boolean>
  /** The secret, on an explicit user action (null when it cannot be opened; setupError says why). */
  revealKey(id: number): Promise<string | null>
  deleteKey(id: number): Promise<boolean>
  /** Gives the vault its passphrase (the first time, sets it); locked verdicts are re-checked by the host. */
  unlockVault(passphrase: string): Promise<boolean>
  keepKeysForSession(): Promise<boolean>
}

export interface EndpointsSlice {
  endpoints: Endpoint[]
  /** The user's own scheme definitions (built-ins come from the shared registry). */
  customSchemes: SchemeDefinition[]
  saveEndpoint(input: EndpointInput): Promise<boolean>
  deleteEndpoint(id: number): Promise<boolean>
  saveScheme(definition: unknown): Promise<boolean>
  deleteScheme(id: string): Promise<boolean>
  reverify(target: {
    ids?: number[]
    endpointId?: number
    verdict?: Verdict
  }): Promise<{ adopted: number; checked: number; changed: number; valid: number }>
  /** Capture first, set up after: the endpoint for a capture's path gets the scheme and key that checked it. */
  useForPath(input: Parameters<HookscopeApi['useForPath']>[0]): ReturnType<HookscopeApi['useForPath']>
  /** A key a provider's API returned: stored once (same fingerprint → the stored one) and bound to the endpoint. */
  bindReturnedKey(input: Parameters<HookscopeApi['bindReturnedKey']>[0]): ReturnType<HookscopeApi['bindReturnedKey']>
  /** On the user's request: the signing certificate a capture names, fetched by the host from a pinned host and kept in Keys. */
  fetchCertificate(input: Parameters<HookscopeApi['fetchCertificate']>[0]): ReturnType<HookscopeApi['fetchCertificate']>
  /** On the user's request: the host visits a captured SNS SubscriptionConfirmation's SubscribeURL. */
  confirmSubscription(
    input: Parameters<HookscopeApi['confirmSubscription']>[0]
  ): ReturnType<HookscopeApi['confirmSubscription']>
  /** Checks a capture with stored keys; the check runs in the backend, which holds the keys. */
  verifyStored(
    id: number,
    options: { scheme: string; keyIds: number[]; now?: number; params?: Record<string, string> }
  ): Promise<VerifyResult | null>
}

export interface ComposeSlice {
  composeSend(request: ComposedRequest, options: ComposeOptions): Promise<ComposeResult>
  loadHistory(): Promise<SentSummary[]>
  openSent(id: number): Promise<ComposeResult | null>
  probeReceiver(request: ComposedRequest, options: { scheme: string; keyId: number }): Promise<ProbeReportView>
  replay(
    ids: number[],
    options: { url: string; resign: { scheme: string; keyId: number } | null; concurrency?: number }
  ): Promise<ReplayResultView[]>
  /**
   * Every page of an export, in order; `progress` after each. Stops (null) when `cancelled` says so.
   * The text is the file: the host redacts it unless `includeSecrets`.
   */
  exportCaptures(
    request: Omit<ExportRequest, 'cursor'>,
    progress: (done: number, total: number) => void,
    cancelled: () => boolean
  ): Promise<string[] | null>
}

export type AppState = StatusSlice &
  CapturesSlice &
  SelectionSlice &
  SettingsSlice &
  KeysSlice &
  EndpointsSlice &
  ComposeSlice

/** Requests `run` before the next frame is painted; returns a cancel. */
export type NextFrame = (run: () => void) => () => void

export interface StoreDeps {
  api: HookscopeApi
  /** When batched live updates are applied (default: before the next frame, see create-store). */
  nextFrame?: NextFrame
}
