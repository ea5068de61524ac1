import { createServer } from 'node:net'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CaptureListener, ListenerError } from '@main/services/capture/listener/capture-listener'
import { CaptureStore } from '@main/services/store/capture-store'
import { openSocket, rawRequest, readResponses } from '../helpers/raw-http'
import { startListener } from '../helpers/listener'

const start = startListener

describe('CaptureListener', () => {
  it('stores a raw-socket request byte-exact: target, header order and case, repeated headers, invalid UTF-8', async () => {
    const { store, port } = await start()
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7d])
    const head =
      'POST /hooks/a%20b?q=%E2%9C%93&x=1&x=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Camel-Case: One\r\n' +
      `x-camel-case: two\r\nX-APSDAI-Event: order_pay_hook\r\nContent-Length: ${body.length}\r\n\r\n`
    const res = await rawRequest(port, Buffer.concat([Buffer.from(head, 'latin1'), body]))
    expect(res.status).toBe(200)
    expect(res.head).toMatch(/content-type: text\/plain/i)
    expect(res.head).toMatch(/x-content-type-options: nosniff/i)
    const [summary] = store.list().items
    const got = store.get(summary!.id)!
    expect(got.target).toBe('/hooks/a%20b?q=%E2%9C%93&x=1&x=2')
    expect(got.httpVersion).toBe('1.1')
    expect(got.rawHeaders).toEqual([
      ['Host', '127.0.0.1'],
      ['X-Camel-Case', 'One'],
      ['x-camel-case', 'two'],
      ['X-APSDAI-Event', 'order_pay_hook'],
      ['Content-Length', String(body.length)]
    ])
    expect(Buffer.from(got.body).equals(body)).toBe(true)
    expect(got.reply.status).toBe(200)
    expect(got.remoteAddress).toBe('127.0.0.1')
  })

  it('keeps a gzip body compressed exactly as sent, with any method', async () => {
    const { store, url } = await start()
    const gz = gzipSync(Buffer.from('{"hello":"world"}'))
    const res = await fetch(`${url}/gz`, { method: 'PATCH', body: gz, headers: { 'Content-Encoding': 'gzip' } })
    expect(res.status).toBe(200)
    const got = store.get(store.list().items[0]!.id)!
    expect(got.method).toBe('PATCH')
    expect(Buffer.from(got.body).equals(gz)).toBe(true)
  })

  it('acknowledges only after the row is committed: every 2xx is readable at once', async () => {
    const { store, url } = await start()
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => fetch(`${url}/n/${i}`, { method: 'POST', body: `{"n":${i}}` }))
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    const targets = new Set(store.list({ limit: 500 }).items.map((s) => s.target))
    for (let i = 0; i < 60; i++) expect(targets.has(`/n/${i}`)).toBe(true)
  })

  it('answers 503 when the insert fails, so the sender retries', async () => {
    const { url } = await start({
      record: () => {
        throw new Error('SQLITE_FULL: database or disk is full')
      }
    })
    const res = await fetch(`${url}/x`, { method: 'POST', body: 'a' })
    expect(res.status).toBe(503)
    expect(await res.text()).not.toMatch(/SQLITE/)
  })

  it('rejects a body over the cap early on Content-Length with 413 and records it truncated', async () => {
    const { store, port } = await start({ bodyLimit: 1024 })
    const res = await rawRequest(port, 'POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n')
    expect(res.status).toBe(413)
    const got = store.get(store.list().items[0]!.id)!
    expect(got).toMatchObject({ truncated: true, bodySize: 5_000_000, target: '/big' })
    expect(got.body.length).toBe(0)
  })

  it('does not send 100 Continue for an oversized body with Expect: 100-continue', async () => {
    const { port } = await start({ bodyLimit: 1024 })
    const res = await rawRequest(
      port,
      'POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4096\r\n\r\n'
    )
    expect(res.status).toBe(413)
  })

  it('sends 100 Continue for an acceptable body and stores it', async () => {
    const { store, port } = await start({ bodyLimit: 1024 })
    const socket = await openSocket(port)
    const first = readResponses(socket, 1)
    socket.write('POST /ok HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n')
    const cont = await first
    expect(cont.responses[0]!.status).toBe(100)
    const second = readResponses(socket, 1)
    socket.write('hello')
    expect((await second).responses[0]!.status).toBe(200)
    socket.destroy()
    expect(Buffer.from(store.get(store.list().items[0]!.id)!.body).toString()).toBe('hello')
  })

  it('stops a chunked body at the cap with 413 and keeps the stored prefix', async () => {
    const { store, port } = await start({ bodyLimit: 10 })
    const res = await rawRequest(
      port,
      'POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n'
    )
    expect(res.status).toBe(413)
    const got = store.get(store.list().items[0]!.id)!
    expect(got.truncated).toBe(true)
    expect(Buffer.from(got.body).toString()).toBe('0123456789')
  })

  it('answers 431 to oversized headers, 400 to a malformed request line, and keeps serving', async () => {
    const { port, url } = await start()
    const big = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
    expect(big.status).toBe(431)
    const many = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v`).join('\r\n')
    expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`)).status).toBe(431)
    expect((await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n')).status).toBe(400)
    expect((await rawRequest(port, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03')).status).toBe(400)
    expect((await rawRequest(port, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')).status).toBeGreaterThanOrEqual(400)
    expect((await fetch(`${url}/after`, { method: 'POST', body: 'x' })).status).toBe(200)
  })

  it('answers 400 to a request with both Content-Length and Transfer-Encoding', async () => {
    const { port } = await start()
    const res = await rawRequest(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
    )
    expect(res.status).toBe(400)
  })

  it('times out a slowloris client with 408 and still serves the next request', async () => {
    const { url, port } = await start({
      headersTimeoutMs: 300,
      requestTimeoutMs: 300,
      connectionsCheckingIntervalMs: 50
    })
    const socket = await openSocket(port)
    const pending = readResponses(socket, 1)
    socket.write('POST /slow HTTP/1.1\r\nHost: x\r\nX-Drip: ')
    const { responses } = await pending
    socket.destroy()
    expect(responses[0]?.status).toBe(408)
    expect((await fetch(`${url}/next`, { method: 'POST', body: 'x' })).status).toBe(200)
  })

  it('serves 1000 pipelined requests on one connection, in order', async () => {
    const { store, port } = await start()
    const socket = await openSocket(port)
    const pending = readResponses(socket, 1000)
    let all = ''
    for (let i = 0; i < 1000; i++) all += `POST /p/${i} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n${i % 10}`
    socket.write(all)
    const { responses } = await pending
    socket.destroy()
    expect(responses).toHaveLength(1000)
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(store.count()).toBe(1000)
  })

  it('names the port when it is busy', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    const store = CaptureStore.open(':memory:')
    const listener = new CaptureListener({ port, record: (b) => store.insertMany(b) })
    const err = await listener.start().catch((e: unknown) => e)
    blocker.close()
    store.close()
    expect(err).toBeInstanceOf(ListenerError)
    expect((err as Error).message).toContain(`Port ${port}`)
    expect((err as Error).message).toMatch(/already in use/)
  })
})
