import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CLI, startHostProcess } from '../helpers/host-process'
import { rawRequest } from '../helpers/raw-http'
import { tempDir } from '../helpers/tmp'

const run = promisify(execFile)

interface Exported {
  method: string
  target: string
  httpVersion: string
  rawHeaders: [string, string][]
  bodyBase64: string
  receivedAt: number
  truncated: boolean
}

async function exportNdjson(dataDir: string, ...flags: string[]): Promise<Exported[]> {
  const { stdout } = await run(
    process.execPath,
    [CLI, 'export', '--data-dir', dataDir, '--format', 'ndjson', ...flags],
    {
      maxBuffer: 64 * 1024 * 1024
    }
  )
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Exported)
}

describe('hookscope serve + export: byte-exact round trip', () => {
  it('stores curl and raw-socket requests byte-identical and exports them exactly', async () => {
    const dataDir = tempDir()
    const host = await startHostProcess(dataDir)
    const port = Number(new URL(host.listenUrl).port)
    const work = tempDir()

    // 1. curl: binary body with invalid UTF-8.
    const binary = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), randomBytes(4096)])
    writeFileSync(join(work, 'bin'), binary)
    await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-X',
      'POST',
      '--data-binary',
      `@${join(work, 'bin')}`,
      '-H',
      'Content-Type: application/octet-stream',
      `${host.listenUrl}/binary`
    ])

    // 2. curl: gzip body with Content-Encoding: gzip (kept compressed).
    const gz = gzipSync(Buffer.from(JSON.stringify({ event: 'order_pay_hook', amount: 42 })))
    writeFileSync(join(work, 'gz'), gz)
    await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '--data-binary',
      `@${join(work, 'gz')}`,
      '-H',
      'Content-Encoding: gzip',
      '-H',
      'Content-Type: application/json',
      `${host.listenUrl}/gzip`
    ])

    // 3. curl: a 5 MB JSON body.
    const big = Buffer.from(
      JSON.stringify({ items: Array.from({ length: 125_000 }, (_, i) => ({ i, name: `item-${i}`, ok: i % 2 === 0 })) })
    )
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024 - 1)
    writeFileSync(join(work, 'big'), big)
    await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '--data-binary',
      `@${join(work, 'big')}`,
      '-H',
      'Content-Type: application/json',
      `${host.listenUrl}/big`
    ])

    // 4. raw socket: mixed-case and repeated headers, an encoded query, a secret header.
    const rawBody = Buffer.from('{"name":"payment_intent.succeeded"}')
    const target = '/useepay/notify?merchant_no=M%20001&sig=a%2Bb%3D%3D&x=%E2%9C%93&x=2'
    const head =
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Apsdai-Event: order_pay_hook\r\nx-apsdai-event: again\r\n` +
      `X-CUSTOM-Case: MiXeD\r\nAuthorization: Bearer sk_live_canary\r\nStripe-Signature: t=1,v1=abc\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${rawBody.length}\r\n\r\n`
    const res = await rawRequest(port, Buffer.concat([Buffer.from(head, 'latin1'), rawBody]))
    expect(res.status).toBe(200)

    expect(await host.interrupt()).toBe(0)
    expect(host.output()).toMatch(/Shutting down/)

    const rows = await exportNdjson(dataDir)
    const by = (t: string) => rows.find((r) => r.target === t)!
    expect(Buffer.from(by('/binary').bodyBase64, 'base64').equals(binary)).toBe(true)
    expect(Buffer.from(by('/gzip').bodyBase64, 'base64').equals(gz)).toBe(true)
    expect(by('/gzip').rawHeaders).toContainEqual(['Content-Encoding', 'gzip'])
    expect(Buffer.from(by('/big').bodyBase64, 'base64').equals(big)).toBe(true)
    // The default export hides the credential query parameter (sig) and keeps the rest of the target.
    const raw = by('/useepay/notify?merchant_no=M%20001&sig=%5Bredacted%5D&x=%E2%9C%93&x=2')
    expect(Buffer.from(raw.bodyBase64, 'base64').equals(rawBody)).toBe(true)
    expect(raw.httpVersion).toBe('1.1')
    expect(raw.rawHeaders).toEqual([
      ['Host', `127.0.0.1:${port}`],
      ['X-Apsdai-Event', 'order_pay_hook'],
      ['x-apsdai-event', 'again'],
      ['X-CUSTOM-Case', 'MiXeD'],
      ['Authorization', '[redacted]'],
      ['Stripe-Signature', '[redacted]'],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(rawBody.length)]
    ])
    expect(JSON.stringify(rows)).not.toContain('sk_live_canary')
    expect(JSON.stringify(rows)).not.toContain('a%2Bb%3D%3D')

    const withSecrets = await exportNdjson(dataDir, '--include-secrets')
    expect(withSecrets.find((r) => r.target === target)!.rawHeaders).toContainEqual([
      'Authorization',
      'Bearer sk_live_canary'
    ])
  })

  it('exports HAR 1.2 with binary bodies as base64 and secrets redacted', async () => {
    const dataDir = tempDir()
    const host = await startHostProcess(dataDir)
    await fetch(`${host.listenUrl}/har?x=1`, {
      method: 'POST',
      body: new Uint8Array([0xff, 0x00, 0x01]),
      headers: { Authorization: 'Bearer canary-token' }
    })
    await fetch(`${host.listenUrl}/text`, { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } })
    await host.interrupt()
    const { stdout } = await run(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--format', 'har'])
    const har = JSON.parse(stdout) as {
      log: {
        version: string
        entries: {
          request: {
            url: string
            headers: { name: string; value: string }[]
            postData: { text: string; encoding?: string }
          }
        }[]
      }
    }
    expect(har.log.version).toBe('1.2')
    const [bin, text] = har.log.entries
    expect(bin!.request.postData).toMatchObject({
      text: Buffer.from([0xff, 0, 1]).toString('base64'),
      encoding: 'base64'
    })
    expect(bin!.request.url).toMatch(/\/har\?x=1$/)
    expect(text!.request.postData.text).toBe('hello')
    expect(stdout).not.toContain('canary-token')
  })

  it('names a busy listen port and exits non-zero', async () => {
    const first = await startHostProcess(tempDir())
    const port = new URL(first.listenUrl).port
    const r = await run(process.execPath, [
      CLI,
      'serve',
      '--listen',
      `127.0.0.1:${port}`,
      '--ui',
      '127.0.0.1:0',
      '--data-dir',
      tempDir()
    ]).catch((e: { code: number; stderr: string }) => e)
    await first.interrupt()
    expect((r as { code: number }).code).toBe(1)
    expect((r as { stderr: string }).stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`)
  })
})
