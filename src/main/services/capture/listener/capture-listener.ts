import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { HookscopeError } from '@shared/errors'
import { Admission } from './admission'
import { BodyBuffer } from './body-buffer'
import { DEFAULT_REPLY, send, textReply } from './reply'
import type { AddressInfo, Socket } from 'node:net'
import type { CaptureReply, CaptureSummary } from '@shared/model/capture'
import { headerValue, pairRawHeaders } from '@shared/http/headers'
import type { NewCapture } from '../../store'
import { GroupCommitter } from './group-committer'

export const DEFAULT_LISTEN_PORT = 8787
export const DEFAULT_BODY_LIMIT = 25 * 1024 * 1024

export interface ListenerOptions {
  host?: string
  port?: number
  /** Largest body stored; larger ones get 413 and are recorded truncated. */
  bodyLimit?: number
  maxHeaderSize?: number
  /** Slowloris guards: time allowed for the headers, and for the whole request. */
  headersTimeoutMs?: number
  requestTimeoutMs?: number
  connectionsCheckingIntervalMs?: number
  /** A body that sends nothing for this long (up to twice as long) is cut off with 408 (default 15 s). */
  bodyIdleTimeoutMs?: number
  /**
   * Connections held at once. Past it, a new connection evicts the one that has waited longest
   * without completing a request (slow bodies, idle keep-alives), so slow senders cannot lock out others.
   */
  maxConnections?: number
  now?: () => number
  /** Persists a batch in one transaction; throws when it could not (→ 503). */
  record: (captures: NewCapture[]) => CaptureSummary[] | Promise<CaptureSummary[]>
  onCaptured?: (summaries: CaptureSummary[]) => void
  /**
   * Decides the reply (endpoint rule) and verifies the signature before the capture is committed;
   * null means the default endpoint (default reply, nothing to check) without an async hop.
   */
  prepare?: (capture: NewCapture) => Promise<Preparation> | null
  /** Provider and event of a capture no endpoint prepared (the default endpoint, 413s, CONNECT): detected here, once, before the store. */
  describe?: (capture: NewCapture) => Pick<NewCapture, 'provider' | 'event'>
}

/** What an endpoint decides for one request. */
export interface Preparation {
  reply: CaptureReply
  delayMs: number
  extra: Pick<NewCapture, 'endpointId' | 'verdict' | 'verdictReason' | 'replay' | 'sigHash' | 'provider' | 'event'>
}

/** A listener problem a person can act on (busy port, bad address). */
export class ListenerError extends HookscopeError {
  constructor(message: string, code: string) {
    super(code, message)
  }
}

function declaredLength(req: IncomingMessage): number | null {
  const v = req.headers['content-length']
  if (v === undefined || !/^\d+$/.test(v)) return null
  return Number(v)
}

export class CaptureListener {
  private server: Server | null = null
  private readonly committer: GroupCommitter<NewCapture, CaptureSummary>
  private readonly bodyLimit: number
  private readonly now: () => number

  constructor(private readonly options: ListenerOptions) {
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
    this.now = options.now ?? Date.now
    this.committer = new GroupCommitter(options.record, options.onCaptured)
  }

  get address(): { host: string; port: number; url: string } | null {
    const a = this.server?.address() as AddressInfo | null | undefined
    if (!a) return null
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address
    return { host: a.address, port: a.port, url: `http://${host}:${a.port}` }
  }

