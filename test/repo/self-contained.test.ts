import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/host-process'
import { outsidePaths, outsidePathsIn } from '../helpers/outside-paths'

describe('the repository is self-contained', () => {
  it('no file under src/, test/, scripts/ or bin/ names a path outside the repository', () => {
    expect(outsidePaths(ROOT, ['src', 'test', 'scripts', 'bin'])).toEqual([])
  })

  it('the check catches reads beside the repository, from a file and from the root', () => {
    const file = join(ROOT, 'test/shared/decode/x.test.ts')
    const hits = outsidePathsIn(
      ROOT,
      file,
      [
        "const a = readFileSync(resolve(import.meta.dirname, 'UP/UP/UP/UP/shared/seeds/003.txt'), 'utf8')",
        "const b = readFileSync(resolve(ROOT, 'UP/shared/providers/catalog.json'))",
        "import { x } from 'UP/UP/UP/src/shared/decode/json'",
        "const c = resolve(ROOT, 'test/fixtures/seeds/003.txt')"
      ]
        .join('\n')
        // written as UP so that this file itself holds no such literal
        .replaceAll('UP', '..')
    )
    expect(hits.map((h) => [h.line, h.literal])).toEqual([
      [1, 'UP/UP/UP/UP/shared/seeds/003.txt'.replaceAll('UP', '..')],
      [2, 'UP/shared/providers/catalog.json'.replaceAll('UP', '..')]
    ])
  })
})
