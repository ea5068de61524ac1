import { describe, expect, it } from 'vitest'
import { cycles, importGraph, sharedEdges, sourceFiles } from '../../scripts/import-graph'

// ESLint's no-cycle skips type-only imports; this graph counts them (scripts/import-graph.ts).
describe('the import graph of src/, type imports included', () => {
  it('has no cycle', () => {
    const graph = importGraph(sourceFiles())
    expect(graph.size).toBeGreaterThan(150)
    expect(cycles(graph)).toEqual([])
  })

  it('finds a cycle made only of type imports (seeded)', () => {
    const files = ['src/main/a.ts', 'src/main/b.ts', 'src/main/c.ts']
    const code: Record<string, string> = {
      'src/main/a.ts': "import type { B } from './b'\nexport type A = { b: B }\n",
      'src/main/b.ts': "import { type C } from './c'\nexport type B = C[]\n",
      'src/main/c.ts': "export type { A as C } from './a'\n"
    }
    expect(cycles(importGraph(files, (f) => code[f]!))).toEqual([files])
    // Broken at one edge, it is gone.
    code['src/main/c.ts'] = 'export type C = string\n'
    expect(cycles(importGraph(files, (f) => code[f]!))).toEqual([])
  })

  it('src/shared folders import downward only: no folder imports one that imports it', () => {
    const edges = [...sharedEdges(importGraph(sourceFiles()))].map(([e]) => e)
    for (const e of edges) {
      const [a, b] = e.split(' → ')
      expect(edges, `${e} and back`).not.toContain(`${b} → ${a}`)
    }
  })
})
