import { execFile } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
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
    const call = async (channel: string, ...args: unknown[]): Promise<string> => {
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Hookscope-Token': token },
        body: JSON.stringify({ args })
      })
      return res.text()
    }
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/events?token=${token}`, { origin })
    ws.on('message', (m) => seen.push(m.toString()))
    await new Promise((r) => ws.once('open', r))

    // Use it for real: a passphrase-sealed key, an endpoint with it, a verified delivery.
    seen.push(await call('vault:passphrase', 'canary test passphrase'))
    const imported = JSON.parse(await call('keys:import', { name: 'canary', material: canary })) as { value: { id: number } }
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
    seen.push(list, await call('keys:list'), await call('vault:status'), await call('endpoints:list'), await call('captures:get', 1))
    const revealed = await call('keys:reveal', imported.value.id)
    expect(revealed).toContain(canary)

    // While running, the WAL holds the latest pages: check it before shutdown checkpoints it away.
    const files = readdirSync(dataDir)
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true)
    for (const f of files) expect(readFileSync(join(dataDir, f)).includes(canary), `${f} while running`).toBe(false)
    ws.close()
    expect(await host.interrupt()).toBe(0)
    const exported = (await run(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--format', 'ndjson', '--include-secrets'])).stdout
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
