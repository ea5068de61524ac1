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
      .fill('{"id":"x","algorithm":"hmac-sha256","signature":{"header":"X","encoding":"b32"},"signedContent":[{"part":"body"}]}')
    await expect.poll(() => page.getByTestId('scheme-check').textContent()).toMatch(/\$\.signature\.encoding: must be one of hex, hex-upper, base64/)
    await page.getByLabel('Start from a built-in scheme').selectOption('adyen')
    await page.screenshot({ path: join(ROOT, 'docs', 'schemes.png') })
  })
})
