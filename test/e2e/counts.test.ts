import { describe, expect, it } from 'vitest'
import { readWireResponse } from '@shared/api/wire'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 900 })

/** The host's own count, through the API as the page calls it. */
async function hostCount(): Promise<number> {
  const { host } = session
  const token = new URL(host.openUrl).searchParams.get('token')!
  const res = await fetch(`${host.uiUrl}/api/captures:count`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: host.uiUrl, 'X-Hookscope-Token': token },
    body: JSON.stringify({ args: [{}] })
  })
  return (await readWireResponse<{ value: number }>(res)).value
}

describe('one count: sidebar, list footer and the store agree', () => {
  it('after captures, a lowered retention limit, a delete, an import and Clear all', async () => {
    const { page, host } = session
    const counts = async () => ({
      sidebar: await page.getByTestId('capture-count').textContent({ timeout: 1000 }),
      // An empty store shows the empty state instead of the list and its footer.
      footer: (await page.getByTestId('list-total').count())
        ? (await page.getByTestId('list-total').textContent({ timeout: 1000 }))?.replace(/ captures?$/, '')
        : (await page.getByTestId('empty-state').count())
          ? '0'
          : 'none',
      host: String(await hostCount())
    })
    const agree = (n: number, timeout = 5000) =>
      expect.poll(counts, { timeout }).toEqual({ sidebar: String(n), footer: String(n), host: String(n) })
    for (let i = 0; i < 41; i++) await fetch(`${host.listenUrl}/c/${i}`, { method: 'POST', body: 'x' })
    await agree(41)
    // Retention removes 10: the sidebar counted them twice before (21 beside 31).
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Keep last').fill('31')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Saved.').waitFor()
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    await agree(31)
    // Back to no limit, then a delete: the window's counts move at once (the store's after the undo window).
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await page.getByLabel('Keep last').fill('0')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByRole('button', { name: 'Captures', exact: true }).click()
    await page.locator('[data-capture-id]').first().click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => page.getByTestId('capture-count').textContent()).toBe('30')
    expect((await counts()).footer).toBe('30')
    // The undo window (6 s) closes and the host deletes it: still 30 everywhere.
    await agree(30, 12_000)
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Delivery to import').fill('POST /imported HTTP/1.1\nHost: h\n\nx')
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Import', exact: true }).click()
    await agree(31)
    await page.getByRole('button', { name: 'Clear…' }).click()
    await page.getByRole('button', { name: 'Clear all' }).click()
    await agree(0)
  })
})
