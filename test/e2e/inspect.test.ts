import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { uiSession } from '../helpers/ui-session'
import { CLI, type HostProcess } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { tempDir } from '../helpers/tmp'
import { useepaySeed } from '../helpers/fixtures'

const run = promisify(execFile)
const seed = useepaySeed()
const USEEPAY_FORM = /^data=%7B.*$/m.exec(seed)![0]
const USEEPAY_HEADERS = {
  'Content-Type': 'application/x-www-form-urlencoded',
  merchant_no: '500000000009133',
  api_version: '2024-10-10',
  app_id: 'www.pay.com',
  sign: 'Z8hLld5yZlZKNnQqZiwlZEYBJ4F2PAA='
}

let browser: Browser
let host: HostProcess
const session = uiSession()
beforeAll(() => {
  ;({ browser, host } = session)
})

async function open(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await ctx.newPage()
  await page.goto(host.openUrl)
  return page
}

const codeText = (page: Page) => page.locator('[data-testid=inspector] .cm-content').first().textContent()

describe('hookscope inspect (CLI)', () => {
  it('prints the chain and the pretty inner JSON of the UseePay seed body', async () => {
    const raw = `POST /useepay HTTP/1.1\r\nHost: m.example\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n${USEEPAY_FORM}`
    const child = execFile(process.execPath, [CLI, 'inspect'])
    let out = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    child.stdin!.end(raw)
    await new Promise((r) => child.on('close', r))
    expect(out).toMatch(/^chain: form → data → JSON\n/)
    expect(out).toContain('"city": "shanghai"')
    expect(out).toContain('"name": "payment_intent.succeeded"')
  })

  it('--json and --layer choose and describe a layer', async () => {
    const dir = tempDir()
    const file = resolve(dir, 'req.http')
    const inner = JSON.stringify({ token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' })
    writeFileSync(file, `POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${inner}`)
    const { stdout } = await run(process.execPath, [
      CLI,
      'inspect',
      '--request',
      file,
      '--layer',
      'token/payload',
      '--json'
    ])
    const r = JSON.parse(stdout) as { chain: string[]; body: string }
    expect(r.chain).toEqual(['JSON', 'token', 'JWT', 'payload', 'JSON'])
    expect(r.body).toBe('{\n  "sub": "x"\n}')
    const bad = await run(process.execPath, [CLI, 'inspect', '--request', file, '--layer', 'nope']).catch(
      (e: { code: number; stderr: string }) => e
    )
    expect((bad as { code: number }).code).toBe(2)
    expect((bad as { stderr: string }).stderr).toContain('No layer "nope" here. Nested values: token')
  })

  it("prints a body's terminal escapes and bidi overrides as visible escapes, unless --raw", async () => {
    const file = resolve(tempDir(), 'req.http')
    // Window title (OSC 0), clipboard write (OSC 52), hyperlink (OSC 8), 8-bit CSI, a right-to-left override.
    const hostile =
      '\x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u009b31m invoice\u202efdp.exe'
    writeFileSync(
      file,
      Buffer.from(`POST / HTTP/1.1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${hostile}`, 'utf8')
    )
    const shown = (await run(process.execPath, [CLI, 'inspect', '--request', file])).stdout
    expect(shown).not.toMatch(/[\x1b\x07\u009b\u202e]/)
    expect(shown).toContain('\\x1B]0;pwned\\x07')
    expect(shown).toContain('invoice\\u202Efdp.exe')
    const json = (await run(process.execPath, [CLI, 'inspect', '--request', file, '--json'])).stdout
    expect(json).not.toMatch(/[\x1b\x07\u009b\u202e]/)
    expect((JSON.parse(json) as { body: string }).body).toBe(hostile)
    const raw = (await run(process.execPath, [CLI, 'inspect', '--request', file, '--raw'])).stdout
    expect(raw).toContain(hostile)
  })
})

describe('inspect in Chromium', () => {
  it('opens a UseePay form webhook as pretty JSON with its breadcrumb, after one click', async () => {
    await postHttp(new URL('/useepay/notify', host.listenUrl).toString(), USEEPAY_FORM, USEEPAY_HEADERS)
    const page = await open()
    const row = page.locator('[data-capture-id]').filter({ hasText: '/useepay/notify' }).first()
    await row.waitFor()
    expect(await row.textContent()).toContain('payment_intent.succeeded')
    await row.click()
    await expect.poll(() => page.getByTestId('breadcrumb').textContent()).toBe('form→data→JSON')
    await expect.poll(() => codeText(page)).toContain('"city": "shanghai"')
    expect(await page.getByTestId('detail-provider').textContent()).toContain('useepay-v2')
    // Ctrl/Cmd+F searches the body and highlights the hits.
    await page.locator('[data-testid=inspector] .cm-content').first().click()
    await page.keyboard.press('Control+f')
    await page.keyboard.type('shanghai')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-testid=inspector] .cm-searchMatch').count()).toBeGreaterThanOrEqual(2)
    await page.keyboard.press('Escape')
    // Back up the chain to the form layer, and down again from its fields table.
    await page.getByTestId('breadcrumb').getByRole('button', { name: 'data' }).click()
    await page.getByTestId('fields-table').waitFor()
    await page.getByRole('button', { name: /Open URL-encoded JSON|Open JSON/ }).click()
    await expect.poll(() => codeText(page)).toContain('"city": "shanghai"')
    // The tree view gives the path of a value.
    await page.getByRole('tab', { name: 'Tree' }).click()
    await page
      .getByRole('treeitem')
      .filter({ hasText: /^▸customer/ })
      .first()
      .click()
    await page
      .getByRole('treeitem')
      .filter({ hasText: /^▸address/ })
      .first()
      .click()
    await page.getByRole('treeitem').filter({ hasText: 'city' }).first().click()
    expect(await page.getByTestId('tree-path').textContent()).toBe('data.customer.address.city')
    await page.context().close()
  })

  it('shows bidi overrides and zero-width characters as escapes in the fields table and the tree', async () => {
    await postHttp(new URL('/bidi/form', host.listenUrl).toString(), 'file=invoice%E2%80%AEfdp.exe&note=a%E2%80%8Bb', {
      'Content-Type': 'application/x-www-form-urlencoded'
    })
    await postHttp(new URL('/bidi/json', host.listenUrl).toString(), '{"file":"invoice\\u202efdp.exe"}', {
      'Content-Type': 'application/json'
    })
    const page = await open()
    await page.locator('[data-capture-id]').filter({ hasText: '/bidi/form' }).first().click()
    const fields = page.getByTestId('fields-table')
    await expect.poll(() => fields.textContent()).toContain('invoice\\u202Efdp.exe')
    expect(await fields.textContent()).toContain('a\\u200Bb')
    await page.locator('[data-capture-id]').filter({ hasText: '/bidi/json' }).first().click()
    await page.getByRole('tab', { name: 'Tree' }).click()
    await expect
      .poll(() => page.getByRole('treeitem').filter({ hasText: 'file' }).first().textContent())
      .toContain('invoice\\u202Efdp.exe')
    const raw = await page.evaluate(() => document.body.innerText)
    expect(raw).not.toContain('\u202e')
    await page.context().close()
  })

  it('shows script-y JSON as text and runs nothing', async () => {
    const body = JSON.stringify({
      html: '<img src=x onerror="window.__canary=1;alert(1)">',
      s: '<script>window.__canary=2</script>',
      link: 'javascript:window.__canary=3'
    })
    await postHttp(new URL('/xss/json', host.listenUrl).toString(), body, { 'Content-Type': 'application/json' })
    const page = await open()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const start = page.url()
    await page.locator('[data-capture-id]').filter({ hasText: '/xss/json' }).first().click()
    await expect.poll(() => codeText(page)).toContain('<img src=x onerror=')
    await page.getByRole('tab', { name: 'Tree' }).click()
    await page.getByRole('treeitem').filter({ hasText: 'script' }).first().click()
    const state = await page.evaluate(() => ({
      canary: (window as unknown as { __canary?: number }).__canary,
      imgs: document.querySelectorAll('img[src], img[onerror]').length,
      scripts: document.querySelectorAll('script:not([src])').length
    }))
    expect(state).toEqual({ canary: undefined, imgs: 0, scripts: 0 })
    expect(dialogs).toEqual([])
    expect(page.url()).toBe(start)
    await page.context().close()
  })

  // How fast the clicks are answered is measured by `npm run bench:hostile` (timing belongs in benchmarks).
  it('opens a 24 MB JSON body while the UI keeps answering clicks', async () => {
    // Written as text so the ids are exact 64-bit values that a JS number would round.
    const items = Array.from(
      { length: 240_000 },
      (_, i) =>
        `{"id":${9007199254740993n + BigInt(i)},"name":"item-${i}","tags":["a","b"],"ok":${i % 2 === 0},"price":${i / 7}}`
    )
    const body = `{"type":"bulk.export","items":[${items.join(',')}]}`
    expect(body.length).toBeGreaterThan(20 * 1024 * 1024)
    expect(body.length).toBeLessThan(25 * 1024 * 1024)
    expect(
      await postHttp(new URL('/big/json', host.listenUrl).toString(), body, { 'Content-Type': 'application/json' })
    ).toBe(200)
    const page = await open()
    await page.locator('[data-capture-id]').filter({ hasText: '/big/json' }).first().click()
    // Until the pretty view is there, keep clicking elsewhere: every click must be answered.
    const latencies: number[] = []
    // count() does not wait, unlike textContent(): the loop must not block on the view it is timing.
    const content = page.locator('[data-testid=inspector] .cm-content')
    const shown = async (): Promise<boolean> =>
      (await content.count()) > 0 && ((await content.first().textContent()) ?? '').includes('"type": "bulk.export"')
    const deadline = Date.now() + 60_000
    while (!(await shown()) && Date.now() < deadline) {
      const t0 = Date.now()
      await page.getByRole('button', { name: 'Clear…' }).click()
      await page.getByRole('button', { name: 'Cancel' }).click()
      latencies.push(Date.now() - t0)
    }
    expect(await shown()).toBe(true)
    // 64-bit ids keep every digit (no rounding through JS numbers).
    expect(await content.first().textContent()).toContain('"id": 9007199254740993,')
    expect(latencies.length).toBeGreaterThan(0)
    console.log(`24 MB body: ${latencies.length} clicks answered while loading, slowest ${Math.max(...latencies)} ms`)
    await page.context().close()
  })
})
