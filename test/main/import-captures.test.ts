import { createHmac } from 'node:crypto'
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { dispatch } from '@main/api/dispatch'
import type { CapturedRequest, CaptureSummary } from '@shared/model/capture'
import { importCurl } from '@shared/http/import/curl'
import { importRawHttp } from '@shared/http/import/raw'
import { importHar } from '@shared/http/import/har'
import { captureCurl } from '@shared/http/curl'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { tempDir } from '../helpers/tmp'
import { rawRequest } from '../helpers/raw-http'

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const cores: HookscopeCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})

async function start(): Promise<HookscopeCore> {
  const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 }, now: () => NOW })
  cores.push(c)
  await c.start()
  return c
}

const nextCapture = (c: HookscopeCore): Promise<CaptureSummary> =>
  new Promise((resolve) => {
    const off = c.events.on('captures:added', (s) => {
      off()
      resolve(s[0]!)
    })
  })

const wire = (c: CapturedRequest) => ({
  method: c.method,
  target: c.target,
  rawHeaders: c.rawHeaders,
  body: Buffer.from(c.body).toString('hex')
})
const enc = (s: string | Buffer) => new Uint8Array(typeof s === 'string' ? Buffer.from(s) : s)

/** Commands as people paste them: from docs, from browsers' "Copy as cURL (bash)", and Hookscope's own. */
const COMMANDS = (url: string) => [
  `curl -X POST '${url}/hooks/a?x=1' -H 'Content-Type: application/json' --data '{"team":"team.liu","amount":12.3}'`,
  `curl '${url}/hooks/b' \\\n  -H 'X-Signature: sha256=abc' \\\n  -H 'Accept: application/json' \\\n  -H 'User-Agent: Acme/1' \\\n  --data-raw $'{"note":"it\\'s \\u00e9"}'`,
  `curl -sS -u merchant:p%40ss -e https://ref.example -b 'sid=1' -A agent/2 -H 'X-Empty;' -H 'Expect:' -d 'a=1' -d 'b=two words' ${url}/hooks/c`,
  `curl --json '{"k":[1,2]}' "${url}/hooks/d"`,
  `curl -G --data-urlencode 'q=a b&c' -H 'Host: example.test' ${url}/hooks/e`,
  `curl -X PUT --data-binary 'line1\nline2' -H 'Content-Type: text/plain' -H 'Content-Length: 11' ${url}/hooks/f`
]

describe.runIf(hasCurl)('importing a curl command stores what curl would send', () => {
  it('each command, run by curl against the listener, stores the same method, target, headers and body as its import', async () => {
    const c = await start()
    const url = c.status().url!
    for (const command of COMMANDS(url)) {
      const sent = nextCapture(c)
      // bash: browsers' commands use its $'…' quoting.
      await promisify(execFile)('bash', ['-c', `${command} --max-time 10 > /dev/null`])
      const live = (await c.methods.getCapture((await sent).id))!
      const imported = await dispatch(c.methods, 'importCaptures', [{ data: enc(command) }])
      const r = imported as { format: string; captures: CaptureSummary[] }
      expect(r.format).toBe('curl')
      const stored = (await c.methods.getCapture(r.captures[0]!.id))!
      expect(wire(stored), command).toEqual(wire(live))
      expect(stored.imported).toBe('curl')
      expect(stored.receivedAt).toBe(NOW)
    }
  })

  it("Hookscope's own Copy as curl (printf | curl for binary) imports to the capture it came from", async () => {
    const c = await start()
    const port = Number(new URL(c.status().url!).port)
    const body = Buffer.from([0x7b, 0x00, 0xff, 0x27, 0x25, 0x5c, 0x0a, 0x7d])
    const head = `POST /bin?z=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: Acme\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`
    const sent = nextCapture(c)
    expect((await rawRequest(port, Buffer.concat([Buffer.from(head), body]))).status).toBe(200)
    const original = (await c.methods.getCapture((await sent).id))!
    const command = captureCurl(original, `http://127.0.0.1:${port}`)
    expect(command).toMatch(/^printf /)
    const r = await c.methods.importCaptures({ data: enc(command) })
    expect(wire((await c.methods.getCapture(r.captures[0]!.id))!)).toEqual(wire(original))
  })
})

