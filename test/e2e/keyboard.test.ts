import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 900 })
const TIKI = 'abcdefghijklmnopqrstuvwxyz012345'

/** What has the focus: its accessible label (aria-label) or its text. */
const focused = () =>
  session.page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''
  )
const rowCount = () => session.page.locator('[data-capture-id]').count()

describe('keyboard only: search → result → detail → verify → replay → compare → export', () => {
  it('walks the day without the mouse', async () => {
    const { page, host } = session
    for (const qty of [1, 2, 3]) {
      const body = `{"type":"inventory_stock","data":{"sku":"S1","qty":${qty}}}`
      const signature = 'sha1=' + createHmac('sha1', TIKI).update(body).digest('hex')
      await postHttp(`${host.listenUrl}/tiki/stock`, body, {
        'Content-Type': 'application/json',
        'x-signature': signature
      })
    }
    await postHttp(`${host.listenUrl}/other`, 'unrelated', { 'Content-Type': 'text/plain' })
    await expect.poll(rowCount).toBe(4)

    // `?` lists the shortcuts; Esc closes the sheet.
    await page.keyboard.press('?')
    await page.getByTestId('shortcut-sheet').waitFor()
    expect(await page.getByTestId('shortcut-sheet').textContent()).toContain('Copy as curl')
    await page.screenshot({ path: join(ROOT, 'docs', 'shortcuts.png') })
    await page.keyboard.press('Escape')
    await page.getByTestId('shortcut-sheet').waitFor({ state: 'detached' })

    // `/` searches; Enter runs it and goes to the first result; j/k move among the results.
    await page.keyboard.press('/')
    expect(await focused()).toBe('Search captures')
    await page.keyboard.type('inventory')
    await page.keyboard.press('Enter')
    await expect.poll(rowCount).toBe(3)
    await expect
      .poll(() => page.getByTestId('capture-detail').getAttribute('data-detail-id'))
      .toBe(await page.locator('[data-capture-id]').first().getAttribute('data-capture-id'))
    expect(await focused()).not.toBe('Search captures')
    await page.keyboard.press('j')
    await expect.poll(() => page.locator('.list-row.selected').textContent()).toContain('inventory_stock')
    const second = await page.locator('.list-row.selected').getAttribute('data-capture-id')
    expect(second).toBe(await page.locator('[data-capture-id]').nth(1).getAttribute('data-capture-id'))
    await page.keyboard.press('k')

    // `v` goes to the signature check, in the key field: the pasted key checks it.
    await page.keyboard.press('v')
    await expect.poll(focused).toBe('Key')
    await page.keyboard.type(TIKI)
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    // Esc lets go of the field; `r` opens Replay in its URL field, Enter sends (here: to Hookscope itself).
    await page.keyboard.press('Escape')
    await page.keyboard.press('r')
    await expect.poll(focused).toBe('Replay URL')
    await page.keyboard.press('Control+A')
    await page.keyboard.type(`${host.listenUrl}/tiki/stock`)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('replay-result').textContent()).toMatch(/^200 · /)
    // The replayed delivery arrives on top of the results (the search is live).
    await expect.poll(rowCount).toBe(4)

    // Home selects it; `c` compares it with the previous delivery of its event; Esc closes the comparison
    // even while one of the comparison's checkboxes has the focus.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Home')
    await expect.poll(() => page.locator('.list-row.selected').getAttribute('aria-rowindex')).toBe('1')
    // `y` copies it as curl.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.uiUrl })
    await page.keyboard.press('y')
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/^Copied #\d+ as curl$/)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^curl .*\/tiki\/stock/s)
    await page.keyboard.press('c')
    await page.getByTestId('diff-summary').waitFor()
    await page.getByLabel('Only changes').focus()
    await page.keyboard.press('Escape')
    await page.getByTestId('diff-summary').waitFor({ state: 'detached' })

    // Shift+↓ selects a range of two; `e` exports the two, redacted.
    await page.keyboard.press('Shift+ArrowDown')
    await expect.poll(() => page.locator('.list-row.marked').count()).toBe(2)
    await page.getByTestId('selection-pane').waitFor()
    await page.screenshot({ path: join(ROOT, 'docs', 'selection.png') })
    await page.keyboard.press('e')
    await page.getByTestId('export-dialog').waitFor()
    expect(await focused()).toBe('Export 2')
    const download = page.waitForEvent('download')
    await page.keyboard.press('Enter')
    const file = await (await download).path()
    const har = JSON.parse(readFileSync(file, 'utf8')) as {
      log: { entries: { request: { url: string; headers: { name: string; value: string }[] } }[] }
    }
    expect(har.log.entries).toHaveLength(2)
    for (const e of har.log.entries) {
      expect(new URL(e.request.url).pathname).toBe('/tiki/stock')
      expect(e.request.headers.find((h) => h.name.toLowerCase() === 'x-signature')?.value).toBe('[redacted]')
    }
    await page.getByTestId('export-saved').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' })
    // Esc clears the selection; the list is back to one selected capture.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.list-row.marked').count()).toBe(0)
    await page.getByTestId('capture-detail').waitFor()
  })
})
