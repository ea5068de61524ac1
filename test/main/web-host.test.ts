import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { createWebClient } from '@shared/api/web-client'
import { readWireResponse, WIRE_BYTES_TYPE } from '@shared/api/wire'
import { HookscopeCore } from '@main/services/core'
import { WebHost } from '@main/api/web/web-host'
import { rawRequest } from '../helpers/raw-http'
import { tempDir } from '../helpers/tmp'
import type { CaptureSummary } from '@shared/model/capture'

const ASSET = Buffer.from(`export const x = ${JSON.stringify('hookscope '.repeat(500))}\n`)
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function startHost() {
  const dir = tempDir()
  const rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Hookscope</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
  // A hashed asset as the build writes it: the file and its precompressed siblings.
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app-abc123.js'), ASSET)
  writeFileSync(join(rendererDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(ASSET))
  writeFileSync(join(rendererDir, 'assets', 'app-abc123.js.gz'), gzipSync(ASSET))
  const core = new HookscopeCore({ dataDir: join(dir, 'data'), listen: { port: 0 } })
  await core.start()
  const host = new WebHost({ methods: core.methods, events: core.events, rendererDir, port: 0 })
  await host.start()
  cleanups.push(
    () => core.close(),
    () => host.stop()
  )
  const port = Number(new URL(host.url).port)
  return { core, host, port, listenUrl: core.status().url! }
}

function apiPost(url: string, headers: Record<string, string>, body = '{"args":[]}') {
  return fetch(`${url}/api/app:status`, { method: 'POST', headers, body })
}

function wsStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {})
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => undefined)
  })
}

