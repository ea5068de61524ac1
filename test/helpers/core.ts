import { afterEach } from 'vitest'
import { HookscopeCore, type CoreOptions } from '@main/services/core'
import { tempDir } from './tmp'

/**
 * Cores on port 0 with fresh data directories for one test file, closed after each test together
 * with whatever else the test registered with `cleanup` (last registered, first run).
 */
export function coreSession(options: Partial<CoreOptions> = {}) {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })
  return {
    cleanup: (fn: () => unknown): void => void cleanups.push(fn),
    async start(): Promise<{ c: HookscopeCore; url: string; port: number }> {
      const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 }, ...options })
      await c.start()
      cleanups.push(() => c.close())
      const url = c.status().url!
      return { c, url, port: Number(new URL(url).port) }
    }
  }
}
