import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { CLI, startHostProcess } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { tempDir } from '../helpers/tmp'

const run = promisify(execFile)

interface Row {
  method: string
  target: string
  rawHeaders: [string, string][]
  bodyBase64: string
}

async function ndjson(dataDir: string): Promise<Row[]> {
  const { stdout } = await run(process.execPath, [
    CLI,
    'export',
    '--data-dir',
    dataDir,
    '--format',
    'ndjson',
    '--include-secrets'
  ])
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row)
}

describe('HAR round trip', () => {
  it('export → import yields the same requests, bodies byte-identical; the default export has no secrets or signatures', async () => {
    const from = tempDir()
    const host = await startHostProcess(from)
    const bin = Buffer.concat([randomBytes(512), Buffer.from([0xff, 0x00])])
    await postHttp(`${host.listenUrl}/apsdai/hooks?x=1`, '{"order_id":"A1"}', {
      'Content-Type': 'application/json',
      'X-Apsdai-Event': 'order_pay_hook',
      'X-Apsdai-Token': 'tok%2Bsecret',
      'X-Apsdai-Timestamp': '1795435200000'
    })
    await postHttp(`${host.listenUrl}/bin`, bin, {
      'Content-Type': 'application/octet-stream',
      Authorization: 'Bearer sk_live_canary'
    })
    await postHttp(`${host.listenUrl}/utf8?event=x&api_key=qs_canary_key`, 'café ✓ 語雀', {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Functions-Key': 'fn_canary',
      'Ocp-Apim-Subscription-Key': 'apim_canary',
      'X-Hook-Secret': 'hook_canary'
    })
    await host.interrupt()

    const dir = tempDir()
    const full = join(dir, 'full.har')
    await run(process.execPath, [
      CLI,
      'export',
      '--data-dir',
      from,
      '--format',
      'har',
      '--include-secrets',
      '--out',
      full
    ])
    const redacted = (await run(process.execPath, [CLI, 'export', '--data-dir', from, '--format', 'har'])).stdout
    expect(redacted).not.toContain('sk_live_canary')
    expect(redacted).not.toContain('tok%2Bsecret')
    for (const canary of ['qs_canary_key', 'fn_canary', 'apim_canary', 'hook_canary'])
      expect(redacted).not.toContain(canary)
    expect(redacted).toContain('event=x')
    expect(redacted).toContain('[redacted]')
    const redactedNdjson = (await run(process.execPath, [CLI, 'export', '--data-dir', from, '--format', 'ndjson']))
      .stdout
    for (const canary of ['qs_canary_key', 'fn_canary', 'sk_live_canary']) expect(redactedNdjson).not.toContain(canary)

    const to = tempDir()
    await run(process.execPath, [CLI, 'import', '--har', full, '--data-dir', to])
    const a = await ndjson(from)
    const b = await ndjson(to)
    const strip = (rows: Row[]) =>
      rows.map((r) => ({ method: r.method, target: r.target, rawHeaders: r.rawHeaders, bodyBase64: r.bodyBase64 }))
    expect(strip(b)).toEqual(strip(a))
    expect(Buffer.from(b[1]!.bodyBase64, 'base64').equals(bin)).toBe(true)
  })

  it('says what is wrong with a file that is not HAR', async () => {
    const f = join(tempDir(), 'x.har')
    writeFileSync(f, '{"log":{}}')
    const r = await run(process.execPath, [CLI, 'import', '--har', f, '--data-dir', tempDir()]).catch(
      (e: { code: number; stderr: string }) => e
    )
    expect((r as { stderr: string }).stderr).toContain('Not a HAR file: no log.entries.')
  })
})
