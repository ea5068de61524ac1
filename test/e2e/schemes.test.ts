import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 1000 })

describe('Schemes view', () => {
  it('any built-in scheme loads as a valid definition to start from, and the format is documented by example', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Schemes', exact: true }).click()
    for (const id of ['stripe', 'adyen', 'hubspot', 'twilio', 'mailgun']) {
      await page.getByLabel('Start from a built-in scheme').selectOption(id)
      await expect.poll(() => page.getByTestId('scheme-check').textContent()).toMatch(/^Valid definition/)
      expect(await page.getByLabel('Scheme definition JSON').inputValue()).toContain(`"id": "my-${id}"`)
    }
    await page.getByTestId('scheme-reference').locator('summary').click()
    expect(await page.getByTestId('scheme-reference').locator('dt').count()).toBe(10)
    await page
      .getByLabel('Scheme definition JSON')
      .fill(
        '{"id":"x","algorithm":"hmac-sha256","signature":{"header":"X","encoding":"b32"},"signedContent":[{"part":"body"}]}'
      )
    await expect
      .poll(() => page.getByTestId('scheme-check').textContent())
      .toMatch(/\$\.signature\.encoding: must be one of hex, hex-upper, base64/)
    await page.getByLabel('Start from a built-in scheme').selectOption('adyen')
    await page.screenshot({ path: join(ROOT, 'docs', 'schemes.png') })
  })

  it('lists the built-in providers by category with what confirms each; the search finds them by name, id, header or category', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Schemes', exact: true }).click()
    const list = page.getByTestId('built-in-schemes')
    await list.locator('summary').click()
    await page.getByLabel('Search providers').fill('mux')
    await expect.poll(() => list.locator('tr[data-scheme]').count()).toBe(1)
    const mux = list.locator('tr[data-scheme="mux"]')
    expect(await mux.locator('.tag').textContent()).toBe('SDK')
    expect(await mux.textContent()).toContain('https://docs.mux.com/guides/video/verify-webhook-signatures')
    // By a header name: every scheme that reads X-Hub-Signature.
    await page.getByLabel('Search providers').fill('x-hub-signature')
    const ids = await list
      .locator('tr[data-scheme]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-scheme')))
    expect(ids).toEqual(expect.arrayContaining(['github', 'bitbucket', 'intercom', 'meta', 'jira']))
    await page.getByLabel('Search providers').fill('midtrans')
    await expect.poll(() => list.locator('tr[data-scheme]').count()).toBe(2)
    expect(await list.locator('h4').textContent()).toBe('Payments and billing')
    // The region stays visible beside the category.
    expect(await list.locator('tr[data-scheme="midtrans"] .tag').allTextContents()).toEqual(['Asia', 'docs'])
    // By category: the crypto and banking providers, under their own heading.
    await page.getByLabel('Search providers').fill('crypto')
    expect(await list.locator('h4').allTextContents()).toEqual(['Banking, crypto and finance'])
    const crypto = await list
      .locator('tr[data-scheme]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-scheme')))
    expect(crypto).toEqual(expect.arrayContaining(['fireblocks', 'circle', 'coinbase', 'zerohash']))
    await page.getByLabel('Search providers').fill('')
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ROOT, 'docs', `schemes-providers${scheme === 'dark' ? '-dark' : ''}.png`) })
    }
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByLabel('Search providers').fill('no such provider')
    expect(await list.textContent()).toContain('No provider matches “no such provider”.')
  })
})
