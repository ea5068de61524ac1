import {
  EVENT_NAMES,
  METHOD_CHANNELS,
  WEB_API_PREFIX,
  WEB_EVENTS_PATH,
  WEB_TOKEN_HEADER,
  type ApiResponse,
  type HookscopeApi,
  type HookscopeEventName,
  type HookscopeEvents,
  type HookscopeMethodName,
  type HookscopeMethods
} from './contract'
import { fromWire, readWireResponse, toWire } from './wire'
import { HookscopeError } from '../errors'

export interface WebClientOptions {
  /** e.g. http://127.0.0.1:8788 */
  baseUrl: string
  token: string
  /** Delay before reconnecting the event socket; grows up to 5 s. */
  reconnectMs?: number
  /** Transport seams for non-browser callers (tests in Node, whose fetch and WebSocket send no Origin). */
  fetch?: typeof fetch
  openSocket?: (url: string) => WebSocket
}

type Listener = (payload: unknown) => void

type Fetch = NonNullable<WebClientOptions['fetch']>

/** One API call as an HTTP POST with the launch token; a refusal or an error reply is a HookscopeError. */
function httpCalls(options: WebClientOptions, doFetch: Fetch) {
  const post = (channel: string, args: unknown[]) =>
    doFetch(new URL(WEB_API_PREFIX + channel, options.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [WEB_TOKEN_HEADER]: options.token },
      body: toWire({ args })
    })
  return {
    async call(channel: string, args: unknown[]): Promise<unknown> {
      const res = await post(channel, args)
      if (!res.ok) throw new HookscopeError(`http-${res.status}`, (await res.text()).trim() || `HTTP ${res.status}`)
      const reply = await readWireResponse<ApiResponse<unknown>>(res)
      if (!reply.ok) throw new HookscopeError(reply.error.code, reply.error.message)
      return reply.value
    },
    /** Whether the host is up and refuses this token (rather than down). */
    async tokenRejected(): Promise<boolean> {
      try {
        return (await post(METHOD_CHANNELS.getStatus, [])).status === 401
      } catch {
        return false
      }
    }
  }
}

/**
 * The host's events over one WebSocket, reconnecting with a growing delay; `connection:state` says
 * when it is down, since when, how many tries — or that the host no longer knows this token.
 */
function eventSocket(options: WebClientOptions, tokenRejected: () => Promise<boolean>) {
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url))
  const listeners = new Map<HookscopeEventName, Set<Listener>>(EVENT_NAMES.map((e) => [e, new Set()]))
  const emit = (event: HookscopeEventName, payload: unknown): void => {
    for (const l of listeners.get(event) ?? []) l(payload)
  }
  let connected = false
  let waiters: (() => void)[] = []
  let socket: WebSocket | null = null
  let closed = false
  let delay = options.reconnectMs ?? 250
  let retry: ReturnType<typeof setTimeout> | null = null
  // While down: since when, and how many reconnects were tried (said in the window's banner).
  let downSince = 0
  let attempt = 0
  const again = (): void => {
    emit('connection:state', { connected: false, since: downSince, attempt, retryInMs: delay })
    attempt++
    retry = setTimeout(connect, delay)
    delay = Math.min(delay * 2, 5000)
  }
  const onClose = (): void => {
    const wasConnected = connected
    if (connected) downSince = Date.now()
    connected = false
    if (closed) return
    if (wasConnected) return again()
    // A refused reconnect: a host that restarted has a new token, and this one will never work again.
    void tokenRejected().then((rejected) => {
      if (closed) return
      if (!rejected) return again()
      emit('connection:state', { connected: false, tokenRejected: true })
    })
  }
  function connect(): void {
    if (closed) return
    const url = new URL(WEB_EVENTS_PATH, options.baseUrl)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.searchParams.set('token', options.token)
    const ws = openSocket(url.toString())
    socket = ws
    ws.onopen = () => {
      delay = options.reconnectMs ?? 250
      attempt = 0
      connected = true
      for (const w of waiters.splice(0)) w()
      emit('connection:state', { connected: true })
    }
    ws.onmessage = (msg: MessageEvent) => {
      if (typeof msg.data !== 'string') return
      const { event, payload } = fromWire<{ event: HookscopeEventName; payload: unknown }>(msg.data)
      emit(event, payload)
    }
    ws.onclose = onClose
  }
  connect()
  return {
    listeners,
    whenConnected: (): Promise<void> =>
      connected ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    close(): void {
      waiters = []
      closed = true
      if (retry) clearTimeout(retry)
      socket?.close()
    }
  }
}

/**
 * HookscopeApi over web mode's HTTP + WebSocket transport. Uses only fetch and WebSocket,
 * so the same code runs in the browser and in Node 24 (tests).
 */
export function createWebClient(
  options: WebClientOptions
): HookscopeApi & { close(): void; whenConnected(): Promise<void> } {
  const http = httpCalls(options, options.fetch ?? ((input, init) => fetch(input, init)))
  const events = eventSocket(options, () => http.tokenRejected())
  const methods = Object.fromEntries(
    (Object.entries(METHOD_CHANNELS) as [HookscopeMethodName, string][]).map(([name, channel]) => [
      name,
      (...args: unknown[]) => http.call(channel, args)
    ])
  ) as unknown as HookscopeMethods
  return {
    ...methods,
    on<E extends HookscopeEventName>(event: E, listener: (payload: HookscopeEvents[E]) => void): () => void {
      const set = events.listeners.get(event)!
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
    whenConnected: events.whenConnected,
    close: events.close
  }
}
