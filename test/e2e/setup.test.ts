import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import { ROOT, type HostProcess } from '../helpers/host-process'
import { request as httpRequest } from 'node:http'
import { addEndpoint as addEndpointIn, addKey as addKeyIn, answerVaultChoice } from '../helpers/ui-keys'

let host: HostProcess
let page: Page
const session = uiSession({ width: 1440, height: 1000 })
beforeAll(() => {
  ;({ host, page } = session)
})

/** POSTs with node:http and returns status and reply body. */
function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, host.listenUrl), { method: 'POST', headers }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const addKey = (name: string, material: string): Promise<void> => addKeyIn(page, name, material)
const addEndpoint = (name: string, prefix: string, scheme: string, keyName: string): Promise<void> =>
  addEndpointIn(page, name, prefix, scheme, keyName)

async function badgeOf(path: string): Promise<string | null> {
  await page.getByRole('button', { name: 'Captures', exact: true }).click()
  const row = page.locator('[data-capture-id]').filter({ hasText: path }).first()
  await row.waitFor()
  return row.locator('[data-verdict]').getAttribute('data-verdict')
}

async function reasonOf(path: string): Promise<string | null> {
  await page.locator('[data-capture-id]').filter({ hasText: path }).first().click()
  return page.getByTestId('verdict-reason').textContent()
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const rsaSign = (data: string) => createSign('RSA-SHA256').update(data).sign(rsa.privateKey)
const hmac = (alg: string, key: string, data: string) => createHmac(alg, key).update(data).digest()

describe('endpoints with stored keys verify every delivery at capture time (Chromium, web mode)', () => {
  it('APSDAI: pasted secret; valid token → valid (body not covered); wrong token → invalid; reply preset 200', async () => {
    await addKey('APSDAI secret', 'apsdai-merchant-secret')
    await addEndpoint('APSDAI', '/apsdai', 'apsdai', 'APSDAI secret')
    const ts = String(Date.now())
    const token = encodeURIComponent(
      hmac('sha256', 'apsdai-merchant-secret', `${ts}\napsdai-merchant-secret`).toString('base64')
    )
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'apsdai-hook',
      'X-Apsdai-Event': 'order_pay_hook',
      'X-Apsdai-Timestamp': ts
    }
    expect(await post('/apsdai/ok', '{"order_id":"A1"}', { ...headers, 'X-Apsdai-Token': token })).toEqual({
      status: 200,
      body: ''
    })
    await post('/apsdai/bad', '{"order_id":"A1"}', {
      ...headers,
      'X-Apsdai-Token': encodeURIComponent(hmac('sha256', 'wrong', `${ts}\nwrong`).toString('base64'))
    })
    expect(await badgeOf('/apsdai/ok')).toBe('not-covered')
    expect(await badgeOf('/apsdai/bad')).toBe('invalid')
    expect(await reasonOf('/apsdai/bad')).toBe('signature-mismatch')
  })

  it('TruBit: public key from the pasted create-webhook response; reply {"callbackStatus":"SUCCESS"}', async () => {
    const publicKey = (rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
    await addKey(
      'TruBit sandbox',
      JSON.stringify({ code: 200, msg: 'success', data: { webhookId: 'wh_1', publicKey } })
    )
    await addEndpoint('TruBit', '/trubit', 'trubit-velafi', 'TruBit sandbox')
    const body = '{"eventType":"ORDER_WEBHOOK","data":{"orderId":"T1","amount":"12.30"}}'
    const ok = await post('/trubit/ok', body, {
      'Content-Type': 'application/json',
      signature: rsaSign(body).toString('hex')
    })
    expect(ok).toEqual({ status: 200, body: '{"callbackStatus":"SUCCESS"}' })
    await post('/trubit/bad', body.replace('12.30', '99.30'), {
      'Content-Type': 'application/json',
      signature: rsaSign(body).toString('hex')
    })
    expect(await badgeOf('/trubit/ok')).toBe('valid')
    expect(await badgeOf('/trubit/bad')).toBe('invalid')
    expect(await reasonOf('/trubit/bad')).toBe('signature-mismatch')
  })

  it('TikiNOW: a generated 32-character secret; reply {"success":true}', async () => {
    await page.getByRole('button', { name: 'Keys', exact: true }).click()
    await page.getByLabel('Key name').fill('Tiki stock')
    await page.getByRole('button', { name: '32-char secret (TikiNOW)' }).click()
    await answerVaultChoice(page)
    const row = page.getByTestId('keys-table').locator('tr').filter({ hasText: 'Tiki stock' })
    await row.waitFor()
    await row.getByRole('button', { name: 'Reveal' }).click()
    const secret = await page.getByLabel('Secret of Tiki stock').inputValue()
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/)
    await addEndpoint('TikiNOW', '/tiki', 'tiki-tikinow', 'Tiki stock')
    const body = '{"type":"inventory_stock","data":{"sku":"S1","qty":11}}'
    const sig = 'sha1=' + hmac('sha1', secret, body).toString('hex')
    expect(await post('/tiki/ok', body, { 'Content-Type': 'application/json', 'x-signature': sig })).toEqual({
      status: 200,
      body: '{"success":true}'
    })
    await post('/tiki/bad', body.replace('11', '12'), { 'Content-Type': 'application/json', 'x-signature': sig })
    expect(await badgeOf('/tiki/ok')).toBe('valid')
    expect(await badgeOf('/tiki/bad')).toBe('invalid')
    expect(await reasonOf('/tiki/bad')).toBe('signature-mismatch')
  })

  it('UseePay: a pasted PEM public key, JSON delivery; reply 200 OK', async () => {
    await addKey('UseePay public', rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string)
    await addEndpoint('UseePay', '/useepay', 'useepay-v2', 'UseePay public')
    const body = '{"name":"payment_intent.succeeded","data":{"id":"pi_1"}}'
    const headers = {
      'Content-Type': 'application/json',
      merchant_no: '500000000007',
      api_version: '2025-11-06',
      app_id: 'app'
    }
    expect(await post('/useepay/ok', body, { ...headers, sign: rsaSign(body).toString('base64') })).toEqual({
      status: 200,
      body: 'OK'
    })
    await post('/useepay/bad', body.replace('pi_1', 'pi_2'), { ...headers, sign: rsaSign(body).toString('base64') })
    expect(await badgeOf('/useepay/ok')).toBe('valid')
    expect(await badgeOf('/useepay/bad')).toBe('invalid')
    expect(await reasonOf('/useepay/bad')).toBe('signature-mismatch')
    // The filter shows only the invalid ones.
    await page.getByLabel('Filter by signature').selectOption('invalid')
    await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(4)
    await page.screenshot({ path: join(ROOT, 'docs', 'endpoints-verdicts.png') })
    await page.getByLabel('Filter by signature').selectOption('')
  })

  it("the verify panel checks with the endpoint's stored keys (in the host) and offers receiver code", async () => {
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    await page.locator('[data-capture-id]').filter({ hasText: '/tiki/ok' }).first().click()
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    await page.locator('[data-capture-id]').filter({ hasText: '/tiki/bad' }).first().click()
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('signature-mismatch')
    expect(await page.getByLabel('Key source').inputValue()).toBe('endpoint')
    await page.getByRole('button', { name: 'Receiver code…' }).click()
    await page.getByRole('tab', { name: 'Python' }).click()
    expect(await page.getByTestId('receiver-code').textContent()).toContain('def verify_tiki_tikinow(')
  })

  it('a scheme written as JSON is validated as you type, saved, and offered to endpoints', async () => {
    await page.getByRole('button', { name: 'Schemes', exact: true }).click()
    const editor = page.getByLabel('Scheme definition JSON')
    const template = await editor.inputValue()
    expect(await page.getByTestId('scheme-check').textContent()).toBe('Valid definition: My provider (hmac-sha256).')
    await editor.fill(template.replace('"hex"', '"b32"'))
    expect(await page.getByTestId('scheme-check').textContent()).toContain('$.signature.encoding: must be one of')
    await editor.fill(template)
    await page.getByRole('button', { name: 'Save scheme' }).click()
    await page.getByTestId('schemes-view').getByText('my-provider', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
    expect(await page.getByLabel('Endpoint scheme').locator('option', { hasText: 'my-provider' }).count()).toBe(1)
  })

  it('settings: theme switch, and binding beyond loopback must be confirmed', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Theme').selectOption('dark')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(23, 25, 29)')
    await page.getByLabel('Bind address').fill('0.0.0.0')
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true)
    await page.getByLabel('Bind address').fill('127.0.0.1')
    await page.getByLabel('Keep last').fill('1000')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Saved.').waitFor()
    await page.getByLabel('Theme').selectOption('system')
  })

  it('replays a capture byte-exact to a receiver from the detail view', async () => {
    const { createServer } = await import('node:http')
    let got = ''
    const srv = createServer((req, res) => {
      req.on('data', (d: Buffer) => (got += d.toString()))
      req.on('end', () => res.writeHead(202).end())
    })
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
    try {
      await page.getByRole('button', { name: 'Captures', exact: true }).click()
      await page.locator('[data-capture-id]').filter({ hasText: '/tiki/ok' }).first().click()
      await page.getByRole('button', { name: 'Replay…' }).click()
      await page.getByLabel('Replay URL').fill(`http://127.0.0.1:${(srv.address() as { port: number }).port}/tiki`)
      await page.getByRole('button', { name: 'Send byte-exact' }).click()
      await expect.poll(() => page.getByTestId('replay-result').textContent()).toMatch(/^202 · \d+ ms$/)
      expect(got).toBe('{"type":"inventory_stock","data":{"sku":"S1","qty":11}}')
      // Replay the whole list, four at a time: one row per capture.
      await page.getByText(/^All \d+ captures in the list$/).click()
      await page.getByRole('button', { name: 'Send byte-exact' }).click()
      const rows = page.getByTestId('replay-results').locator('tr')
      await expect.poll(() => rows.count()).toBe(await page.locator('[data-capture-id]').count())
    } finally {
      srv.close()
    }
  })

  it('screenshots the vault and an endpoint for the docs', async () => {
    await page.getByRole('button', { name: 'Keys', exact: true }).click()
    await page.getByTestId('keys-table').waitFor()
    await page.screenshot({ path: join(ROOT, 'docs', 'vault.png') })
    await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
    await page.getByRole('button', { name: 'Edit' }).first().click()
    await page.screenshot({ path: join(ROOT, 'docs', 'endpoint.png') })
    // No secret reached the page except the one revealed on purpose.
    expect(await page.content()).not.toContain('apsdai-merchant-secret')
  })
})
