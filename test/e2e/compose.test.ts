import { createHmac, createPublicKey, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import { ROOT, type HostProcess } from '../helpers/host-process'
import { readWireResponse } from '@shared/api/wire'
import { answerVaultChoice } from '../helpers/ui-keys'

let host: HostProcess
let page: Page
const servers: Server[] = []
const session = uiSession({ width: 1440, height: 1100 })
beforeAll(() => {
  ;({ host, page } = session)
})
afterAll(() => {
  for (const s of servers) s.close()
})

/** The backend API, as the page calls it (to read what the UI shows without scraping). */
async function api(channel: string, ...args: unknown[]): Promise<unknown> {
  const token = new URL(host.openUrl).searchParams.get('token')!
  const res = await fetch(`${host.uiUrl}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.uiUrl, 'X-Hookscope-Token': token },
    body: JSON.stringify({ args })
  })
  return (await readWireResponse<{ value: unknown }>(res)).value
}

/** A receiver that checks the signature with Node's crypto and answers 200 only when it holds. */
async function receiver(
  check: (req: IncomingMessage, body: Buffer) => boolean
): Promise<{ url: string; verdicts: boolean[] }> {
  const verdicts: boolean[] = []
  const s = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (d: Buffer) => chunks.push(d))
    req.on('end', () => {
      const ok = check(req, Buffer.concat(chunks))
      verdicts.push(ok)
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ valid: ok }))
    })
  })
  servers.push(s)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, verdicts }
}

/** A provider's API, locally: records each request (path and body) and answers with `answer()` as JSON. */
async function providerApi(
  answer: () => unknown
): Promise<{ url: string; requests: { path: string; body: string }[] }> {
  const requests: { path: string; body: string }[] = []
  const s = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (d: Buffer) => chunks.push(d))
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer()))
    })
  })
  servers.push(s)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests }
}

async function generate(label: string, name: string): Promise<{ id: number; publicKey: string | null }> {
  await page.getByRole('button', { name: 'Keys', exact: true }).click()
  await page.getByLabel('Key name').fill(name)
  await page.getByRole('button', { name: label }).click()
  await answerVaultChoice(page)
  await page.getByTestId('keys-table').getByText(name, { exact: true }).waitFor()
  const keys = (await api('keys:list')) as { id: number; name: string; publicKey: string | null }[]
  return keys.find((k) => k.name === name)!
}

async function composeAndSend(template: string, url: string, keyName: string): Promise<string | null> {
  await page.getByRole('button', { name: 'Compose', exact: true }).click()
  await page.getByLabel('Template').selectOption({ label: template })
  const path = new URL(await page.getByLabel('URL', { exact: true }).inputValue()).pathname
  await page.getByLabel('URL', { exact: true }).fill(url + path)
  await page.getByLabel('Signing key').selectOption({ label: keyName })
  await page.getByRole('button', { name: 'Preview' }).click()
  await page.getByTestId('wire-preview').waitFor()
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect.poll(() => page.getByTestId('response-status').textContent()).toMatch(/^\d{3}$/)
  return page.getByTestId('response-status').textContent()
}

describe('composer: templates signed with vault keys, sent to receivers that verify with Node crypto', () => {
  it('UseePay: generated RSA pair, base64 SHA256withRSA over the raw body', async () => {
    const key = await generate('RSA-2048 pair', 'UseePay test pair')
    const pub = createPublicKey(key.publicKey!)
    const r = await receiver((req, body) =>
      cryptoVerify('RSA-SHA256', body, pub, Buffer.from(String(req.headers.sign), 'base64'))
    )
    expect(
      await composeAndSend('UseePay payment_intent.succeeded (JSON, 2025-11-06)', r.url, 'UseePay test pair (pair)')
    ).toBe('200')
    expect(await page.getByTestId('wire-preview').textContent()).toMatch(/\nsign: [A-Za-z0-9+/=]{300,}\n/)
    expect(r.verdicts).toEqual([true])
    await page.screenshot({ path: join(ROOT, 'docs', 'composer.png') })
  })

  it('TruBit: hex signature with an RSA pair', async () => {
    const key = await generate('RSA-2048 pair', 'TruBit test pair')
    const pub = createPublicKey(key.publicKey!)
    const r = await receiver((req, body) =>
      cryptoVerify('RSA-SHA256', body, pub, Buffer.from(String(req.headers.signature), 'hex'))
    )
    expect(await composeAndSend('TruBit ORDER_WEBHOOK', r.url, 'TruBit test pair (pair)')).toBe('200')
    expect(r.verdicts).toEqual([true])
  })

  it('TikiNOW: a generated 32-character secret, sha1= HMAC', async () => {
    const key = await generate('32-char secret (TikiNOW)', 'TikiNOW test secret')
    const secret = (await api('keys:reveal', key.id)) as string
    const r = await receiver(
      (req, body) => req.headers['x-signature'] === 'sha1=' + createHmac('sha1', secret).update(body).digest('hex')
    )
    expect(await composeAndSend('TikiNOW inventory stock', r.url, 'TikiNOW test secret (secret)')).toBe('200')
    expect(r.verdicts).toEqual([true])
  })

  it('probes a receiver from the composer: a permissive one fails, naming what it accepted', async () => {
    const r = await receiver(() => true)
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption({ label: 'TikiNOW inventory stock' })
    await page.getByLabel('URL', { exact: true }).fill(r.url + '/tiki/stock')
    await page.getByLabel('Signing key').selectOption({ label: 'TikiNOW test secret (secret)' })
    await page.getByRole('button', { name: 'Probe receiver' }).click()
    const report = page.getByTestId('probe-report')
    await report.waitFor()
    expect(await report.textContent()).toContain('FAILED')
    expect(await report.locator('tr').filter({ hasText: 'tampered-body' }).textContent()).toContain('fail')
    expect(await report.locator('tr').filter({ hasText: 'valid' }).first().textContent()).toContain('pass')
  })

  it('TruBit create-webhook, filled from the endpoint: its URL goes to the provider API (a local mock); the returned publicKey is bound to it once', async () => {
    // The key TruBit's API hands out (its servers keep the private half).
    const der = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64')
    const mock = await providerApi(() => ({
      code: 200,
      msg: 'SUCCESS',
      data: { webhookId: 'wh_9', eventType: 'ORDER_WEBHOOK', url: 'https://x/cb', status: 1, publicKey: der }
    }))
    const reply = { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0 }
    const endpoint = (await api('endpoints:save', {
      name: 'TruBit',
      pathPrefix: '/trubit',
      scheme: 'trubit-velafi',
      keyIds: [],
      reply,
      params: {}
    })) as {
      id: number
    }
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption('trubit-create-webhook')
    await expect.poll(() => page.getByLabel('Endpoint to register').inputValue()).toBe(String(endpoint.id))
    // TruBit's API host is not in the scheme data: the user gives it (here the mock's).
    expect(await page.getByTestId('registration-notes').textContent()).toContain(
      'does not know TruBit / Velafi’s API host'
    )
    await page.getByLabel('Provider API').fill(mock.url)
    await expect
      .poll(() => page.getByLabel('URL', { exact: true }).inputValue())
      .toBe(`${mock.url}/openapi/v2/business/webhook`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => mock.requests.length).toBe(1)
    expect(JSON.parse(mock.requests[0]!.body)).toEqual({ eventType: 'ORDER_WEBHOOK', url: `${host.listenUrl}/trubit` })

    const bind = page.getByRole('button', { name: 'Save the returned TruBit webhook public key and bind it to TruBit' })
    await bind.click()
    await expect
      .poll(() => page.getByTestId('returned-key-note').textContent())
      .toMatch(/^Saved as “TruBit webhook public key” and bound to TruBit/)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ROOT, 'docs', `registration-trubit${scheme === 'dark' ? '-dark' : ''}.png`) })
    }
    await page.emulateMedia({ colorScheme: 'light' })
    // Again: nothing stored twice, nothing bound twice.
    await bind.click()
    await expect.poll(() => page.getByTestId('returned-key-note').textContent()).toMatch(/^Already bound to TruBit/)
    const returned = () =>
      (api('keys:list') as Promise<{ id: number; name: string }[]>).then((k) =>
        k.filter((x) => x.name === 'TruBit webhook public key')
      )
    expect(await returned()).toHaveLength(1)
    const keyId = (await returned())[0]!.id
    // A second endpoint registered the same way gets the same key (same fingerprint): bound, not stored again.
    const second = (await api('endpoints:save', {
      name: 'TruBit trades',
      pathPrefix: '/trubit-trades',
      scheme: 'trubit-velafi',
      keyIds: [],
      reply,
      params: {}
    })) as {
      id: number
    }
    await page.getByRole('button', { name: 'Keys', exact: true }).click()
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Endpoint to register').selectOption(String(second.id))
    await expect
      .poll(() => page.locator('.cm-content').first().textContent())
      .toContain(`${host.listenUrl}/trubit-trades`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => mock.requests.length).toBe(2)
    await page
      .getByRole('button', { name: 'Save the returned TruBit webhook public key and bind it to TruBit trades' })
      .click()
    await expect
      .poll(() => page.getByTestId('returned-key-note').textContent())
      .toMatch(/^This key is already in Keys as “TruBit webhook public key” \(same fingerprint\)/)
    expect(await returned()).toHaveLength(1)
    const endpoints = (await api('endpoints:list')) as { id: number; keyIds: number[] }[]
    expect(endpoints.find((e) => e.id === endpoint.id)!.keyIds).toEqual([keyId])
    expect(endpoints.find((e) => e.id === second.id)!.keyIds).toEqual([keyId])
  })

  it('APSDAI: token over timestamp and secret', async () => {
    const key = await generate('Random secret', 'APSDAI test secret')
    const secret = (await api('keys:reveal', key.id)) as string
    const r = await receiver((req) => {
      const ts = String(req.headers['x-apsdai-timestamp'])
      return (
        req.headers['x-apsdai-token'] ===
          encodeURIComponent(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')) &&
        Math.abs(Date.now() - Number(ts)) < 3_600_000
      )
    })
    expect(await composeAndSend('APSDAI order_pay_hook (Order paid)', r.url, 'APSDAI test secret (secret)')).toBe('200')
    expect(r.verdicts).toEqual([true])
    // The history keeps what was sent.
    await expect.poll(() => page.getByTestId('history').locator('tr').count()).toBe(6)
  })

  /** A Twilio form draft, unsigned, aimed at a receiver under `path`; returns what the receiver got last. */
  async function unsignedFormDraft(path: string): Promise<() => string> {
    let got = ''
    const r = await receiver((_req, body) => {
      got = body.toString()
      return true
    })
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption({ label: 'Twilio incoming SMS (form)' })
    await page.getByLabel('URL', { exact: true }).fill(r.url + path)
    await page.getByLabel('Sign with scheme').selectOption('')
    return () => got
  }

  it('sends what the user sees: a scheme without a key holds Send with the reason; another template clears the last wire view and response', async () => {
    const r = await receiver(() => true)
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption({ label: 'TikiNOW inventory stock' })
    await page.getByLabel('URL', { exact: true }).fill(r.url + '/tiki')
    await page.getByLabel('Signing key').selectOption('')
    const send = page.getByRole('button', { name: 'Send', exact: true })
    expect(await send.isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true)
    expect(await page.getByTestId('unsigned-reason').textContent()).toBe(
      'Choose a signing key for tiki-tikinow, or "Don\'t sign" to send it unsigned.'
    )
    await page.screenshot({ path: join(ROOT, 'docs', 'compose-no-key.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(ROOT, 'docs', 'compose-no-key-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    // Sending unsigned is an explicit choice.
    await page.getByLabel('Sign with scheme').selectOption('')
    expect(await page.getByTestId('unsigned-reason').count()).toBe(0)
    await send.click()
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('200')
    expect(r.verdicts).toEqual([true])
    await page.getByLabel('Template').selectOption({ label: 'Twilio incoming SMS (form)' })
    await expect.poll(() => page.getByTestId('response-status').count()).toBe(0)
    expect(await page.getByTestId('wire-preview').count()).toBe(0)
  })

  it('the body editor: a form edited as a fields table goes on the wire as one line, untouched fields byte for byte', async () => {
    const got = await unsignedFormDraft('/twilio/sms')
    expect(await page.getByRole('tab', { name: 'Form' }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.getByTestId('form-fields').locator('tr').count()).toBe(5)
    await page.getByRole('button', { name: '+ Field' }).click()
    await page.getByLabel('Field 6 name').fill('Extra')
    await page.getByLabel('Field Extra value').fill('1')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect
      .poll(got)
      .toBe('MessageSid=SM1234&AccountSid=AC1234&From=%2B14158675309&To=%2B18005551212&Body=Hello&Extra=1')
  })

  it('the form editor opens a JSON value (UseePay data=…) in its own editor and re-encodes it on Done', async () => {
    const got = await unsignedFormDraft('/useepay/notify')
    await page.getByRole('tablist', { name: 'Body mode' }).getByRole('tab', { name: 'Raw' }).click()
    await page.locator('[data-testid=body-editor] .cm-content').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('data=%7B%22amount%22%3A10%2C%22name%22%3A%22team.liu%22%7D&merchantNo=5000%2B1')
    await page.getByRole('tablist', { name: 'Body mode' }).getByRole('tab', { name: 'Form' }).click()
    await page.getByRole('button', { name: 'Edit data as JSON' }).click()
    const json = page.getByRole('textbox', { name: 'data JSON' })
    await json.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('{"amount": 20, "name": "team liu & co"}')
    await page.getByRole('button', { name: 'Done', exact: true }).click()
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect
      .poll(got)
      .toBe('data=%7B%22amount%22%3A20%2C%22name%22%3A%22team%20liu%20%26%20co%22%7D&merchantNo=5000%2B1')
  })

  it("TikiNOW register-webhooks, filled from the endpoint: nothing generated behind the user's back; its URLs and bound secret reach the provider API (a local mock); a delivery signed with it is valid", async () => {
    const mock = await providerApi(() => ({ success: true, meta_data: { request_id: '97b2702c' } }))
    const reply = { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0 }
    await api('endpoints:save', {
      name: 'Tiki',
      pathPrefix: '/tiki',
      scheme: 'tiki-tikinow',
      keyIds: [],
      reply,
      params: {}
    })
    const keysBefore = ((await api('keys:list')) as unknown[]).length
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption('tikinow-register-webhooks')
    const notes = page.getByTestId('registration-notes')
    await expect.poll(() => notes.textContent()).toContain('Tiki has no secret bound')
    // The call goes to TikiNOW's API host, from the scheme data.
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe(
      'https://api.tikinow.vn/business/v1/register-webhooks'
    )
    expect(((await api('keys:list')) as unknown[]).length).toBe(keysBefore)
    expect(await notes.textContent()).toContain('TikiNOW Smart Logistics expects 200 “{"success":true}”')
    await page.getByRole('button', { name: 'Reply as TikiNOW Smart Logistics expects' }).click()
    await expect
      .poll(
        async () =>
          ((await api('endpoints:list')) as { name: string; reply: { body: string } }[]).find((e) => e.name === 'Tiki')!
            .reply.body
      )
      .toBe('{"success":true}')
    await page.getByRole('button', { name: 'Generate a 32-character secret and bind it' }).click()
    await expect.poll(() => notes.textContent()).toContain('secret_key: “Tiki secret_key”')
    const keys = (await api('keys:list')) as { id: number; name: string }[]
    const bound = keys.find((k) => k.name === 'Tiki secret_key')!
    expect(keys).toHaveLength(keysBefore + 1)
    const secret = (await api('keys:reveal', bound.id)) as string
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ROOT, 'docs', `registration-tikinow${scheme === 'dark' ? '-dark' : ''}.png`) })
    }
    await page.emulateMedia({ colorScheme: 'light' })

    // An unreachable provider API is a clear answer, and the draft stays.
    await page.getByLabel('Provider API').fill('http://127.0.0.1:9')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => page.getByTestId('response-status').textContent()).toMatch(/ECONNREFUSED|refused/i)
    await page.getByLabel('Provider API').fill(mock.url)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => mock.requests.length).toBe(1)
    const sent = JSON.parse(mock.requests[0]!.body) as {
      sync_webhook: Record<string, { url: string; secret_key: string }>
    }
    expect(mock.requests[0]!.path).toBe('/business/v1/register-webhooks')
    for (const kind of ['order', 'stock', 'aftersale'])
      expect(sent.sync_webhook[kind]).toEqual({ url: `${host.listenUrl}/tiki/${kind}`, secret_key: secret })

    // TikiNOW then pushes to the registered URL, signed with that secret: the endpoint's verdict is valid.
    const body = '{"type":"inventory_stock","data":{"sku":"S1","qty":3}}'
    await fetch(`${host.listenUrl}/tiki/stock`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'x-signature': 'sha1=' + createHmac('sha1', secret).update(body).digest('hex')
      },
      body
    })
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    const row = page.locator('[data-capture-id]').filter({ hasText: '/tiki/stock' }).first()
    await expect.poll(() => row.locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid')
  })

  it('keeps draft tabs across a reload', async () => {
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByRole('button', { name: 'New draft' }).click()
    await page.getByLabel('URL', { exact: true }).fill('http://localhost:4000/second/tab')
    await page.reload()
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByTestId('compose-view').waitFor()
    const tabs = page.getByRole('tablist', { name: 'Drafts' }).getByRole('tab')
    expect(await tabs.count()).toBe(2)
    expect(await tabs.nth(1).textContent()).toBe('POST /second/tab')
  })
})