describe('importing a raw request and a HAR file', () => {
  it('a raw request keeps header order, case and body bytes; its endpoint verdict and time are set', async () => {
    const c = await start()
    const body = Buffer.concat([Buffer.from('{"b":"'), Buffer.from([0xe9, 0x00]), Buffer.from('"}')])
    const raw = Buffer.concat([
      Buffer.from(
        `POST /raw/x?y=1 HTTP/1.1\r\nhost: api.example\r\nX-B: 2\r\nx-a: 1\r\nContent-Length: ${body.length}\r\n\r\n`
      ),
      body
    ])
    const r = await c.methods.importCaptures({ data: enc(raw), name: 'log.txt' })
    expect(r).toMatchObject({ format: 'http', notes: [] })
    const s = (await c.methods.getCapture(r.captures[0]!.id))!
    expect(s.rawHeaders).toEqual([
      ['host', 'api.example'],
      ['X-B', '2'],
      ['x-a', '1'],
      ['Content-Length', String(body.length)]
    ])
    expect(Buffer.from(s.body).equals(body)).toBe(true)
    expect(s).toMatchObject({
      method: 'POST',
      target: '/raw/x?y=1',
      imported: 'http',
      remoteAddress: 'imported: log.txt',
      replyStatus: 0
    })
  })

  it('a request copied with bare newlines, a chunked body, and a Content-Length that disagrees (said, not fixed)', () => {
    const lf = importRawHttp(enc('\nPOST /a HTTP/1.1\nContent-Type: text/plain\nContent-Length: 99\n\nhello\n'))
    expect(lf.request.body).toEqual(enc('hello\n'))
    expect(lf.notes[0]).toMatch(/Content-Length says 99 bytes; the pasted body is 6/)
    const chunked = importRawHttp(
      enc('POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')
    )
    expect(new TextDecoder().decode(chunked.request.body)).toBe('hello world')
    expect(() => importRawHttp(enc('hello there\n'))).toThrow(/not an HTTP request line/)
    expect(() => importRawHttp(enc('POST /a HTTP/1.1\r\n folded: x\r\n\r\n'))).toThrow(/folded/)
  })

  it('HAR: every entry, base64 bodies, HTTP/2 pseudo-headers, the entry time', () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-11-20T10:00:00.000Z',
            request: {
              method: 'POST',
              url: 'https://shop.example/hooks/h?x=1',
              httpVersion: 'HTTP/2',
              headers: [
                { name: ':authority', value: 'shop.example' },
                { name: ':path', value: '/hooks/h?x=1' },
                { name: 'content-type', value: 'application/octet-stream' }
              ],
              postData: {
                mimeType: 'application/octet-stream',
                text: Buffer.from([0, 1, 255]).toString('base64'),
                encoding: 'base64'
              }
            }
          },
          { request: { method: 'get', url: 'not a url', headers: [] } }
        ]
      }
    }
    const r = importHar(JSON.stringify(har))
    expect(r.requests).toHaveLength(1)
    expect(r.requests[0]).toMatchObject({
      method: 'POST',
      target: '/hooks/h?x=1',
      httpVersion: '2.0',
      sentAt: Date.parse('2026-11-20T10:00:00Z')
    })
    expect(r.requests[0]!.rawHeaders).toEqual([
      ['Host', 'shop.example'],
      ['content-type', 'application/octet-stream']
    ])
    expect([...r.requests[0]!.body]).toEqual([0, 1, 255])
    expect(r.notes[0]).toMatch(/Entry 2: "not a url" is not a URL/)
    expect(() => importHar('{"log":{}}')).toThrow(/Not a HAR file/)
  })

  it('refuses what would read files or run anything, with a reason', () => {
    const v = { curlVersion: '8.0.0' }
    expect(() => importCurl('curl -d @/etc/passwd http://x/', v)).toThrow(/reads a file/)
    expect(() => importCurl('curl -F a=@f http://x/', v)).toThrow(/not supported here/)
    expect(() => importCurl('curl http://x/$(id)', v)).toThrow(/shell expansion/)
    expect(() => importCurl('curl http://x/; rm -rf /', v)).toThrow(/single curl command/)
    expect(() => importCurl('wget http://x/', v)).toThrow(/not a curl command/)
    expect(() => importCurl("curl 'http://x/", v)).toThrow(/not closed/)
  })
})

describe('empty input through the API', () => {
  it('says there is nothing to import (it was refused as a size problem)', async () => {
    const c = await start()
    for (const data of [new Uint8Array(), enc('  \n\t ')]) {
      await expect(dispatch(c.methods, 'importCaptures', [{ data }])).rejects.toMatchObject({
        code: 'invalid-import',
        message: 'Nothing to import: the text is empty.'
      })
    }
  })
})

