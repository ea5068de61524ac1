import { createHmac, createSign, generateKeyPairSync } from 'node:crypto'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { answerVaultChoice } from '../helpers/ui-keys'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 1000 })
const hmac = (alg: string, key: string, data: string) => createHmac(alg, key).update(data).digest()
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const rsaSign = (data: string) => createSign('RSA-SHA256').update(data).sign(rsa.privateKey)

interface Seed {
  name: string
  scheme: string
  path: string
  /** What the user pastes in the verify panel. */
  key: string
  /** Deliveries as the provider sends them: [body, headers]. */
  deliveries: () => [string, Record<string, string>][]
  /** The list badge of a delivery that checks out (APSDAI does not sign the body: valid*). */
  valid: 'valid' | 'valid*'
}

const TIKI = 'abcdefghijklmnopqrstuvwxyz012345'
const SEEDS: Seed[] = [
  {
    name: 'TikiNOW',
    scheme: 'tiki-tikinow',
    path: '/tiki/stock',
    key: TIKI,
    valid: 'valid',
    deliveries: () =>
      [1, 2].map((q) => {
        const body = `{"type":"inventory_stock","data":{"sku":"S1","qty":${q}}}`
        return [
          body,
          { 'Content-Type': 'application/json', 'x-signature': 'sha1=' + hmac('sha1', TIKI, body).toString('hex') }
        ]
      })
  },
  {
    name: 'APSDAI',
    scheme: 'apsdai',
    path: '/apsdai/hooks',
    key: 'apsdai-merchant-secret',
    valid: 'valid*',
    deliveries: () =>
      ['A1', 'A2'].map((id) => {
        const ts = String(Date.now())
        const token = encodeURIComponent(
          hmac('sha256', 'apsdai-merchant-secret', `${ts}\napsdai-merchant-secret`).toString('base64')
        )
        return [
          `{"order_id":"${id}"}`,
          {
            'Content-Type': 'application/json',
            'X-Apsdai-Event': 'order_pay_hook',
            'X-Apsdai-Timestamp': ts,
            'X-Apsdai-Token': token
          }
        ]
      })
  },
  {
    name: 'UseePay',
    scheme: 'useepay-v2',
    path: '/useepay/notify',
    key: rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    valid: 'valid',
    deliveries: () =>
      ['pi_1', 'pi_2'].map((id) => {
        const body = `{"name":"payment_intent.succeeded","data":{"id":"${id}"}}`
        return [
          body,
          {
            'Content-Type': 'application/json',
            merchant_no: '500000000007',
            api_version: '2025-11-06',
            app_id: 'app',
            sign: rsaSign(body).toString('base64')
          }
        ]
      })
  },
  {
    name: 'TruBit',
    scheme: 'trubit-velafi',
    path: '/trubit/webhook',
    key: (rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64'),
    valid: 'valid',
    deliveries: () =>
      ['T1', 'T2'].map((id) => {
        const body = `{"eventType":"ORDER_WEBHOOK","data":{"orderId":"${id}","amount":"12.30"}}`
        return [body, { 'Content-Type': 'application/json', signature: rsaSign(body).toString('hex') }]
      })
  }
]

/** A screenshot of a step in the light and the dark theme (docs/NAME.png, docs/NAME-dark.png). */
async function shots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(ROOT, 'docs', `${name}${scheme === 'dark' ? '-dark' : ''}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const badge = (page: Page, path: string) =>
  page.locator('[data-capture-id]').filter({ hasText: path }).locator('.badge').allTextContents()

describe('the first day: deliveries arrive first, the key comes after (Chromium, web mode)', () => {
  it.each(SEEDS)(
    '$name: earlier deliveries become valid once the key that checked one is used for the path',
    async (seed) => {
      const { page, host } = session
      await page.getByRole('button', { name: 'Captures', exact: true }).click()
      // 1. The provider is pointed at Hookscope: deliveries arrive before any endpoint or key exists.
      for (const [body, headers] of seed.deliveries())
        expect(await postHttp(`${host.listenUrl}${seed.path}`, body, headers)).toBe(200)
      await expect.poll(() => page.locator('[data-capture-id]').filter({ hasText: seed.path }).count()).toBe(2)
      expect(await badge(page, seed.path)).toEqual([])
      if (seed.name === 'TikiNOW') await shots(page, 'first-day-arrived')
      // 2. The user opens one, pastes the key, and the check passes.
      await page.locator('[data-capture-id]').filter({ hasText: seed.path }).first().click()
      await page.getByLabel('Scheme').selectOption(seed.scheme)
      await page.getByLabel('Key', { exact: true }).fill(seed.key)
      await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
      if (seed.name === 'TikiNOW') await shots(page, 'first-day-verify')
      // 3. "Use for this path": the endpoint and key are saved, and the earlier deliveries get their verdicts.
      await page.getByRole('button', { name: 'Use for this path' }).click()
      await answerVaultChoice(page)
      await expect
        .poll(() => page.getByTestId('use-for-path-note').textContent())
        .toMatch(
          new RegExp(
            `^Endpoint “.+” now checks ${seed.path} with this key, saved to Keys: 2 checked, 2 valid \\(2 taken over from the default endpoint\\)\\.$`
          )
        )
      await expect.poll(() => badge(page, seed.path)).toEqual([seed.valid, seed.valid])
      if (seed.name === 'TikiNOW') await shots(page, 'first-day-valid')
      // 4. The next delivery is checked as it arrives.
      const [body, headers] = seed.deliveries()[0]!
      await postHttp(`${host.listenUrl}${seed.path}?next=1`, body, headers)
      await expect.poll(() => badge(page, `${seed.path}?next=1`)).toEqual([seed.valid])
    }
  )
})
