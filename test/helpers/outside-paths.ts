import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

export interface OutsidePath {
  file: string
  line: number
  literal: string
  resolved: string
}

const SOURCE = /\.(c|m)?(t|j)sx?$/
// A string literal in single, double or back quotes (template pieces included).
const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*?)(?:`|\$\{)/g
// A path joined onto the repository root: resolve(ROOT, '…'), join(process.cwd(), '…').
const FROM_ROOT = /\b(?:ROOT|REPO|process\.cwd\(\))\s*,\s*$/

function inside(root: string, p: string): boolean {
  const rel = relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))
}

/**
 * Every string literal in a source file that names a path outside `root`: a relative path
 * ("../…") resolved from the file's folder (imports, readFileSync(resolve(import.meta.dirname, …)))
 * or from the root when it is joined onto ROOT / process.cwd().
 */
export function outsidePathsIn(root: string, file: string, text: string): OutsidePath[] {
  const found: OutsidePath[] = []
  for (const m of text.matchAll(LITERAL)) {
    const literal = m[1] ?? m[2] ?? m[3] ?? ''
    if (!/(^|\/)\.\.(\/|$)/.test(literal)) continue
    const before = text.slice(Math.max(0, m.index - 40), m.index)
    const bases = [dirname(file)]
    if (FROM_ROOT.test(before)) bases.push(root)
    for (const base of bases) {
      const resolved = resolve(base, literal)
      if (!inside(root, resolved)) {
        found.push({ file: relative(root, file), line: text.slice(0, m.index).split('\n').length, literal, resolved })
        break
      }
    }
  }
  return found
}

/** Scans the given folders of the repository (recursively, source files only). */
export function outsidePaths(root: string, folders: string[]): OutsidePath[] {
  const out: OutsidePath[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'fixtures') continue
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (SOURCE.test(name)) out.push(...outsidePathsIn(root, p, readFileSync(p, 'utf8')))
    }
  }
  for (const f of folders) walk(join(root, f))
  return out
}