  async start(): Promise<{ host: string; port: number; url: string }> {
    const o = this.options
    const host = o.host ?? '127.0.0.1'
    const port = o.port ?? DEFAULT_LISTEN_PORT
    const server = createServer({
      maxHeaderSize: o.maxHeaderSize ?? 32 * 1024,
      headersTimeout: o.headersTimeoutMs ?? 10_000,
      requestTimeout: o.requestTimeoutMs ?? 120_000,
      connectionsCheckingInterval: o.connectionsCheckingIntervalMs ?? 1_000,
      // Keep the order and count of every header: Node's default drops all past 2000.
      maxHeadersCount: 0,
      keepAliveTimeout: 5_000
    } as Parameters<typeof createServer>[0])
    const soft = o.maxConnections ?? 1024
    // A hard ceiling above the soft one, for connections that arrive faster than eviction.
    server.maxConnections = soft + 256
    // Answer senders that half-close after their request (FIN) instead of dropping the reply.
    ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
    server.on('connection', (socket: Socket) => this.admission.admit(socket, soft))
    server.on('request', (req, res) => this.handle(req, res))
    server.on('connect', (req: IncomingMessage, socket: Socket) => this.refuseConnect(req, socket))
    server.on('checkContinue', (req, res) => {
      const declared = declaredLength(req)
      if (declared !== null && declared > this.bodyLimit) {
        this.handle(req, res)
        return
      }
      res.writeContinue()
      this.handle(req, res)
    })
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        server.off('listening', onListening)
        if (err.code === 'EADDRINUSE') {
          reject(
            new ListenerError(
              `Port ${port} on ${host} is already in use by another program. ` +
                `Stop it, or listen elsewhere with --listen ${host}:<port>.`,
              'port-in-use'
            )
          )
        } else if (err.code === 'EACCES') {
          reject(new ListenerError(`Not allowed to listen on ${host}:${port} (${err.code}).`, 'port-denied'))
        } else {
          reject(new ListenerError(`Cannot listen on ${host}:${port}: ${err.message}`, err.code ?? 'listen-failed'))
        }
      }
      const onListening = (): void => {
        server.off('error', onError)
        resolve()
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen(port, host)
    })
    this.server = server
    return this.address!
  }

  /** Stops accepting, lets requests in flight finish (and commit), then closes. */
  async stop(graceMs = 5_000): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = null
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs)
      server.close(() => {
        clearTimeout(timer)
        resolve()
      })
      server.closeIdleConnections()
    })
  }

  private readonly admission = new Admission()

  /** CONNECT (proxy tunnels) is not for a webhook listener: record it and answer 405. */
  private refuseConnect(req: IncomingMessage, socket: Socket): void {
    const rawHeaders = pairRawHeaders(req.rawHeaders)
    const reply = textReply(405, 'CONNECT is not supported: Hookscope is a webhook listener, not a proxy.\n')
    const capture: NewCapture = {
      receivedAt: this.now(),
      method: req.method ?? 'CONNECT',
      target: req.url ?? '',
      httpVersion: req.httpVersion,
      rawHeaders,
      contentType: headerValue(rawHeaders, 'content-type') ?? null,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      body: new Uint8Array(0),
      bodySize: 0,
      truncated: false,
      reply
    }
    socket.on('error', () => undefined)
    const write = (status: number, text: string, body: string): void => {
      if (socket.destroyed) return
      const len = Buffer.byteLength(body)
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `X-Content-Type-Options: nosniff\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n${body}`
      )
    }
    this.committer.submit(this.described(capture)).then(
      () => write(405, 'Method Not Allowed', reply.body),
      () => write(503, 'Service Unavailable', 'Hookscope could not store this request; retry later.\n')
    )
  }

  private described(capture: NewCapture): NewCapture {
    return capture.provider !== undefined || !this.options.describe
      ? capture
      : { ...capture, ...this.options.describe(capture) }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const receivedAt = this.now()
    const socket = req.socket
    this.admission.state(socket, false)
    res.once('finish', () => this.admission.state(socket, false))
    const declared = declaredLength(req)
    const rawHeaders = pairRawHeaders(req.rawHeaders)
    const base = {
      receivedAt,
      method: req.method ?? '',
      target: req.url ?? '',
      httpVersion: req.httpVersion,
      rawHeaders,
      contentType: headerValue(rawHeaders, 'content-type') ?? null,
      remoteAddress: req.socket.remoteAddress ?? '',
      remotePort: req.socket.remotePort ?? 0
    }

    if (declared !== null && declared > this.bodyLimit) {
      // Reject before reading a byte of an oversized body; keep a record that it came.
      const reply = textReply(413, `Body of ${declared} bytes is over the ${this.bodyLimit}-byte limit.\n`)
      this.commitAndReply(res, { ...base, body: new Uint8Array(0), bodySize: declared, truncated: true, reply }, true)
      return
    }

    // One growing buffer rather than a list of chunks: a body sent one byte per chunk would
    // otherwise cost a Buffer object (~hundreds of bytes) per byte received.
    const body = new BodyBuffer(declared !== null ? Math.min(declared, this.bodyLimit) : 16 * 1024)
    let seen = 0
    let overflowed = false
    const idleMs = this.options.bodyIdleTimeoutMs ?? 15_000
    // One timer per request that re-arms while bytes keep coming (cut after one to two quiet
    // periods): a timer, or even a timestamp, per chunk would cost an object per byte for a body
    // sent one byte at a time.
    let seenAtCheck = 0
    let idle: NodeJS.Timeout | undefined
    const check = (): void => {
      if (seen !== seenAtCheck) {
        seenAtCheck = seen
        idle = setTimeout(check, idleMs)
        idle.unref()
        return
      }
      // Nothing was acknowledged: the sender will retry a request it could not finish.
      send(res, textReply(408, `No body bytes for ${idleMs / 1000} s; request cut off.\n`), true)
      req.destroy()
    }
    idle = setTimeout(check, idleMs)
    idle.unref()
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (overflowed) return
      if (body.length + chunk.length > this.bodyLimit) {
        overflowed = true
        clearTimeout(idle)
        body.push(chunk.subarray(0, this.bodyLimit - body.length))
        req.pause()
        const reply = textReply(413, `Body is over the ${this.bodyLimit}-byte limit.\n`)
        const capture = { ...base, body: body.bytes(), ownBody: true, bodySize: seen, truncated: true, reply }
        this.commitAndReply(res, capture, true)
        return
      }
      body.push(chunk)
    })
    req.once('close', () => clearTimeout(idle))
    req.on('end', () => {
      clearTimeout(idle)
      if (overflowed) return
      const capture: NewCapture = {
        ...base,
        body: body.bytes(),
        ownBody: true,
        bodySize: body.length,
        truncated: false,
        reply: DEFAULT_REPLY
      }
      const prepared = this.options.prepare?.(capture) ?? null
      if (!prepared) {
        this.commitAndReply(res, capture, false)
        return
      }
      prepared.then(
        (p) => this.commitAndReply(res, { ...capture, ...p.extra, reply: p.reply }, false, p.delayMs),
        // A failed check must not lose the request: store it with the default reply.
        () => this.commitAndReply(res, capture, false)
      )
    })
    // A client that goes away before the end was never acknowledged; nothing to keep.
    req.on('error', () => undefined)
  }

  private commitAndReply(res: ServerResponse, capture: NewCapture, close: boolean, delayMs = 0): void {
    this.admission.state(res.socket as Socket, true)
    this.committer.submit(this.described(capture)).then(
      () =>
        delayMs > 0 ? void setTimeout(() => send(res, capture.reply, close), delayMs) : send(res, capture.reply, close),
      () => send(res, textReply(503, 'Hookscope could not store this request; retry later.\n'), close)
    )
  }
}
