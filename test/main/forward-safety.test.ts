import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { rawRequest } from '../helpers/raw-http'
import { coreSession } from '../helpers/core'

const session = coreSession()
const core = () => session.start()

const endpoint = (forwardTo: string | null, pathPrefix = '/fwd') => ({
  name: 'fwd',
  pathPrefix,
  scheme: null,
  keyIds: [],
  reply: DEFAULT_REPLY_RULE,
  params: {},
  forwardTo
})

/** An address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address

describe('forward targets are compared as addresses', () => {
  it('refuses every spelling of the capture port on this machine at save (mapped IPv6, trailing dot, decimal, octal, hex, short, interfaces)', async () => {
    const { c, port } = await core()
    const spellings = [
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://[::ffff:7f00:1]:${port}/x`,
      `http://localhost.:${port}`,
      `http://app.localhost:${port}`,
      `http://2130706433:${port}`,
      `http://0177.0.0.1:${port}`,
      `http://0x7f.0.0.1:${port}`,
      `http://127.1:${port}`,
      `http://0.0.0.0:${port}`,
      `http://[::]:${port}`,
      `http://127.9.9.9:${port}`,
      ...(lanAddress ? [`http://${lanAddress}:${port}`] : [])
    ]
    for (const target of spellings) {
      await expect(c.methods.saveEndpoint(endpoint(target)), target).rejects.toMatchObject({
        code: 'invalid-endpoint',
        message: expect.stringMatching(/own capture port/)
      })
    }
    expect(await c.methods.listEndpoints()).toHaveLength(0)
    // Another port on this machine is an app, not a loop.
    await expect(
      c.methods.saveEndpoint(endpoint(`http://[::ffff:127.0.0.1]:${port === 9 ? 10 : 9}`))
    ).resolves.toBeTruthy()
  })

  it("refuses the UI's port, and the UI's port as the capture port", async () => {
    const { c } = await core()
    c.uiPort = 48_123
    await expect(c.methods.saveEndpoint(endpoint('http://localhost.:48123'))).rejects.toThrow(/own UI port/)
    const settings = await c.methods.getSettings()
    await expect(c.methods.updateSettings({ ...settings, listenPort: 48_123 }, false)).rejects.toMatchObject({
      code: 'invalid-settings',
      message: expect.stringMatching(/own UI port/)
    })
  })

  it('refuses link-local and metadata targets unless allowed in Settings', async () => {
    const { c } = await core()
    for (const target of [
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]:8080/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://100.100.100.200/',
      'http://[fd00:ec2::254]/'
    ]) {
      await expect(c.methods.saveEndpoint(endpoint(target)), target).rejects.toThrow(/link-local|metadata/)
    }
    await c.methods.updateSettings({ ...(await c.methods.getSettings()), forwardToLinkLocal: true }, false)
    await expect(c.methods.saveEndpoint(endpoint('http://169.254.169.254/latest/meta-data'))).resolves.toBeTruthy()
  })
})

describe('forwarding cannot loop', () => {
  it('a target edited into the store as a mapped-IPv6 spelling of the capture port is not forwarded at delivery', async () => {
    const { c, url, port } = await core()
    const saved = await c.methods.saveEndpoint(endpoint('http://127.0.0.1:9'))
    ;(c as unknown as { endpoints: { save(e: unknown): unknown } }).endpoints.save({
      ...saved,
      forwardTo: `http://[::ffff:127.0.0.1]:${port}`
    })
    expect((await fetch(`${url}/fwd/a`, { method: 'POST', body: 'x' })).status).toBe(200)
    const id = (await c.methods.listCaptures({})).items[0]!.id
    await expect.poll(async () => (await c.methods.getCapture(id))?.forward?.error).toMatch(/own capture port/)
    expect(await c.methods.countCaptures({})).toBe(1)
  })

  it('a loop through another proxy stops after one round: the Via mark comes back and is not forwarded again', async () => {
    const { c, url, port } = await core()
    let proxied = 0
    // A proxy that sends whatever it gets to Hookscope's capture port, adding its own Via as proxies do.
    const proxy: Server = createServer((req, res) => {
      proxied++
      const chunks: Buffer[] = []
      req.on('data', (d: Buffer) => chunks.push(d))
      req.on('end', () => {
        const via = [req.headers.via, '1.1 corp-proxy'].filter(Boolean).join(', ')
        const out = request(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, via } },
          (r) => {
            r.resume()
            res.writeHead(r.statusCode ?? 502).end()
          }
        )
        out.end(Buffer.concat(chunks))
      })
    })
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
    session.cleanup(() => new Promise((r) => proxy.close(r)))
    await c.methods.saveEndpoint(endpoint(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, '/'))
    expect((await fetch(`${url}/hook`, { method: 'POST', body: '{"n":1}' })).status).toBe(200)
    // The delivery, then its forward coming back once through the proxy.
    await expect.poll(async () => (await c.methods.listCaptures({})).items.length).toBe(2)
    const [back, first] = (await c.methods.listCaptures({})).items
    await expect
      .poll(async () => (await c.methods.getCapture(back!.id))?.forward?.error)
      .toMatch(/came back from Hookscope's own forwarding/)
    await expect.poll(async () => (await c.methods.getCapture(first!.id))?.forward?.status).toBe(200)
    const stored = await c.methods.getCapture(back!.id)
    expect(stored!.rawHeaders.find(([n]) => n.toLowerCase() === 'via')?.[1]).toMatch(
      /^1\.1 hookscope-[0-9a-f]{12}, 1\.1 corp-proxy$/
    )
    expect(proxied).toBe(1)
    expect((await c.methods.listCaptures({})).items).toHaveLength(2)
  })
})

describe('replies', () => {
  it("a stored reply Content-Length that contradicts the body is replaced by the body's length", async () => {
    const { c, port } = await core()
    await c.methods.saveEndpoint({
      ...endpoint(null, '/cl'),
      reply: {
        ...DEFAULT_REPLY_RULE,
        body: 'héllo',
        headers: [
          ['Content-Length', '999'],
          ['Transfer-Encoding', 'chunked'],
          ['X-Ok', '1']
        ]
      }
    })
    const r = await rawRequest(port, 'POST /cl HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx')
    expect(r.status).toBe(200)
    expect(r.head).toMatch(/\r\ncontent-length: 6\r\n/i)
    expect(r.head).not.toMatch(/transfer-encoding|999/i)
    expect(r.head).toMatch(/\r\nX-Ok: 1/)
    expect(r.body.toString()).toBe('héllo')
  })
})

describe('the list shows what forwarding did', () => {
  it('a capture summary carries the forward outcome, announced as an update when it is known', async () => {
    const { c, url } = await core()
    const target: Server = createServer((_req, res) => res.writeHead(202).end())
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r))
    session.cleanup(() => new Promise((r) => target.close(r)))
    await c.methods.saveEndpoint(endpoint(`http://127.0.0.1:${(target.address() as AddressInfo).port}`, '/fwd'))
    await c.methods.saveEndpoint(endpoint('http://127.0.0.1:9', '/down'))
    const updates: { target: string; forward: unknown }[] = []
    c.events.on('captures:updated', (s) => updates.push(...s.map((x) => ({ target: x.target, forward: x.forward }))))
    await fetch(`${url}/fwd/a`, { method: 'POST', body: 'x' })
    await fetch(`${url}/down/b`, { method: 'POST', body: 'x' })
    await expect.poll(() => updates.length).toBe(2)
    const byTarget = Object.fromEntries((await c.methods.listCaptures({})).items.map((s) => [s.target, s.forward]))
    expect(byTarget['/fwd/a']).toEqual({ status: 202, error: null })
    expect(byTarget['/down/b']).toMatchObject({ status: null, error: expect.stringMatching(/Nothing is listening/) })
    expect(updates.find((u) => u.target === '/fwd/a')?.forward).toEqual({ status: 202, error: null })
  })
})
