import { connect, type Socket } from 'node:net'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { parseResponse, rawRequest } from '../helpers/raw-http'
import { tempDir } from '../helpers/tmp'
import { startListener } from '../helpers/listener'

const sockets: Socket[] = []
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy()
})
const start = startListener

function open(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve(s))
    s.on('error', reject)
    sockets.push(s)
  })
}

/** Everything the server sends until it closes the connection. */
function readAll(s: Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = []
    s.on('data', (d: Buffer) => parts.push(d))
    s.on('close', () => resolve(Buffer.concat(parts)))
    s.on('error', () => undefined)
  })
}

describe('listener hardening', () => {
  it('answers a sender that half-closes after its request (FIN), and stores it once', async () => {
    // As in the host, the commit completes on a later turn (the writer worker), after the FIN.
    const { store, port } = await start({
      record: (b) => new Promise((resolve) => setTimeout(() => resolve(store.insertMany(b)), 20))
    })
    const s = await open(port)
    const done = readAll(s)
    s.end('POST /half HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello')
    const reply = parseResponse(await done)
    expect(reply?.response.status).toBe(200)
    expect(store.list().items.map((i) => i.target)).toEqual(['/half'])
  })

  it('records CONNECT and answers 405 instead of dropping the connection', async () => {
    const { store, port } = await start()
    const res = await rawRequest(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')
    expect(res.status).toBe(405)
    expect(res.head).toMatch(/allow: GET, HEAD, POST/i)
    const [c] = store.list().items
    expect(c?.method).toBe('CONNECT')
    expect(store.get(c!.id)!.reply.status).toBe(405)
  })

  it('a reply header that HTTP cannot carry does not crash the host: the request is stored and answered', async () => {
    const { store, url } = await start({
      prepare: () =>
        Promise.resolve({
          reply: {
            status: 200,
            headers: [
              ['Content-Type', 'application/json – utf8'],
              ['X-Ok', 'yes']
            ],
            body: '{"ok":true}'
          },
          delayMs: 0,
          extra: {}
        })
    })
    const res = await fetch(`${url}/bad-reply`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ok')).toBe('yes')
    expect(res.headers.get('x-hookscope-skipped-header')).toBe('Content-Type')
    expect(await res.text()).toBe('{"ok":true}')
    expect(store.list().items).toHaveLength(1)
  })

  it('a body that stops sending is cut off with 408 and frees its connection', async () => {
    const { store, port } = await start({ bodyIdleTimeoutMs: 200 })
    const s = await open(port)
    const done = readAll(s)
    s.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc')
    expect(parseResponse(await done)?.response.status).toBe(408)
    expect(store.list().items).toHaveLength(0)
  })

  it('with every connection held by slow bodies, a normal sender is still stored and answered', async () => {
    const { store, url, port } = await start({ maxConnections: 50 })
    for (let i = 0; i < 60; i++) {
      const s = await open(port).catch(() => null)
      s?.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\na')
    }
    // How long it takes is measured by `npm run bench:hostile` (1 000 slow senders).
    const res = await fetch(`${url}/normal`, { method: 'POST', body: 'hi' })
    expect(res.status).toBe(200)
    expect(store.list().items.map((i) => i.target)).toEqual(['/normal'])
  })
})

describe('connection shares', () => {
  it.runIf(process.platform === 'linux')(
    'one remote address holds at most a quarter of the connections; it evicts its own',
    async () => {
      const { url, port } = await start({ maxConnections: 40 })
      const mine: Socket[] = []
      for (let i = 0; i < 15; i++) {
        const s = await open(port, '127.0.0.2')
        s.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\na')
        mine.push(s)
      }
      // The first five (its oldest) were closed by the host to keep the address at 10.
      await Promise.all(mine.slice(0, 5).map((s) => (s.destroyed ? null : new Promise((r) => s.once('close', r)))))
      expect(mine.filter((s) => !s.destroyed)).toHaveLength(10)
      expect((await fetch(`${url}/other`, { method: 'POST', body: 'x' })).status).toBe(200)
    }
  )
})

describe('endpoint replies', () => {
  it('a reply header HTTP cannot carry is refused when saved, naming the character', async () => {
    const core = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
    await core.start()
    try {
      const reply = { ...DEFAULT_REPLY_RULE, headers: [['Content-Type', 'text/plain – utf8']] as [string, string][] }
      await expect(
        core.methods.saveEndpoint({ name: 'x', pathPrefix: '/x', scheme: null, keyIds: [], reply, params: {} })
      ).rejects.toThrow(/Content-Type.*U\+2013/)
      const vi = { ...reply, headers: [['X-Message', 'Đã nhận']] as [string, string][] }
      await expect(
        core.methods.saveEndpoint({ name: 'y', pathPrefix: '/y', scheme: null, keyIds: [], reply: vi, params: {} })
      ).rejects.toThrow(/U\+0110/)
      const body = { ...DEFAULT_REPLY_RULE, body: 'Đã nhận – ok' }
      await core.methods.saveEndpoint({
        name: 'z',
        pathPrefix: '/z',
        scheme: null,
        keyIds: [],
        reply: body,
        params: {}
      })
      const res = await fetch(`${core.status().url}/z`, { method: 'POST', body: '{}' })
      expect(await res.text()).toBe('Đã nhận – ok')
    } finally {
      await core.close()
    }
  })
})

describe('storage faults', () => {
  it('a database file deleted under the running host: deliveries get 503 (retry), not a false 200', async () => {
    const dir = tempDir()
    const core = new HookscopeCore({ dataDir: dir, listen: { port: 0 } })
    await core.start()
    try {
      expect((await fetch(`${core.status().url}/before`, { method: 'POST', body: 'a' })).status).toBe(200)
      for (const f of readdirSync(dir)) if (f.startsWith('hookscope.db')) rmSync(join(dir, f))
      const res = await fetch(`${core.status().url}/after`, { method: 'POST', body: 'b' })
      expect(res.status).toBe(503)
    } finally {
      await core.close()
    }
  })
})
