import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import type { HostProcess } from '../helpers/host-process'
import { rawRequest } from '../helpers/raw-http'

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
let browser: Browser
let host: HostProcess
const session = uiSession()
beforeAll(() => {
  ;({ browser, host } = session)
})

async function saveHttp(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save .http' }).click()
  ])
  return readFileSync((await download.path())!)
}

describe.runIf(hasCurl)('Copy as curl and Save .http on a capture', () => {
  it('the copied command, run against the listener, stores a byte-identical capture; .http holds the exact request', async () => {
    const body = Buffer.concat([
      Buffer.from('{"blob":"'),
      Buffer.from([0x00, 0xff, 0x27, 0x25, 0x5c, 0x80]),
      Buffer.from('"}')
    ])
    // Host first, as providers' clients send it (curl always writes Host first).
    const port = Number(new URL(host.listenUrl).port)
    const head = [
      'POST /curl/source?n=1 HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'User-Agent: Acme-Hooks/2.1',
      'Content-Type: application/octet-stream',
      'X-Signature: sha256=abc',
      'X-Empty:',
      `Content-Length: ${body.length}`
    ]
    expect((await rawRequest(port, Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n'), body]))).status).toBe(
      200
    )
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
      acceptDownloads: true
    })
    const page = await context.newPage()
    await page.goto(host.openUrl)
    await page.locator('[data-capture-id]').filter({ hasText: '/curl/source' }).first().click()
    const original = await saveHttp(page)
    expect(original.subarray(original.length - body.length).equals(body)).toBe(true)
    expect(original.toString('latin1')).toMatch(/^POST \/curl\/source\?n=1 HTTP\/1\.1\r\n/)

    await page.getByRole('button', { name: 'Copy as curl' }).click()
    await page.getByRole('button', { name: 'Copied' }).waitFor()
    const command = await page.evaluate(() => navigator.clipboard.readText())
    expect(command).toMatch(/^printf '.*' \| curl /)
    await promisify(execFile)('sh', ['-c', `${command} --max-time 10 > /dev/null`])

    const rows = page.locator('[data-capture-id]').filter({ hasText: '/curl/source' })
    await expect.poll(() => rows.count()).toBe(2)
    const newId = await rows.first().getAttribute('data-capture-id')
    expect(newId).not.toBe(await page.getByTestId('capture-detail').getAttribute('data-detail-id'))
    await rows.first().click()
    await expect.poll(() => page.getByTestId('capture-detail').getAttribute('data-detail-id')).toBe(newId)
    const again = await saveHttp(page)
    expect(again.toString('latin1')).toBe(original.toString('latin1'))
    await context.close()
  })
})
