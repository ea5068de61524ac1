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
        ].map(([t, path]) => ({
          startedDateTime: (t as Date).toISOString(),
          request: { method: 'POST', url: `http://h${path}`, headers: [] }
        }))
      }
    })
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Delivery to import').fill(har)
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
    await fetch(`${session.host.listenUrl}/hooks/now`, { method: 'POST', body: 'x' })
    const timeOf = (path: string) =>
      page.locator('[data-capture-id]').filter({ hasText: path }).first().locator('span').first()
    await expect.poll(() => timeOf('/hooks/now').textContent()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/)
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    const sameYear = yesterday.getFullYear() === new Date().getFullYear()
    expect(await timeOf('/hooks/yesterday').textContent()).toBe(
      sameYear ? `${months[yesterday.getMonth()]} ${yesterday.getDate()} 21:10` : `${yesterday.getFullYear()}-12-31`
    )
    expect(await timeOf('/hooks/last-year').textContent()).toBe(`${lastYear.getFullYear()}-06-15`)
    expect(await timeOf('/hooks/last-year').getAttribute('title')).toMatch(
      new RegExp(
        `^${lastYear.getFullYear()}-06-15 08:30:00\\.000 local · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00\\.000 UTC$`
      )
    )
    await page.keyboard.press('Escape')
    await page.screenshot({ path: join(ROOT, 'docs', 'list-dates.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(ROOT, 'docs', 'list-dates-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('path and event are readable whole at 1280, 1440 and 1920 px (adaptive columns); screenshots light and dark', async () => {
    const { page, host } = session
    const tiki = '{"type":"inventory_stock","data":{"sku":"S1","qty":1}}'
    for (const path of ['/tiki/stock?shop=42', '/tiki/webhooks/stock?shop=42']) {
      await fetch(`${host.listenUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-signature': 'sha1=' + '0'.repeat(40) },
        body: tiki
      })
    }
    await fetch(`${host.listenUrl}/github/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'pull_request_review',
        'X-Hub-Signature-256': 'sha256=' + '0'.repeat(64)
      },
      body: '{"action":"submitted"}'
    })
    const row = (text: string) => page.locator('[data-capture-id]').filter({ hasText: text }).first()
    /** Whether a row's path or event shows all of its text (nothing cut off with an ellipsis; its tag may give way). */
    const whole = (text: string, column: 'path' | 'event') =>
      row(text)
        .locator(`span.${column} > .cell-text`)
        .evaluate(
          (el) =>
            el.scrollWidth <= el.clientWidth &&
            el.getBoundingClientRect().right <= el.parentElement!.getBoundingClientRect().right + 0.5
        )
    await row('pull_request_review').waitFor()
    // What a user reads whole at each width: typical paths and event names from 1280, longer paths at 1920.
    const typical: [string, 'path' | 'event'][] = [
      ['/tiki/stock?shop=42', 'path'],
      ['/tiki/stock?shop=42', 'event'],
      ['pull_request_review', 'event'],
      ['/github/events', 'path']
    ]
    const expected: Record<number, [string, 'path' | 'event'][]> = {
      1280: typical,
      1440: typical,
      1920: [...typical, ['/tiki/webhooks/stock?shop=42', 'path']]
    }
    for (const width of [1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 800 })
      for (const [text, column] of expected[width]!)
        await expect
          .poll(() => whole(text, column), { timeout: 2000, message: `${width}: ${text} ${column}` })
          .toBe(true)
      // The provider's tag beside the event, whole where there is room; the content type has a column only where there is room.
      if (width === 1920)
        expect(
          await row('pull_request_review')
            .locator('span.event .tag')
            .evaluate((el) => el.scrollWidth <= el.clientWidth)
        ).toBe(true)
      expect(await page.locator('.list-head .col-type').isVisible()).toBe(width >= 1920)
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        await page.screenshot({ path: join(ROOT, 'docs', `list-${width}${scheme === 'dark' ? '-dark' : ''}.png`) })
      }
      await page.emulateMedia({ colorScheme: 'light' })
    }
  })
})
