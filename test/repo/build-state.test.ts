import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain ES module of the repository's scripts, without types
import { buildNeeded, BUILT } from '../../scripts/build-state.js'
import { tempDir } from '../helpers/tmp'

const put = (root: string, file: string, at: number): void => {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), 'x')
  utimesSync(join(root, file), at, at)
}

describe('npx hookscope builds when out/ is stale', () => {
  it('missing output, then up to date, then a source edited after the build', () => {
    const root = tempDir()
    put(root, 'src/main/cli/main.ts', 1_000)
    put(root, 'package.json', 1_000)
    expect(buildNeeded(root)).toBe('out/main/cli.js is missing')
    for (const f of BUILT as string[]) put(root, f, 2_000)
    expect(buildNeeded(root)).toBeNull()
    put(root, 'src/shared/decode/json.ts', 3_000)
    expect(buildNeeded(root)).toBe('sources changed since the last build')
  })

  it('an installed package (no sources next to out/) is never rebuilt', () => {
    const root = tempDir()
    for (const f of BUILT as string[]) put(root, f, 2_000)
    put(root, 'package.json', 9_000)
    expect(buildNeeded(root)).toBeNull()
  })
})