describe('import and retention agree', () => {
  const har = (dates: number[]) =>
    enc(
      JSON.stringify({
        log: {
          entries: dates.map((t, i) => ({
            startedDateTime: new Date(t).toISOString(),
            request: { method: 'POST', url: `http://h/imp/${i}`, headers: [] }
          }))
        }
      })
    )
  const day = 86_400_000

  it('"delete after 7 days": old entries are imported pinned, said so, and still there after retention runs', async () => {
    const c = await start()
    await c.methods.updateSettings({ ...(await c.methods.getSettings()), keepDays: 7 }, false)
    const r = await c.methods.importCaptures({ data: har([NOW - 30 * day, NOW - 20 * day, NOW - day]) })
    expect(r.captures).toHaveLength(3)
    expect(r.notes).toContain(
      '2 imported captures are older than "delete after 7 days" and pinned so retention keeps them. Unpin to let it remove them.'
    )
    // A live delivery commits with retention again.
    await fetch(`${c.status().url}/live`, { method: 'POST', body: 'x' })
    const items = (await c.methods.listCaptures({})).items
    expect(items.map((i) => i.target).sort()).toEqual(['/imp/0', '/imp/1', '/imp/2', '/live'])
    expect(
      items
        .filter((i) => i.pinned)
        .map((i) => i.target)
        .sort()
    ).toEqual(['/imp/0', '/imp/1'])
  })

  it('"keep the last 2": imports are pinned so they neither vanish nor push out the captures already there', async () => {
    const c = await start()
    await c.methods.updateSettings({ ...(await c.methods.getSettings()), keepLast: 2 }, false)
    for (const p of ['/mine/1', '/mine/2']) await fetch(`${c.status().url}${p}`, { method: 'POST', body: 'x' })
    const r = await c.methods.importCaptures({ data: har([NOW, NOW, NOW]) })
    expect(r.notes.at(-1)).toMatch(/^"Keep the last 2" is on: the 3 imported captures are pinned/)
    const targets = (await c.methods.listCaptures({})).items.map((i) => i.target).sort()
    expect(targets).toEqual(['/imp/0', '/imp/1', '/imp/2', '/mine/1', '/mine/2'])
    expect(await c.methods.countCaptures({})).toBe(5)
  })
})

describe('one capture path for the listener and for import', () => {
  it('a HAR of a live delivery gets the same endpoint, provider, event and verdict as the delivery itself', async () => {
    const c = await start()
    const key = await c.methods.importKey({ name: 'gh', material: 'gh-secret' })
    await c.methods.saveEndpoint({
      name: 'gh',
      pathPrefix: '/gh',
      scheme: 'github',
      keyIds: [key.id],
      reply: DEFAULT_REPLY_RULE,
      params: {},
      forwardTo: null
    })
    const body = '{"action":"opened","number":7}'
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'pull_request'],
      ['X-GitHub-Delivery', 'd-1'],
      ['X-Hub-Signature-256', `sha256=${createHmac('sha256', 'gh-secret').update(body).digest('hex')}`]
    ]
    await fetch(`${c.status().url}/gh/hook`, { method: 'POST', headers, body })
    await fetch(`${c.status().url}/elsewhere`, { method: 'POST', headers, body })
    const har = {
      log: {
        entries: ['/gh/hook', '/elsewhere'].map((path) => ({
          startedDateTime: new Date(NOW).toISOString(),
          request: {
            method: 'POST',
            url: `http://h${path}`,
            headers: headers.map(([name, value]) => ({ name, value })),
            postData: { text: body }
          }
        }))
      }
    }
    const imported = (await c.methods.importCaptures({ data: enc(JSON.stringify(har)) })).captures
    const live = (await c.methods.listCaptures({})).items.filter((i) => i.imported === null).reverse()
    const pick = (s: CaptureSummary) => ({
      target: s.target,
      endpointId: s.endpointId,
      provider: s.provider,
      event: s.event,
      verdict: s.verdict
    })
    expect(imported.map(pick)).toEqual(live.map(pick))
    expect(pick(imported[0]!)).toEqual({
      target: '/gh/hook',
      endpointId: 1,
      provider: 'github',
      event: 'pull_request',
      verdict: 'valid'
    })
    expect(pick(imported[1]!)).toMatchObject({
      target: '/elsewhere',
      endpointId: null,
      provider: 'github',
      event: 'pull_request'
    })
  })
})
