import { connect, type Socket } from 'node:net'
import { request as httpRequest } from 'node:http'

export interface RawResponse {
  status: number
  head: string
  body: Buffer
}

/** Parses the first HTTP/1.1 response in `data` (Content-Length bodies only); null until complete. */
export function parseResponse(data: Buffer): { response: RawResponse; rest: Buffer } | null {
  const end = data.indexOf('\r\n\r\n')
  if (end < 0) return null
  const head = data.subarray(0, end).toString('latin1')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
  const cl = /\r\ncontent-length: *(\d+)/i.exec(head)
  const len = cl ? Number(cl[1]) : 0
  if (data.length < end + 4 + len) return null
  return {
    response: { status, head, body: data.subarray(end + 4, end + 4 + len) },
    rest: data.subarray(end + 4 + len)
  }
}

/** Opens a socket and resolves once connected. */
export function openSocket(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, host, () => resolve(s))
    s.once('error', reject)
  })
}

/** Collects `count` responses from a socket (or fewer if the server closes it first). */
export function readResponses(socket: Socket, count: number): Promise<{ responses: RawResponse[]; closed: boolean }> {
  return new Promise((resolve) => {
    let buf: Buffer = Buffer.alloc(0)
    const responses: RawResponse[] = []
    const done = (closed: boolean): void => {
      socket.off('data', onData)
      resolve({ responses, closed })
    }
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d])
      for (let p = parseResponse(buf); p; p = parseResponse(buf)) {
        responses.push(p.response)
        buf = p.rest
        if (responses.length === count) return done(false)
      }
    }
    socket.on('data', onData)
    socket.once('close', () => done(true))
    socket.once('error', () => undefined)
  })
}

/** Sends raw bytes on a new connection and returns the first response. */
export async function rawRequest(port: number, bytes: string | Buffer): Promise<RawResponse & { closed: boolean }> {
  const socket = await openSocket(port)
  const pending = readResponses(socket, 1)
  socket.write(bytes)
  const { responses, closed } = await pending
  socket.destroy()
  if (!responses[0]) throw new Error('connection closed without a response')
  return { ...responses[0], closed }
}

/** POSTs with node:http and only the headers given (plus Host and Content-Length), like curl. */
export function postHttp(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {}
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*', ...headers } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}
