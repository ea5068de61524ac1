import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'

/** The parent folder in the import paths written into probe files (src/preload → src/shared and the like). */
const UP = '..'

const eslint = new ESLint({ cwd: ROOT })

async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) })
  return result!.messages.map((m) => m.ruleId ?? m.message)
}

// `npm run lint` (part of `npm test`) enforces the layers of docs/architecture.md; these show each rule bites.
describe('lint enforces the layers', () => {
  it('a source file stays under 300 lines and a function under 80 (data tables exempt)', async () => {
    const longFunction = `export function f(): number {\n  let n = 0\n${'  n++\n'.repeat(80)}  return n\n}\n`
    expect(await rulesHit('src/shared/model/violation.ts', longFunction)).toContain('max-lines-per-function')
    const shortFunction = `export function f(): number {\n  let n = 0\n${'  n++\n'.repeat(70)}  return n\n}\n`
    expect(await rulesHit('src/shared/model/violation.ts', shortFunction)).toEqual([])
    const longFile = Array.from({ length: 301 }, (_, i) => `export const x${i} = ${i}`).join('\n') + '\n'
    expect(await rulesHit('src/main/services/capture/violation.ts', longFile)).toContain('max-lines')
    // The built-in schemes are data: their table may run long.
    expect(await rulesHit('src/shared/signatures/schemes/violation.ts', longFile)).not.toContain('max-lines')
  })

  it('src/shared may not import main, node:* or electron', async () => {
    expect(
      await rulesHit(
        'src/shared/model/violation.ts',
        "import { HookscopeCore } from '../../main/services/core'\nexport const x = HookscopeCore\n"
      )
    ).toContain('import-x/no-restricted-paths')
    expect(
      await rulesHit(
        'src/shared/model/violation.ts',
        "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"
      )
    ).toContain('no-restricted-imports')
    expect(
      await rulesHit('src/shared/model/violation.ts', "import { app } from 'electron'\nexport const x = app\n")
    ).toContain('no-restricted-imports')
  })

  it('the renderer may not import main; the preload only the contract', async () => {
    expect(
      await rulesHit(
        'src/renderer/src/violation.ts',
        "import { HookscopeCore } from '@main/services/core'\nexport const x = HookscopeCore\n"
      )
    ).toContain('import-x/no-restricted-paths')
    expect(
      await rulesHit(
        'src/preload/violation.ts',
        `import { formatJson } from '${UP}/shared/decode/json'\n` + 'export const x = formatJson\n'
      )
    ).toContain('import-x/no-restricted-paths')
    expect(
      await rulesHit(
        'src/preload/violation.ts',
        `import { METHOD_NAMES } from '${UP}/shared/api/contract'\n` + 'export const x = METHOD_NAMES\n'
      )
    ).toEqual([])
  })

  it('src/shared folders import only the layers below them (model ← http ← decode ← signatures), type imports included', async () => {
    const hit = (file: string, from: string) =>
      rulesHit(file, `import type { SchemeDefinition } from '${from}'\nexport type X = SchemeDefinition\n`)
    expect(await hit('src/shared/decode/violation.ts', `${UP}/signatures`)).toContain('import-x/no-restricted-paths')
    expect(await hit('src/shared/http/violation.ts', `${UP}/signatures`)).toContain('import-x/no-restricted-paths')
    expect(
      await rulesHit(
        'src/shared/model/violation.ts',
        `import { headerValue } from '${UP}/http/headers'\nexport const x = headerValue\n`
      )
    ).toContain('import-x/no-restricted-paths')
    // Upward is the allowed direction.
    expect(await hit('src/shared/receiver-code/violation.ts', `${UP}/signatures`)).toEqual([])
  })

  it('outside src/shared/signatures, its index.ts is the only entry', async () => {
    expect(
      await rulesHit(
        'src/main/services/violation.ts',
        "import { SCHEMES } from '@shared/signatures/registry'\nexport const x = SCHEMES\n"
      )
    ).toContain('no-restricted-imports')
    expect(
      await rulesHit(
        'src/shared/api/violation.ts',
        `import { SCHEMES } from '${UP}/signatures/registry'\nexport const x = SCHEMES\n`
      )
    ).toContain('no-restricted-imports')
    expect(
      await rulesHit(
        'src/main/services/violation.ts',
        "import { SCHEMES } from '@shared/signatures'\nexport const x = SCHEMES\n"
      )
    ).toEqual([])
  })

  it('src/main: api → core → domains → store, each domain entered through its index.ts', async () => {
    const code = (name: string, from: string) => `import { ${name} } from '${from}'\nexport const x = ${name}\n`
    expect(
      await rulesHit('src/main/services/violation.ts', code('startCaptureThreads', './store/capture-db'))
    ).toContain('no-restricted-imports')
    expect(await rulesHit('src/main/services/violation.ts', code('startCaptureThreads', './store'))).toEqual([])
    expect(await rulesHit('src/main/services/store/violation.ts', code('Endpoints', `${UP}/configuration`))).toContain(
      'import-x/no-restricted-paths'
    )
    expect(await rulesHit('src/main/services/capture/violation.ts', code('HookscopeCore', `${UP}/core`))).toContain(
      'import-x/no-restricted-paths'
    )
    expect(
      await rulesHit('src/main/services/delivery/violation.ts', code('dispatch', `${UP}/${UP}/api/dispatch`))
    ).toContain('import-x/no-restricted-paths')
    // Inside a domain, its own files are imported directly.
    expect(await rulesHit('src/main/services/capture/violation.ts', code('CaptureDescriber', './describe'))).toEqual([])
  })

  it('deep relative imports are refused in favour of aliases', async () => {
    expect(
      await rulesHit(
        'src/main/services/store/violation.ts',
        `import { formatJson } from '${UP}/${UP}/${UP}/shared/decode/json'\n` + 'export const x = formatJson\n'
      )
    ).toContain('no-restricted-imports')
  })

  describe('import cycles', () => {
    const dir = join(ROOT, 'src/shared/cycle-probe')
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    it('are reported', async () => {
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b'\nexport const a = (): number => b() + 1\n")
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a'\nexport const b = (): number => a() - 1\n")
      const results = await eslint.lintFiles([join(dir, 'a.ts')])
      expect(results[0]!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle')
    })
  })
})
