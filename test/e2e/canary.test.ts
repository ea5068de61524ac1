import { execFile } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fromWire, fromWireFrames, WIRE_BYTES_TYPE } from '@shared/api/wire'
import { CLI, startHostProcess } from '../helpers/host-process'
import { tempDir } from '../helpers/tmp'

const run = promisify(execFile)

describe('a canary secret in the vault stays secret (web mode)', () => {
  it('is absent from the database and WAL, the host output, API responses, WebSocket messages and exports — except the explicit reveal', async () => {
    const canary = 'CANARY' + randomBytes(16).toString('hex')
    const dataDir = tempDir()
    const host = await startHostProcess(dataDir)
    const origin = host.uiUrl
    const token = new URL(host.openUrl).searchParams.get('token')!
    const seen: string[] = []
    let lastValue: unknown = null
    const call = async (channel: string, ...args: unknown[]): Promise<string> => {
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Hookscope-Token': token },
        body: JSON.stringify({ args })
      })
      const bytes = new Uint8Array(await res.arrayBuffer())
      lastValue = (res.headers.get('content-type') ?? '').startsWith(WIRE_BYTES_TYPE)
        ? fromWireFrames<{ value: unknown }>(bytes).value
        : fromWire<{ value: unknown }>(new TextDecoder().decode(bytes)).value
      return new TextDecoder().decode(bytes)
    }
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/events?token=${token}`, { origin })
    ws.on('message', (m) => seen.push(m.toString()))
    await new Promise((r) => ws.once('open', r))

    // Use it for real: a passphrase-sealed key, an endpoint with it, a verified delivery.
    seen.push(await call('vault:passphrase', 'canary test passphrase'))
    const imported = JSON.parse(await call('keys:import', { name: 'canary', material: canary })) as {
      value: { id: number }
    }
    seen.push(JSON.stringify(imported))
    seen.push(
      await call('endpoints:save', {
        name: 'c',
        pathPrefix: '/c',
        scheme: 'github',
        keyIds: [imported.value.id],
        reply: { status: 200, headers: [], body: 'ok', delayMs: 0, failureRate: 0 },
        params: {}
      })
    )
    const body = '{"a":1}'
    await fetch(`${host.listenUrl}/c/hook`, {
      method: 'POST',
      body,
      headers: { 'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', canary).update(body).digest('hex') }
    })
    const list = await call('captures:list', {})
    expect(list).toContain('"verdict":"valid"')
    seen.push(
      list,
      await call('keys:list'),
      await call('vault:status'),
      await call('endpoints:list'),
      await call('captures:get', 1)
    )

    // Token and APSDAI schemes: the expected value / signed content contain the secret itself.
    const keyId = imported.value.id
    await fetch(`${host.listenUrl}/t/hook`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-Gitlab-Token': 'wrong-token' }
    })
    const ts = String(Date.now())
    await fetch(`${host.listenUrl}/a/hook`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-Apsdai-Token': 'd3Jvbmc%3D', 'X-Apsdai-Timestamp': ts }
    })
    const ids = (JSON.parse(await call('captures:list', {})) as { value: { items: { id: number; target: string }[] } })
      .value.items
    const idOf = (t: string) => ids.find((c) => c.target === t)!.id
    for (const [target, scheme] of [
      ['/t/hook', 'gitlab'],
      ['/a/hook', 'apsdai-password'],
      ['/a/hook', 'apsdai']
    ] as const) {
      const verdict = await call('captures:verify', idOf(target), { scheme, keyIds: [keyId] })
      expect(verdict, `${scheme} shows where the secret was`).toMatch(/\[secret [0-9a-f ]+: \d+ bytes\]/)
      seen.push(verdict)
    }
    // The composer signs with the real secret (the receiver gets it) and shows and keeps it masked.
    let received = ''
    const receiver = createServer((req, res) => {
      received = String(req.headers['x-gitlab-token'])
      res.end('ok')
    }).listen(0, '127.0.0.1')
    await once(receiver, 'listening')
    const composed = {
      method: 'POST',
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gl`,
      headers: [['X-Test', '1']],
      body: { $bytes: '' }
    }
    const sent = await call('compose:send', composed, { sign: { scheme: 'gitlab', keyId } })
    expect(received).toBe(canary)
    seen.push(sent)
    const historyId = (lastValue as { historyId: number }).historyId
    seen.push(await call('compose:history'), await call('compose:get', historyId))
    receiver.close()

    const revealed = await call('keys:reveal', imported.value.id)
    expect(revealed).toContain(canary)

    // While running, the WAL holds the latest pages: check it before shutdown checkpoints it away.
    const files = readdirSync(dataDir)
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true)
    for (const f of files) expect(readFileSync(join(dataDir, f)).includes(canary), `${f} while running`).toBe(false)
    ws.close()
    expect(await host.interrupt()).toBe(0)
    const exported = (
      await run(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--format', 'ndjson', '--include-secrets'])
    ).stdout
    const har = (await run(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--format', 'har'])).stdout
    for (const [what, text] of [
      ['API responses and WebSocket messages', seen.join('\n')],
      ['host output', host.output()],
      ['ndjson export', exported],
      ['HAR export', har]
    ] as const) {
      expect(text.includes(canary), what).toBe(false)
    }
    for (const f of readdirSync(dataDir)) expect(readFileSync(join(dataDir, f)).includes(canary), f).toBe(false)
  })
})
