import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 900 })

describe('the list shows when, not only the time of day', () => {
  it('imports from yesterday and last year show their date; the full timestamp is on hover; screenshots light and dark', async () => {
    const { page } = session
    const day = 86_400_000
    const yesterday = new Date(Date.now() - day)
    yesterday.setHours(21, 10, 16, 0)
    const lastYear = new Date(new Date().getFullYear() - 1, 5, 15, 8, 30)
    const har = JSON.stringify({
      log: {
        entries: [
          [lastYear, '/hooks/last-year'],
          [yesterday, '/hooks/yesterday']
        ].map(([t, path]) => ({ startedDateTime: (t as Date).toISOString(), request: { method: 'POST', url: `http://h${path}`, headers: [] } }))
      }
    })
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Delivery to import').fill(har)
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
    await fetch(`${session.host.listenUrl}/hooks/now`, { method: 'POST', body: 'x' })
    const timeOf = (path: string) => page.locator('[data-capture-id]').filter({ hasText: path }).first().locator('span').first()
    await expect.poll(() => timeOf('/hooks/now').textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/)
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    const sameYear = yesterday.getFullYear() === new Date().getFullYear()
    expect(await timeOf('/hooks/yesterday').textContent()).toBe(
      sameYear ? `${months[yesterday.getMonth()]} ${yesterday.getDate()} 21:10` : `${yesterday.getFullYear()}-12-31`
    )
    expect(await timeOf('/hooks/last-year').textContent()).toBe(`${lastYear.getFullYear()}-06-15`)
    expect(await timeOf('/hooks/last-year').getAttribute('title')).toMatch(
      new RegExp(`^${lastYear.getFullYear()}-06-15 08:30:00\\.000 local · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00\\.000 UTC$`)
    )
    await page.keyboard.press('Escape')
    await page.screenshot({ path: join(ROOT, 'docs', 'list-dates.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(ROOT, 'docs', 'list-dates-dark.png') })
  })
})
