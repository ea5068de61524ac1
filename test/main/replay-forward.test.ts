import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { replyRule } from '@shared/signatures/provider-data'
import { getScheme } from '@shared/signatures'
import { tempDir } from '../helpers/tmp'
import { forwardUrl } from '@main/services/delivery/forward-target'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function core() {
  const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
  await c.start()
  cleanups.push(() => c.close())
  return { c, url: c.status().url! }
}

async function server(handler: (req: IncomingMessage, body: Buffer) => [number, string]): Promise<string> {
  const s: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (d: Buffer) => chunks.push(d))
    req.on('end', () => {
      const [status, text] = handler(req, Buffer.concat(chunks))
      res.writeHead(status).end(text)
    })
  })
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  cleanups.push(() => new Promise((r) => s.close(r)))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

describe('replay', () => {
  it('a Standard Webhooks capture past its 5-minute window: byte-exact replay is refused, re-signed replay accepted', async () => {
    const { c, url } = await core()
    const wh = new Webhook(SECRET)
    const payload = '{"type":"user.created","data":{"id":"user_1"}}'
    const sent = new Date(Date.now() - 10 * 60_000)
    const sig = wh.sign('msg_old', sent, payload)
    await fetch(`${url}/svix`, {
      method: 'POST',
      body: payload,
      headers: {
        'Content-Type': 'application/json',
        'webhook-id': 'msg_old',
        'webhook-timestamp': String(Math.floor(sent.getTime() / 1000)),
        'webhook-signature': sig
      }
    })
    const id = (await c.methods.listCaptures({})).items[0]!.id
    const receiver = await server((req, body) => {
      try {
        wh.verify(body.toString('utf8'), req.headers as Record<string, string>)
        return [200, 'ok']
      } catch (err) {
        return [401, (err as Error).message]
      }
    })
    const key = await c.methods.importKey({ name: 'svix', material: SECRET })
    const [exact] = await c.methods.replayCaptures([id], { url: `${receiver}/hooks` })
    expect(exact).toMatchObject({ id, status: 401 })
    const [resigned] = await c.methods.replayCaptures([id], {
      url: `${receiver}/hooks`,
      resign: { scheme: 'standard-webhooks', keyId: key.id }
    })
    expect(resigned).toMatchObject({ id, status: 200, error: null })
  })

  it('replays a selection with concurrency and reports each result', async () => {
    const { c, url } = await core()
    for (let i = 0; i < 5; i++) await fetch(`${url}/r/${i}`, { method: 'POST', body: String(i) })
    const got: string[] = []
    const target = await server((_req, body) => {
      got.push(body.toString())
      return [202, '']
    })
    const ids = (await c.methods.listCaptures({})).items.map((i) => i.id)
    const results = await c.methods.replayCaptures(ids, { url: `${target}/in`, concurrency: 3 })
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202])
    expect(got.sort()).toEqual(['0', '1', '2', '3', '4'])
  })
})

describe('live forwarding', () => {
  it('forwards each capture byte-exact with its headers and records the target reply; a down target is recorded as such', async () => {
    const { c, url } = await core()
    let received: { raw: string[]; body: Buffer; path: string } | null = null
    const target = await server((req, body) => {
      received = { raw: req.rawHeaders, body, path: req.url ?? '' }
      return [201, 'created']
    })
    await c.methods.saveEndpoint({
      name: 'fwd',
      pathPrefix: '/fwd',
      scheme: null,
      keyIds: [],
      reply: DEFAULT_REPLY_RULE,
      params: {},
      forwardTo: target
    })
    const bin = Buffer.concat([randomBytes(2048), Buffer.from([0, 0xff, 0xfe])])
    const res = await fetch(`${url}/fwd/in?x=1`, {
      method: 'POST',
      body: bin,
      headers: { 'X-Mixed-Case': 'A', 'Content-Type': 'application/octet-stream' }
    })
    expect(res.status).toBe(200)
    const id = (await c.methods.listCaptures({})).items[0]!.id
    await expect.poll(async () => (await c.methods.getCapture(id))?.forward).toEqual({ status: 201, error: null })
    expect(received!.path).toBe('/fwd/in?x=1')
    expect(received!.body.equals(bin)).toBe(true)
    expect(received!.raw).toEqual(
      expect.arrayContaining(['X-Mixed-Case', 'A', 'Content-Type', 'application/octet-stream'])
    )

    await c.methods.saveEndpoint({
      name: 'down',
      pathPrefix: '/down',
      scheme: null,
      keyIds: [],
      reply: replyRule(getScheme('tiki-tikinow')!)!,
      params: {},
      forwardTo: 'http://127.0.0.1:9'
    })
    const r2 = await fetch(`${url}/down/x`, { method: 'POST', body: 'x' })
    expect(await r2.text()).toBe('{"success":true}')
    const id2 = (await c.methods.listCaptures({})).items[0]!.id
    await expect.poll(async () => (await c.methods.getCapture(id2))?.forward?.error).toMatch(/Nothing is listening/)
  })
})

