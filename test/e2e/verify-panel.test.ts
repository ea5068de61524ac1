import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import { ROOT, type HostProcess } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'

let browser: Browser
let host: HostProcess
const session = uiSession()
beforeAll(() => {
  ;({ browser, host } = session)
})

const hmac = (alg: string, key: string | Buffer, data: string) => createHmac(alg, key).update(data).digest()

async function openCapture(path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage()
  await page.goto(host.openUrl)
  await page.locator('[data-capture-id]').filter({ hasText: path }).first().click()
  await page.getByTestId('verify-panel').waitFor()
  return page
}

async function pasteKey(page: Page, key: string): Promise<void> {
  await page.getByLabel('Key', { exact: true }).fill(key)
}

describe('verify panel (pasted key, verified in the renderer)', () => {
  it('a GitHub delivery signed with Node crypto is valid, a tampered TikiNOW one names the mismatch', async () => {
    const body = '{"action":"opened","number":7}'
    await postHttp(`${host.listenUrl}/gh`, body, {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'pull_request',
      'X-Hub-Signature-256': 'sha256=' + hmac('sha256', 'gh-secret', body).toString('hex')
    })
    const page = await openCapture('/gh')
    await pasteKey(page, 'gh-secret')
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    expect(await page.getByTestId('verify-message').textContent()).toBe('Valid GitHub signature.')
    expect(await page.getByTestId('signed-content').textContent()).toBe(body)

    const tiki = '{"type":"inventory_stock","data":{"sku":"S1","qty":11}}'
    const sig = 'sha1=' + hmac('sha1', 'abcdefghijklmnopqrstuvwxyz012345', tiki).toString('hex')
    await postHttp(`${host.listenUrl}/tiki`, tiki.replace('11', '12'), { 'Content-Type': 'application/json', 'x-signature': sig })
    const p2 = await openCapture('/tiki')
    await pasteKey(p2, 'abcdefghijklmnopqrstuvwxyz012345')
    await expect.poll(() => p2.getByTestId('verify-badge').textContent()).toBe('signature-mismatch')
    await page.context().close()
    await p2.context().close()
  })

  it('a Stripe-style delivery signed with the base64-decoded secret shows the secret-encoding finding', async () => {
    const secret = 'whsec_c2VjcmV0LWJ5dGVzLWZvci1zdHJpcGU='
    const body = '{"id":"evt_1","type":"invoice.paid"}'
    const t = Math.floor(Date.now() / 1000)
    // The sender base64-decoded the part after whsec_, where Stripe uses the whole secret as text.
    const v1 = hmac('sha256', Buffer.from(secret.slice(6), 'base64'), `${t}.${body}`).toString('hex')
    await postHttp(`${host.listenUrl}/stripe`, body, { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` })
    const page = await openCapture('/stripe')
    await pasteKey(page, secret)
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('signature-mismatch')
    await expect.poll(() => page.getByTestId('diagnosis').textContent()).toContain('prefix removed and the rest base64-decoded')
    await page.screenshot({ path: join(ROOT, 'docs', 'verify-failed.png') })
    await page.context().close()
  })

  it('APSDAI: valid, and the panel says the body is not covered', async () => {
    const ts = String(Date.now())
    const token = encodeURIComponent(hmac('sha256', 'aps-secret', `${ts}\naps-secret`).toString('base64'))
    await postHttp(`${host.listenUrl}/apsdai`, '{"order_id":"A1"}', {
      'Content-Type': 'application/json',
      'User-Agent': 'apsdai-hook',
      'X-Apsdai-Event': 'order_pay_hook',
      'X-Apsdai-Timestamp': ts,
      'X-Apsdai-Token': token
    })
    const page = await openCapture('/apsdai')
    await pasteKey(page, 'aps-secret')
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    expect(await page.getByTestId('verify-result').textContent()).toContain('NOT the body')
    await page.context().close()
  })
})
