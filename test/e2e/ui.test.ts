import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { ROOT, startHostProcess, type HostProcess } from '../helpers/host-process'
import { tempDir } from '../helpers/tmp'
import { postHttp } from '../helpers/raw-http'
import { useepaySeed } from '../helpers/fixtures'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

async function openUi(host: HostProcess, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 860 },
    colorScheme,
    deviceScaleFactor: 1
  })
  const page = await context.newPage()
  await page.goto(host.openUrl)
  return page
}

/** The text CodeMirror shows for the body (it renders inside an open shadow root, which locators pierce). */
function bodyText(page: Page): Promise<string | null> {
  return page.locator('[data-testid=inspector] .cm-content').first().textContent()
}

function send(host: HostProcess, path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  return postHttp(new URL(path, host.listenUrl).toString(), body, headers)
}

describe('web mode in Chromium', () => {
  // How soon the row appears is measured by `npm run bench:hostile` (timing belongs in benchmarks).
  it('shows a webhook live, its headers and body, and finds it by search', async () => {
    const host = await startHostProcess(tempDir())
    try {
      const page = await openUi(host)
      await expect.poll(() => page.getByTestId('empty-state').isVisible()).toBe(true)
      expect(await page.getByTestId('first-curl').textContent()).toContain(host.listenUrl)
      // The token is dropped from the address bar once read.
      expect(page.url()).not.toContain('token=')

      await send(host, '/hooks/orders?shop=42', JSON.stringify({ event: 'order.paid', note: 'zebrafish' }), {
        'Content-Type': 'application/json',
        'X-Apsdai-Event': 'order_pay_hook'
      })
      const row = page.locator('[data-capture-id]').first()
      // Live, without a reload.
      await row.waitFor({ state: 'visible' })
      expect(await row.textContent()).toContain('/hooks/orders?shop=42')
      expect(await page.getByTestId('capture-count').textContent()).toBe('1')

      await row.click()
      const headers = page.getByTestId('headers-table')
      await headers.waitFor()
      expect(await headers.textContent()).toContain('X-Apsdai-Event')
      expect(await headers.textContent()).toContain('order_pay_hook')
      expect(await bodyText(page)).toContain('zebrafish')
      expect(await page.getByTestId('request-line').textContent()).toContain('POST /hooks/orders?shop=42')

      await send(host, '/hooks/other', JSON.stringify({ event: 'refund' }))
      await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(2)
      await page.getByLabel('Search captures').fill('zebrafish')
      await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(1)
      expect(await page.locator('[data-capture-id]').first().textContent()).toContain('/hooks/orders')
      await page.getByLabel('Search captures').fill('')
      await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(2)
      await page.context().close()
    } finally {
      await host.interrupt()
    }
  })

  it('moves the selection with j/k and arrows, deletes one, and clears all after confirming', async () => {
    const host = await startHostProcess(tempDir())
    try {
      for (let i = 0; i < 3; i++) await send(host, `/k/${i}`, `{"i":${i}}`)
      const page = await openUi(host)
      await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(3)
      await page.keyboard.press('j')
      await expect.poll(() => page.getByTestId('request-line').textContent()).toContain('/k/2')
      await page.keyboard.press('j')
      await expect.poll(() => page.getByTestId('request-line').textContent()).toContain('/k/1')
      await page.keyboard.press('ArrowDown')
      await expect.poll(() => page.getByTestId('request-line').textContent()).toContain('/k/0')
      await page.keyboard.press('k')
      await expect.poll(() => page.getByTestId('request-line').textContent()).toContain('/k/1')
      await page.keyboard.press('Delete')
      await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(2)
      await page.getByRole('button', { name: 'Clear…' }).click()
      await page.getByRole('button', { name: 'Clear all' }).click()
      await expect.poll(() => page.getByTestId('empty-state').isVisible()).toBe(true)
      expect(await page.getByTestId('capture-count').textContent()).toBe('0')
      await page.context().close()
    } finally {
      await host.interrupt()
    }
  })

  it('renders hostile payloads as inert text', async () => {
    const host = await startHostProcess(tempDir())
    try {
      const page = await openUi(host)
      const dialogs: string[] = []
      page.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      const hostile =
        '<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2"><svg onload="window.__pwned=3">' +
        '<a href="javascript:window.__pwned=4">x</a>\u202Eevil\u200B\x1b[31mred\x00 {"__proto__":{"polluted":true},"constructor":{"prototype":{"p":1}}}'
      await send(host, '/xss?<b>bold</b>', hostile, {
        'Content-Type': 'text/html',
        'X-Evil': '<img src=x onerror=alert(2)>'
      })
      const row = page.locator('[data-capture-id]').first()
      await row.waitFor()
      await row.click()
      await page.getByTestId('inspector').waitFor()
      expect(await bodyText(page)).toContain('<script>window.__pwned=1')
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        // CodeMirror's own cm-widgetBuffer <img> elements have no src; payload images would.
        imgs: document.querySelectorAll('img[src], img[onerror]').length,
        scripts: document.querySelectorAll('script:not([src])').length,
        svgs: document.querySelectorAll('svg').length,
        links: document.querySelectorAll('a[href^="javascript:"]').length,
        polluted: ({} as Record<string, unknown>).polluted
      }))
      expect(state).toEqual({ pwned: undefined, imgs: 0, scripts: 0, svgs: 0, links: 0, polluted: undefined })
      expect(dialogs).toEqual([])
      await page.context().close()
    } finally {
      await host.interrupt()
    }
  })

  it('asks for the printed link when opened without the token', async () => {
    const host = await startHostProcess(tempDir())
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(host.uiUrl)
      await expect.poll(() => page.getByText('needs the link printed by').isVisible()).toBe(true)
      await context.close()
    } finally {
      await host.interrupt()
    }
  })

  it('writes the README screenshots (light and dark) from a realistic session', async () => {
    const host = await startHostProcess(tempDir())
    try {
      const ts = String(Date.now())
      await send(
        host,
        '/apsdai/hooks',
        JSON.stringify({ order_id: 'AP20261123001', status: 'paid', amount: '129.00', currency: 'VND' }),
        {
          'User-Agent': 'apsdai-hook',
          'Content-Type': 'application/json',
          'X-Apsdai-Event': 'order_pay_hook',
          'X-Apsdai-Timestamp': ts,
          'X-Apsdai-Token': 'kX3%2Bq9vJ0mZs8bE1u7oQW5cYtR4%3D'
        }
      )
      await send(
        host,
        '/stripe/webhook',
        JSON.stringify({
          id: 'evt_1QxY',
          type: 'payment_intent.succeeded',
          data: { object: { amount: 4200, currency: 'usd' } }
        }),
        {
          'Content-Type': 'application/json; charset=utf-8',
          'Stripe-Signature': `t=${ts.slice(0, 10)},v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd`
        }
      )
      await send(host, '/useepay/notify', /^data=%7B.*$/m.exec(useepaySeed())![0], {
        'Content-Type': 'application/x-www-form-urlencoded',
        merchant_no: '500000000009133',
        api_version: '2024-10-10',
        app_id: 'www.pay.com',
        sign: 'Z8hLld5yZlZKNnQqZiwlZEYBJ4F2PAA='
      })
      await send(
        host,
        '/binary/upload',
        new Uint8Array([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe
        ]),
        {
          'Content-Type': 'application/octet-stream'
        }
      )
      await send(
        host,
        '/github/events?repo=hookscope',
        JSON.stringify({ action: 'opened', number: 7, repository: { full_name: 'hookscope/hookscope' } }, null, 2),
        {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'pull_request',
          'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
          'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
        }
      )
      mkdirSync(join(ROOT, 'docs'), { recursive: true })
      for (const scheme of ['light', 'dark'] as const) {
        const page = await openUi(host, scheme)
        await expect.poll(() => page.locator('[data-capture-id]').count()).toBe(5)
        await page.locator('[data-capture-id]').nth(2).click()
        await expect.poll(() => bodyText(page)).toContain('"city": "shanghai"')
        const file = join(ROOT, 'docs', scheme === 'light' ? 'screenshot.png' : 'screenshot-dark.png')
        await page.screenshot({ path: file })
        await page.context().close()
      }
    } finally {
      await host.interrupt()
    }
  })
})
