import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { generateWebhookSignature } from '@hygraph/utils'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import { ROOT, type HostProcess } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { useepaySeed } from '../helpers/fixtures'
import { adyenItem } from '../helpers/adyen'
import { answerVaultChoice } from '../helpers/ui-keys'

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
    await postHttp(`${host.listenUrl}/tiki`, tiki.replace('11', '12'), {
      'Content-Type': 'application/json',
      'x-signature': sig
    })
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
    await postHttp(`${host.listenUrl}/stripe`, body, {
      'Content-Type': 'application/json',
      'Stripe-Signature': `t=${t},v1=${v1}`
    })
    const page = await openCapture('/stripe')
    await pasteKey(page, secret)
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('signature-mismatch')
    await expect
      .poll(() => page.getByTestId('diagnosis').textContent())
      .toContain('prefix removed and the rest base64-decoded')
    await page.screenshot({ path: join(ROOT, 'docs', 'verify-failed.png') })
    await page.context().close()
  })

  it('RSA: a tampered body and another key get different findings (the signature opened with the public key); screenshots light and dark', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const signed = '{"id":"pay_1","amount":4200}'
    const sig = (key: typeof privateKey) => createSign('RSA-SHA256').update(signed).sign(key).toString('base64')
    await postHttp(`${host.listenUrl}/rsa/tampered`, signed.replace('4200', '4201'), {
      'Content-Type': 'application/json',
      'X-Signature': sig(privateKey)
    })
    await postHttp(`${host.listenUrl}/rsa/other-key`, signed, {
      'Content-Type': 'application/json',
      'X-Signature': sig(other.privateKey)
    })
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    const page = await openCapture('/rsa/tampered')
    await page.getByLabel('Scheme').selectOption('generic-rsa')
    await pasteKey(page, pem)
    await expect
      .poll(() => page.getByTestId('diagnosis').textContent())
      .toMatch(/^Signed by this key, over different bytes: the signature holds the SHA-256 digest/)
    await page.screenshot({ path: join(ROOT, 'docs', 'verify-rsa.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(ROOT, 'docs', 'verify-rsa-dark.png') })
    const p2 = await openCapture('/rsa/other-key')
    await p2.getByLabel('Scheme').selectOption('generic-rsa')
    await pasteKey(p2, pem)
    await expect
      .poll(() => p2.getByTestId('diagnosis').textContent())
      .toMatch(
        /^Not signed by this key: (with it, the signature opens to no PKCS#1 v1\.5 block|the signature is larger than this key allows), so another key made it/
      )
    expect(await p2.getByTestId('diagnosis').locator('li').count()).toBe(1)
    await page.context().close()
    await p2.context().close()
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

  /** A screenshot of the page in light and dark (docs/NAME.png and docs/NAME-dark.png). */
  async function shots(page: Page, name: string): Promise<void> {
    await page.getByTestId('verify-panel').scrollIntoViewIfNeeded()
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ROOT, 'docs', `${name}${scheme === 'dark' ? '-dark' : ''}.png`) })
    }
  }

  it('a failed APSDAI check lists only what applies: the timestamp unit, no body hints', async () => {
    const ts = String(Math.floor(Date.now() / 1000))
    const token = encodeURIComponent(hmac('sha256', 'aps-secret', `${ts}\naps-secret`).toString('base64'))
    await postHttp(`${host.listenUrl}/apsdai-seconds`, '{"order_id":"A2"}', {
      'Content-Type': 'application/json',
      'User-Agent': 'apsdai-hook',
      'X-Apsdai-Event': 'order_pay_hook',
      'X-Apsdai-Timestamp': ts,
      'X-Apsdai-Token': token
    })
    const page = await openCapture('/apsdai-seconds')
    await pasteKey(page, 'aps-secret')
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('stale-timestamp')
    await expect
      .poll(() => page.getByTestId('diagnosis').locator('li').allTextContents())
      .toEqual(['The timestamp is in seconds; this scheme expects milliseconds. Send Date.now() (milliseconds).'])
    await shots(page, 'verify-apsdai')
    await page.context().close()
  })

  it('Hygraph: a delivery its own SDK signed is valid with the key alone; the env field says the header carries it', async () => {
    const body = '{"operation":"publish","data":{"__typename":"Post","id":"ckx9","title":"Hello"}}'
    const secret = 'hygraph-webhook-secret'
    await postHttp(`${host.listenUrl}/hygraph`, body, {
      'Content-Type': 'application/json',
      'gcms-signature': generateWebhookSignature({ rawPayload: body, secret, environmentName: 'production' })
    })
    const page = await openCapture('/hygraph')
    expect(await page.getByLabel('env', { exact: true }).getAttribute('placeholder')).toBe(
      'from env= in gcms-signature'
    )
    await pasteKey(page, secret)
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    expect(await page.getByTestId('signed-content').textContent()).toContain('"EnvironmentName":"production"')
    await shots(page, 'verify-hygraph')
    await page.context().close()
  })

  it('an Adyen classic notification: every item checked, the changed one named', async () => {
    const key = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90'
    // Each item signed as Adyen signs it: HMAC-SHA256(hex key, psp:original:merchant:reference:value:currency:event:success).
    const item = (psp: string, value: number) => {
      const signed = adyenItem(psp, value)
      const it = signed.NotificationRequestItem
      const data = [psp, '', it.merchantAccountCode, it.merchantReference, value, 'EUR', it.eventCode, it.success].join(
        ':'
      )
      it.additionalData.hmacSignature = createHmac('sha256', Buffer.from(key, 'hex')).update(data).digest('base64')
      return signed
    }
    const doc = { live: 'false', notificationItems: [item('PSP001', 1000), item('PSP002', 2500), item('PSP003', 990)] }
    doc.notificationItems[1]!.NotificationRequestItem.amount.value = 2501
    await postHttp(`${host.listenUrl}/adyen/notify`, JSON.stringify(doc), { 'Content-Type': 'application/json' })
    const page = await openCapture('/adyen/notify')
    await pasteKey(page, key)
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('signature-mismatch')
    await expect
      .poll(() => page.getByTestId('verify-items').locator('tr').allTextContents())
      .toEqual(['item 1 · PSP001valid', 'item 2 · PSP002signature-mismatch', 'item 3 · PSP003valid'])
    expect(await page.getByTestId('verify-message').textContent()).toMatch(/^Item 2 of 3 \(PSP002\)/)
    await shots(page, 'verify-adyen-items')
    await page.context().close()
  })

  it('a UseePay form delivery: the list badge and the detail agree and name the reading that matched', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const form = /^data=%7B.*$/m.exec(useepaySeed())![0]
    const data = decodeURIComponent(form.slice(5).replace(/\+/g, ' '))
    const sign = createSign('RSA-SHA256').update(data).sign(privateKey, 'base64')
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage()
    await page.goto(host.openUrl)
    // An endpoint bound to the key, as a user sets it up, so the list shows its verdict.
    await page.getByRole('button', { name: 'Keys', exact: true }).click()
    await page.getByLabel('Key name').fill('useepay-public')
    await page.getByLabel('Key material').fill(publicKey.export({ type: 'spki', format: 'pem' }) as string)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await answerVaultChoice(page)
    await page.getByTestId('keys-table').getByText('useepay-public', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
    await page.getByLabel('Endpoint name').fill('UseePay')
    await page.getByLabel('Path prefix').fill('/useepay-v')
    await page.getByLabel('Endpoint scheme').selectOption('useepay-v2')
    await page.getByTestId('endpoints-view').getByLabel('useepay-public').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByTestId('endpoints-table').getByText('/useepay-v', { exact: true }).waitFor()
    await postHttp(`${host.listenUrl}/useepay-v/notify`, form, {
      'Content-Type': 'application/x-www-form-urlencoded',
      merchant_no: '500000000009133',
      api_version: '2024-10-10',
      app_id: 'www.pay.com',
      sign
    })
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    const row = page.locator('[data-capture-id]').filter({ hasText: '/useepay-v/notify' }).first()
    await row.click()
    expect(await row.locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid')
    await expect
      .poll(() => row.locator('[data-verdict]').getAttribute('title'))
      .toMatch(/matched: the URL-decoded value of the form field data/)
    await page.getByTestId('verify-panel').waitFor()
    await expect
      .poll(() => page.getByTestId('verify-variant').textContent())
      .toContain('the URL-decoded value of the form field data')
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    await shots(page, 'verify-useepay-variant')
    await page.context().close()
  })

  it('a GitHub delivery signed with another stored key, sent twice: the panel names that key and links the earlier capture', async () => {
    const body = '{"action":"opened","number":42}'
    const signature = 'sha256=' + hmac('sha256', 'prod-secret-9', body).toString('hex')
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage()
    await page.goto(host.openUrl)
    await page.getByRole('button', { name: 'Keys', exact: true }).click()
    for (const [name, material] of [
      ['gh staging', 'staging-secret-1'],
      ['gh production', 'prod-secret-9']
    ]) {
      await page.getByLabel('Key name').fill(name!)
      await page.getByLabel('Key material').fill(material!)
      await page.getByRole('button', { name: 'Import', exact: true }).click()
      await answerVaultChoice(page)
      await answerVaultChoice(page)
      await page.getByTestId('keys-table').getByText(name!, { exact: true }).waitFor()
    }
    await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
    await page.getByLabel('Endpoint name').fill('GitHub')
    await page.getByLabel('Path prefix').fill('/gh-rotated')
    await page.getByLabel('Endpoint scheme').selectOption('github')
    await page.getByTestId('endpoints-view').getByLabel('gh staging').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByTestId('endpoints-table').getByText('/gh-rotated', { exact: true }).waitFor()
    for (const n of [1, 2])
      await postHttp(`${host.listenUrl}/gh-rotated/push?n=${n}`, body, {
        'Content-Type': 'application/json',
        'X-Hub-Signature-256': signature
      })
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    const first = page.locator('[data-capture-id]').filter({ hasText: '/gh-rotated/push?n=1' }).first()
    const second = page.locator('[data-capture-id]').filter({ hasText: '/gh-rotated/push?n=2' }).first()
    await second.click()
    await page.getByTestId('verify-panel').waitFor()
    await expect
      .poll(() => page.getByTestId('diagnosis').textContent())
      .toContain('"gh production" matches this signature')
    const earlierId = await first.getAttribute('data-capture-id')
    await expect.poll(() => page.getByTestId('diagnosis').textContent()).toContain(`Capture #${earlierId}`)
    expect(await page.getByTestId('verify-panel').textContent()).not.toContain('prod-secret-9')
    await shots(page, 'verify-other-key')
    await page.getByRole('button', { name: `Show #${earlierId}` }).click()
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true')
    await page.context().close()
  })
})