describe('web-mode host', () => {
  it('a gzip body opens decoded through the web API (bytes, not a JSON array of numbers)', async () => {
    const { host, listenUrl } = await startHost()
    const json = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `item-${i}` })) })
    const res = await fetch(`${listenUrl}/gz`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(json)
    })
    expect(res.status).toBe(200)
    const headers = { 'Content-Type': 'application/json', Origin: host.url, 'X-Hookscope-Token': host.token }
    const list = (await (
      await fetch(`${host.url}/api/captures:list`, { method: 'POST', headers, body: '{"args":[{}]}' })
    ).json()) as {
      value: { items: { id: number }[] }
    }
    const res2 = await fetch(`${host.url}/api/captures:decode`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ args: [list.value.items[0]!.id] })
    })
    expect(res2.headers.get('content-type')).toBe(WIRE_BYTES_TYPE)
    expect(Number(res2.headers.get('content-length'))).toBeLessThan(json.length + 200)
    const view = (await readWireResponse<{ value: { body: Uint8Array; encodings: string[] } }>(res2)).value
    expect(view.encodings).toEqual(['gzip'])
    expect(new TextDecoder().decode(view.body)).toBe(json)
  })

  it('serves the contract: a webhook shows up in list calls and as a live event', async () => {
    const { host, listenUrl } = await startHost()
    // Browsers always send Origin; Node's fetch and WebSocket do not, so add it as the page would.
    const client = createWebClient({
      baseUrl: host.url,
      token: host.token,
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: host.url } }),
      openSocket: (url) => new WebSocket(url, { origin: host.url }) as unknown as globalThis.WebSocket
    })
    cleanups.push(() => client.close())
    await client.whenConnected()
    expect((await client.getStatus()).listening).toBe(true)
    const added = new Promise<CaptureSummary[]>((resolve) => client.on('captures:added', resolve))
    await fetch(`${listenUrl}/hello?x=1`, { method: 'POST', body: '{"word":"kumquat"}' })
    expect((await added).map((s) => s.target)).toEqual(['/hello?x=1'])
    const page = await client.listCaptures({ search: 'kumquat' })
    expect(page.items.map((i) => i.target)).toEqual(['/hello?x=1'])
    const full = await client.getCapture(page.items[0]!.id)
    expect(new TextDecoder().decode(full!.body)).toBe('{"word":"kumquat"}')
    await expect(client.getCapture(-1)).rejects.toMatchObject({ code: 'invalid-arguments' })
  })

  it('accepts a same-origin call with the token', async () => {
    const { host } = await startHost()
    const res = await apiPost(host.url, {
      Origin: host.url,
      'X-Hookscope-Token': host.token,
      'Content-Type': 'application/json'
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
  })

  it('refuses a foreign Origin, a missing Origin, a missing or wrong token, and text/plain', async () => {
    const { host } = await startHost()
    const json = { 'Content-Type': 'application/json' }
    expect(
      (await apiPost(host.url, { ...json, Origin: 'http://evil.test', 'X-Hookscope-Token': host.token })).status
    ).toBe(403)
    expect((await apiPost(host.url, { ...json, 'X-Hookscope-Token': host.token })).status).toBe(403)
    expect((await apiPost(host.url, { ...json, Origin: host.url })).status).toBe(401)
    expect((await apiPost(host.url, { ...json, Origin: host.url, 'X-Hookscope-Token': 'nope' })).status).toBe(401)
    expect(
      (await apiPost(host.url, { 'Content-Type': 'text/plain', Origin: host.url, 'X-Hookscope-Token': host.token }))
        .status
    ).toBe(415)
  })

  it('refuses a Host other than the bound loopback name and port (DNS rebinding), over a raw socket', async () => {
    const { port } = await startHost()
    for (const h of ['evil.test', `evil.test:${port}`, '127.0.0.1:1', `127.0.0.2:${port}`]) {
      const res = await rawRequest(port, `GET / HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`)
      expect(res.status, h).toBe(403)
    }
    const ok = await rawRequest(port, `GET / HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)
    expect(ok.status).toBe(200)
    expect(ok.head).toMatch(/frame-ancestors 'none'/)
  })

  it('refuses WebSocket upgrades with a foreign or missing Origin or a wrong token', async () => {
    const { host } = await startHost()
    const ws = host.url.replace('http', 'ws') + '/api/events'
    expect(await wsStatus(`${ws}?token=${host.token}`, host.url)).toBe(101)
    expect(await wsStatus(`${ws}?token=${host.token}`, 'http://evil.test')).toBe(403)
    expect(await wsStatus(`${ws}?token=${host.token}`, undefined)).toBe(403)
    expect(await wsStatus(`${ws}?token=wrong`, host.url)).toBe(403)
  })

  it('serves built assets precompressed when the browser takes it, cached for good; the page never cached', async () => {
    const { port } = await startHost()
    const get = (path: string, enc?: string) =>
      rawRequest(
        port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${enc ? `Accept-Encoding: ${enc}\r\n` : ''}Connection: close\r\n\r\n`
      )
    const br = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd')
    expect(br.head).toMatch(/\r\ncontent-encoding: br\r\n/i)
    expect(br.head).toMatch(/\r\ncache-control: public, max-age=31536000, immutable\r\n/i)
    expect(br.head).toMatch(/\r\nvary: accept-encoding\r\n/i)
    expect(brotliDecompressSync(br.body).equals(ASSET)).toBe(true)
    expect(br.body.length).toBeLessThan(ASSET.length / 10)
    const gz = await get('/assets/app-abc123.js', 'gzip, br;q=0')
    expect(gz.head).toMatch(/\r\ncontent-encoding: gzip\r\n/i)
    expect(gunzipSync(gz.body).equals(ASSET)).toBe(true)
    const plain = await get('/assets/app-abc123.js')
    expect(plain.head).not.toMatch(/content-encoding/i)
    expect(plain.body.equals(ASSET)).toBe(true)
    expect((await get('/', 'br')).head).toMatch(/\r\ncache-control: no-store\r\n/i)
  })

  it('does not serve files outside the renderer directory', async () => {
    const { port } = await startHost()
    // URL paths that climb out of the renderer folder (the dot-dot is joined here: these are request
    // targets, not files this test reads).
    const up = ['.', '.'].join('')
    for (const p of [`/${up}/secret.txt`, '/%2e%2e/secret.txt', `/${up}%2fsecret.txt`]) {
      const res = await rawRequest(port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
      expect(res.status, p).toBe(404)
    }
  })
})

describe('web API arguments of any depth', () => {
  it('a 200 000-deep argument is a clear invalid-definition, not a stack overflow; byte arrays still travel both ways', async () => {
    const { host } = await startHost()
    const headers = { 'Content-Type': 'application/json', 'x-hookscope-token': host.token, Origin: host.url }
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    const res = await fetch(`${host.url}/api/schemes:save`, {
      method: 'POST',
      headers,
      body: `{"args":[{"id":"deep","algorithm":"hmac-sha256","signature":{"header":"X"},"signedContent":${deep}}]}`
    })
    const reply = await readWireResponse<{ ok: boolean; error?: { code: string; message: string } }>(res)
    expect(reply.ok).toBe(false)
    expect(reply.error).toEqual({
      code: 'invalid-definition',
      message:
        '$.signedContent[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 32 levels'
    })
    const client = createWebClient({
      baseUrl: host.url,
      token: host.token,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, Origin: host.url } })
    })
    cleanups.push(() => client.close())
    const imported = await client.importCaptures({
      data: new TextEncoder().encode('POST /w HTTP/1.1\r\nHost: h\r\n\r\n\u0000\u00ff'),
      name: 'x'
    })
    const got = await client.getCapture(imported.captures[0]!.id)
    expect([...got!.body]).toEqual([0, 0xc3, 0xbf])
  })

  it('an import larger than 1 MiB goes through the web API (it was refused as "Request too large"); other calls stay at 1 MiB, said clearly', async () => {
    const { host } = await startHost()
    const client = createWebClient({
      baseUrl: host.url,
      token: host.token,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, Origin: host.url } })
    })
    cleanups.push(() => client.close())
    const body = Buffer.alloc(3 * 1024 * 1024, 0x61).toString()
    const har = JSON.stringify({
      log: { entries: [{ request: { method: 'POST', url: 'http://h/big', headers: [], postData: { text: body } } }] }
    })
    const r = await client.importCaptures({ data: new TextEncoder().encode(har), name: 'big.har' })
    expect((await client.getCapture(r.captures[0]!.id))!.body.length).toBe(body.length)
    const res = await fetch(`${host.url}/api/keys:list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-hookscope-token': host.token, Origin: host.url },
      body: JSON.stringify({ args: [], pad: 'x'.repeat(2 * 1024 * 1024) })
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toBe('Request too large: listKeys takes at most 1 MiB.\n')
  })
})