describe('forwarding cannot loop or be steered', () => {
  it('refuses a forward target that is the capture port itself, at save and at delivery', async () => {
    const { c, url } = await core()
    const port = new URL(url).port
    const endpoint = {
      name: 'loop',
      pathPrefix: '/loop',
      scheme: null,
      keyIds: [],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    }
    for (const self of [`http://127.0.0.1:${port}`, `http://localhost:${port}/x`, `http://[::1]:${port}`]) {
      await expect(c.methods.saveEndpoint({ ...endpoint, forwardTo: self })).rejects.toThrow(/own capture port/)
    }
    // Saved before the listener moved onto that port (or edited in the database): still not forwarded.
    await c.methods.saveEndpoint({ ...endpoint, forwardTo: 'http://127.0.0.1:9' })
    const saved = (await c.methods.listEndpoints())[0]!
    ;(c as unknown as { endpoints: { save(e: unknown): unknown } }).endpoints.save({
      ...saved,
      forwardTo: `http://localhost:${port}`
    })
    expect((await fetch(`${url}/loop/a`, { method: 'POST', body: 'x' })).status).toBe(200)
    const id = (await c.methods.listCaptures({})).items[0]!.id
    await expect.poll(async () => (await c.methods.getCapture(id))?.forward?.error).toMatch(/own capture port/)
    expect((await c.methods.listCaptures({})).items).toHaveLength(1)
  })

  it('keeps the request target a path on the forward target, whatever it looks like', async () => {
    const paths: string[] = []
    const target = await server((req) => {
      paths.push(`${req.headers.host} ${req.url}`)
      return [200, 'ok']
    })
    const { c, url } = await core()
    await c.methods.saveEndpoint({
      name: 'fwd',
      pathPrefix: '/',
      scheme: null,
      keyIds: [],
      reply: DEFAULT_REPLY_RULE,
      params: {},
      forwardTo: `${target}/base`
    })
    const { port } = new URL(url)
    const { rawRequest } = await import('../helpers/raw-http')
    for (const t of ['http://evil.example/x', '//evil.example/y']) {
      expect(
        (await rawRequest(Number(port), `POST ${t} HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n`)).status
      ).toBe(200)
    }
    await expect.poll(() => paths.length).toBe(2)
    const host = new URL(target).host
    expect(paths.sort()).toEqual([`${host} /base//evil.example/y`, `${host} /base/http://evil.example/x`].sort())
  })

  it('builds the forward URL on the target origin even from targets a lenient parser would pass', () => {
    // Concatenated, "http://app.local:3000" + "@evil.example/x" is a URL whose host is evil.example.
    expect(new URL(forwardUrl('http://app.local:3000', '@evil.example/x')).host).toBe('app.local:3000')
    expect(forwardUrl('http://app.local:3000/hooks/', '/in?x=1')).toBe('http://app.local:3000/hooks/in?x=1')
    // The path the target and the request share is kept once.
    expect(forwardUrl('http://localhost:3000/strict/trubit', '/trubit/callback?a=1')).toBe(
      'http://localhost:3000/strict/trubit/callback?a=1'
    )
    expect(forwardUrl('http://localhost:3000/trubit', '/trubit/callback')).toBe('http://localhost:3000/trubit/callback')
    expect(forwardUrl('http://localhost:3000/', '/trubit/callback')).toBe('http://localhost:3000/trubit/callback')
    expect(forwardUrl('http://localhost:3000/api', '/trubit/callback/')).toBe(
      'http://localhost:3000/api/trubit/callback/'
    )
    expect(new URL(forwardUrl('https://app.local', '//evil.example:444/z')).host).toBe('app.local')
  })
})
