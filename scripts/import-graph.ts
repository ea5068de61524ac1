// `npx tsx scripts/import-graph.ts`: the import graph of src/ — type-only imports included, which
// ESLint's no-cycle skips — its cycles, and the imports between src/shared's folders. The repo test
// test/repo/import-graph.test.ts holds the code to no cycles and to the shared folders' layers.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ALIASES: Record<string, string> = {
  '@shared/': 'src/shared/',
  '@main/': 'src/main/',
  '@renderer/': 'src/renderer/src/',
  '@preload/': 'src/preload/'
}
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx']

/** Every .ts/.tsx file under `dir` (repo-relative paths). */
export function sourceFiles(dir = 'src'): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(join(ROOT, d))) {
      const path = join(d, name)
      if (statSync(join(ROOT, path)).isDirectory()) walk(path)
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
    }
  }
  walk(dir)
  return out.sort()
}

/** The repo-relative file an import specifier names, or null for a package. */
function resolveImport(from: string, spec: string, exists: (p: string) => boolean): string | null {
  let base: string | null = null
  if (spec.startsWith('.')) base = join(dirname(from), spec)
  for (const [alias, to] of Object.entries(ALIASES)) if (spec.startsWith(alias)) base = to + spec.slice(alias.length)
  if (base === null) return null
  if (exists(base)) return base
  for (const ext of EXTENSIONS) if (exists(base + ext)) return base + ext
  return null
}

/** file → the files it imports (value and type imports, re-exports, dynamic imports with a literal). */
export function importGraph(
  files: readonly string[],
  read = (f: string) => readFileSync(join(ROOT, f), 'utf8')
): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const info = ts.preProcessFile(read(file), true, true)
    const targets = info.importedFiles
      .map((i) => resolveImport(file, i.fileName, (p) => known.has(p)))
      .filter((t): t is string => t !== null && t !== file)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Strongly connected components with more than one file (Tarjan): each is an import cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const stack: string[] = []
  const onStack = new Set<string>()
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) visit(v)
  return out
}

/** The folder (or top-level file) of src/shared a file belongs to: `signatures`, `http`, `bytes.ts`… */
export const sharedUnit = (file: string): string | null => {
  const rest = relative('src/shared', file)
  return rest.startsWith('..') ? null : rest.split(/[\\/]/)[0]!
}

/** Imports from one shared folder into another, as "from → to" with a count. */
export function sharedEdges(graph: Map<string, string[]>): Map<string, number> {
  const edges = new Map<string, number>()
  for (const [file, targets] of graph) {
    const a = sharedUnit(file)
    if (!a) continue
    for (const t of targets) {
      const b = sharedUnit(t)
      if (!b || a === b) continue
      edges.set(`${a} → ${b}`, (edges.get(`${a} → ${b}`) ?? 0) + 1)
    }
  }
  return edges
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const graph = importGraph(sourceFiles())
  const found = cycles(graph)
  console.log(`${graph.size} files, ${found.length} import cycle(s) (type imports included)`)
  for (const c of found) console.log(`  cycle: ${c.join(' ⇄ ')}`)
  console.log('imports between src/shared folders:')
  for (const [edge, n] of [...sharedEdges(graph)].sort()) console.log(`  ${edge} (${n})`)
}
