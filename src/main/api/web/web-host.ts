import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  CHANNEL_TO_METHOD,
  HOST_EVENT_NAMES,
  WEB_API_PREFIX,
  WEB_EVENTS_PATH,
  WEB_TOKEN_HEADER,
  type ApiResponse,
  type HookscopeMethodName,
  type HookscopeMethods
} from '@shared/api/contract'
import { fromWire, toWire, toWireFrames, WIRE_BYTES_TYPE } from '@shared/api/wire'
import type { CoreEvents } from '../../services/core'
import { dispatch, toApiError } from '../dispatch'
import { baseHeaders, RequestGate } from './security'
import { loadStatic } from './static-files'

export const DEFAULT_UI_PORT = 8788
const MAX_API_BODY = 1024 * 1024
/**
 * Calls that carry bodies as base64 (4/3 of the bytes) take what their validator allows: an import up
 * to 50 MiB, a composed or probe request up to 25 MiB.
 */
const LARGE_API_BODY: Partial<Record<HookscopeMethodName, number>> = {
  importCaptures: Math.ceil((50 * 1024 * 1024 * 4) / 3) + MAX_API_BODY,
  sendRequest: Math.ceil((25 * 1024 * 1024 * 4) / 3) + MAX_API_BODY,
  probeReceiver: Math.ceil((25 * 1024 * 1024 * 4) / 3) + MAX_API_BODY
}

export interface WebHostOptions {
  methods: HookscopeMethods
  events: CoreEvents
  rendererDir: string
  host?: string
  port?: number
  /** Per-launch secret; random when not given. */
  token?: string
}

/**
 * Web mode: serves the built renderer and the HookscopeApi over HTTP (calls) and a
 * WebSocket (events) on loopback, behind the request gate.
 */
export class WebHost {
  readonly token: string
  private server: Server | null = null
  private wss: WebSocketServer | null = null
  private gate: RequestGate | null = null
  private port = 0

  constructor(private readonly options: WebHostOptions) {
    this.token = options.token ?? randomBytes(24).toString('base64url')
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The address to open in a browser: carries the token once; the page then drops it from the URL. */
  get openUrl(): string {
    return `${this.url}/?token=${this.token}`
  }

  async start(): Promise<{ url: string; openUrl: string }> {
    const host = this.options.host ?? '127.0.0.1'
    const server = createServer((req, res) => void this.handle(req, res))
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head))
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new Error(
            err.code === 'EADDRINUSE'
              ? `UI port ${this.options.port ?? DEFAULT_UI_PORT} on ${host} is already in use. Choose another with --ui ${host}:<port>.`
              : `Cannot serve the UI on ${host}: ${err.message}`
          )
        )
      )
      server.listen(this.options.port ?? DEFAULT_UI_PORT, host, () => resolve())
    })
    this.port = (server.address() as AddressInfo).port
    this.gate = new RequestGate(this.port, this.token)
    this.server = server
    this.wss = wss
    return { url: this.url, openUrl: this.openUrl }
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate()
    this.wss?.close()
    const server = this.server
    this.server = null
    if (!server) return
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  private refuse(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, {
      ...baseHeaders(this.port),
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store'
    })
    res.end(message + '\n')
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gate = this.gate!
    if (!gate.hostAllowed(req)) return this.refuse(res, 403, 'Forbidden host')
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith(WEB_API_PREFIX)) return this.api(req, res, path.slice(WEB_API_PREFIX.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.refuse(res, 405, 'Method not allowed')
    const file = await loadStatic(this.options.rendererDir, path, String(req.headers['accept-encoding'] ?? ''))
    if (!file) return this.refuse(res, 404, 'Not found')
    res.writeHead(200, {
      ...baseHeaders(this.port),
      'Content-Type': file.type,
      // Built assets carry their content hash in the name: they never change, so they are cached for good.
      'Cache-Control': file.type.startsWith('text/html')
        ? 'no-store'
        : path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'max-age=3600',
      Vary: 'Accept-Encoding',
      'Content-Length': file.body.length,
      ...(file.encoding ? { 'Content-Encoding': file.encoding } : {})
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  private async api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const gate = this.gate!
    if (req.method !== 'POST') return this.refuse(res, 405, 'Method not allowed')
    if (!gate.originAllowed(req)) return this.refuse(res, 403, 'Forbidden origin')
    if (!gate.tokenValid(req.headers[WEB_TOKEN_HEADER] as string | undefined))
      return this.refuse(res, 401, 'Missing or wrong token')
    // A cross-site form can send text/plain without a preflight; only JSON is accepted.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return this.refuse(res, 415, 'Expected application/json')
    const method = CHANNEL_TO_METHOD[channel]
    if (!method) return this.refuse(res, 404, 'Unknown method')

    const chunks: Buffer[] = []
    let size = 0
    const max = LARGE_API_BODY[method] ?? MAX_API_BODY
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > max)
        return this.refuse(res, 413, `Request too large: ${method} takes at most ${Math.floor(max / 1024 / 1024)} MiB.`)
      chunks.push(chunk)
    }
    let reply: ApiResponse<unknown>
    try {
      const parsed = fromWire<{ args?: unknown }>(Buffer.concat(chunks).toString('utf8'))
      const args = Array.isArray(parsed?.args) ? parsed.args : []
      reply = { ok: true, value: await dispatch(this.options.methods, method, args) }
    } catch (err) {
      reply = { ok: false, error: toApiError(err) }
    }
    const frames = toWireFrames(reply)
    if (!frames) {
      res.writeHead(200, { ...baseHeaders(this.port), 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(toWire(reply))
      return
    }
    // Bodies go out as their own bytes, written in place (see WIRE_BYTES_TYPE).
    const length = frames.reduce((n, f) => n + f.length, 0)
    res.writeHead(200, {
      ...baseHeaders(this.port),
      'Content-Type': WIRE_BYTES_TYPE,
      'Content-Length': length,
      'Cache-Control': 'no-store'
    })
    for (const f of frames) res.write(f)
    res.end()
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const gate = this.gate
    const url = new URL(req.url ?? '/', 'http://placeholder')
    const allowed =
      gate !== null &&
      url.pathname === WEB_EVENTS_PATH &&
      gate.hostAllowed(req) &&
      gate.originAllowed(req) &&
      gate.tokenValid(url.searchParams.get('token'))
    if (!allowed || !this.wss) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.subscribe(ws))
  }

  private subscribe(ws: WebSocket): void {
    const offs = HOST_EVENT_NAMES.map((event) =>
      this.options.events.on(event, (payload) => {
        if (ws.readyState === ws.OPEN) ws.send(toWire({ event, payload }))
      })
    )
    ws.on('close', () => offs.forEach((off) => off()))
    ws.on('message', () => ws.close(1008, 'This socket only sends'))
  }
}
