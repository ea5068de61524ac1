import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A fresh directory removed after the current test. */
export function tempDir(prefix = 'hookscope-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}

/** A fresh directory kept for the whole file (for a host started in beforeAll), removed after it. */
export function suiteDir(prefix = 'hookscope-suite-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(d, { recursive: true, force: true }))
  return d
}
