import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser'
import { startHostProcess, type HostProcess } from './host-process'
import { suiteDir } from './tmp'

export interface UiSession {
  browser: Browser
  host: HostProcess
  /** Opened on the UI when a viewport was asked for. */
  page: Page
}

/**
 * One Chromium and one `hookscope serve` (with its own data directory) for a whole test file;
 * with `viewport`, also a page already on the UI. Fields are filled in beforeAll.
 */
export function uiSession(viewport?: { width: number; height: number }): UiSession {
  const s = {} as UiSession
  beforeAll(async () => {
    s.browser = await launchChromium()
    s.host = await startHostProcess(suiteDir())
    if (viewport) {
      s.page = await (await s.browser.newContext({ viewport })).newPage()
      await s.page.goto(s.host.openUrl)
    }
  })
  afterAll(async () => {
    await s.host?.interrupt()
    await s.browser?.close()
  })
  return s
}
