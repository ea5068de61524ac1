import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { uiSession } from '../helpers/ui-session'

const session = uiSession({ width: 1440, height: 900 })

describe('forward targets that would loop or reach metadata are refused where the user types them', () => {
  it('refuses the capture port in another spelling and a metadata address; Settings can allow link-local; screenshots light and dark', async () => {
    const { page, host } = session
    const port = new URL(host.listenUrl).port
    const alert = page.getByTestId('endpoints-view').getByRole('alert')
    const tryForward = async (target: string): Promise<void> => {
      await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
      await page.getByLabel('Endpoint name').fill('app')
      await page.getByLabel('Path prefix').fill('/app')
      await page.getByLabel('Forward to').fill(target)
      await page.getByRole('button', { name: 'Add endpoint' }).click()
    }
    await tryForward(`http://[::ffff:127.0.0.1]:${port}/in`)
    await expect.poll(() => alert.textContent()).toMatch(/reaches Hookscope's own capture port/)
    await tryForward('http://169.254.169.254/latest/meta-data')
    await expect
      .poll(() => alert.textContent())
      .toMatch(/cloud metadata address: refused unless "Allow link-local and metadata targets" is on in Settings/)

    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    const allow = page.getByLabel('Allow link-local and metadata targets')
    expect(await allow.isChecked()).toBe(false)
    await allow.check()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Saved.').waitFor()
    await page.screenshot({ path: join(ROOT, 'docs', 'settings.png') })
    await page.getByLabel('Theme').selectOption('dark')
    await page.screenshot({ path: join(ROOT, 'docs', 'settings-dark.png') })
    await page.getByLabel('Theme').selectOption('system')

    await tryForward('http://169.254.169.254/latest/meta-data')
    await page.getByTestId('endpoints-table').getByText('/app', { exact: true }).waitFor()
    // The capture port is refused whatever Settings say.
    await page.getByLabel('Path prefix').fill('/loop')
    await page.getByLabel('Endpoint name').fill('loop')
    await page.getByLabel('Forward to').fill(`http://2130706433:${port}`)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await expect.poll(() => alert.textContent()).toMatch(/own capture port/)
  })

  it('the list shows each forward beside the reply: ↪ and the target status, or ↪✗ with the reason on hover; light and dark', async () => {
    const { page, host } = session
    const app = createServer((_req, res) => res.writeHead(201).end())
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r))
    try {
      await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
      await page.getByLabel('Endpoint name').fill('app')
      await page.getByLabel('Path prefix').fill('/orders')
      await page.getByLabel('Forward to').fill(`http://127.0.0.1:${(app.address() as AddressInfo).port}`)
      await page.getByRole('button', { name: 'Add endpoint' }).click()
      await page.getByTestId('endpoints-table').getByText('/orders', { exact: true }).waitFor()
      // Nothing listens on port 9 of this machine: the forward fails, and says why. (Only loopback
      // targets are ever sent to here: the link-local endpoint above is saved, never delivered to.)
      await page.getByLabel('Endpoint name').fill('down')
      await page.getByLabel('Path prefix').fill('/down')
      await page.getByLabel('Forward to').fill('http://127.0.0.1:9')
      await page.getByRole('button', { name: 'Add endpoint' }).click()
      await page.getByTestId('endpoints-table').getByText('/down', { exact: true }).waitFor()
      await page.getByRole('button', { name: 'Captures', exact: true }).click()
      await fetch(`${host.listenUrl}/orders/paid`, {
        method: 'POST',
        body: '{"id":1}',
        headers: { 'Content-Type': 'application/json' }
      })
      await fetch(`${host.listenUrl}/down/x`, { method: 'POST', body: '{}' })
      const mark = (path: string) =>
        page.locator('[data-capture-id]').filter({ hasText: path }).getByTestId('forward-mark')
      await expect.poll(() => mark('/orders/paid').textContent()).toBe(' ↪201')
      expect(await mark('/orders/paid').getAttribute('title')).toBe('Forwarded; the target answered 201')
      await expect.poll(() => mark('/down/x').textContent()).toBe(' ↪✗')
      expect(await mark('/down/x').getAttribute('title')).toMatch(/Nothing is listening at 127\.0\.0\.1:9/)
      await page.screenshot({ path: join(ROOT, 'docs', 'list-forward.png') })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.screenshot({ path: join(ROOT, 'docs', 'list-forward-dark.png') })
      await page.emulateMedia({ colorScheme: 'light' })
    } finally {
      await new Promise((r) => app.close(r))
    }
  })
})
