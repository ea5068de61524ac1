import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '@shared/api/contract'
import type { ListenerStatus } from '@shared/model/capture'
import { ROOT } from '../helpers/host-process'
import { postHttp } from '../helpers/raw-http'
import { suiteDir } from '../helpers/tmp'

/** The Electron binary when `npm install` could fetch it; null where its download host was unreachable. */
function electronBinary(): string | null {
  try {
    const bin = createRequire(import.meta.url)('electron') as unknown
    return typeof bin === 'string' && existsSync(bin) ? bin : null
  } catch {
    return null
  }
}

const bin = electronBinary()

// The real desktop window: main process, preload bridge, IPC and app:// — only where the binary exists.
describe.runIf(bin)('the desktop window (Electron)', () => {
  let app: ElectronApplication
  let win: Page
  const dataDir = suiteDir()

  beforeAll(async () => {
    const env = { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' } as Record<string, string>
    app = await _electron.launch({
      executablePath: bin!,
      args: [ROOT, '--no-sandbox', '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
      env,
      cwd: ROOT
    })
    win = await app.firstWindow()
    await win.waitForLoadState('domcontentloaded')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('loads the UI from app:// and the preload exposes only the contract', async () => {
    expect(win.url()).toMatch(/^app:\/\//)
    const seen = await win.evaluate(() => ({
      keys: Object.keys((window as unknown as { hookscope: object }).hookscope).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process
    }))
    expect(seen.keys).toEqual([...METHOD_NAMES, 'on'].sort())
    expect(seen.require).toBe('undefined')
    expect(seen.process).toBe('undefined')
  })

  it('a webhook sent to the listener appears in the window live, through IPC', async () => {
    const status = await win.evaluate(() =>
      (window as unknown as { hookscope: { getStatus(): Promise<unknown> } }).hookscope.getStatus()
    )
    const { url, listening } = status as ListenerStatus
    expect(listening).toBe(true)
    expect(
      await postHttp(`${url}/electron/live?n=1`, '{"event":"electron.window"}', { 'content-type': 'application/json' })
    ).toBe(200)
    await win.locator('[data-capture-id]', { hasText: '/electron/live' }).first().waitFor({ timeout: 5_000 })
  })
})
