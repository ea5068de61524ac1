// `npm run coverage:providers [-- --write]`: how many of the providers ngrok and Hookdeck verify
// Hookscope verifies, from docs/providers/peers.json and the scheme registry; --write puts the table
// in docs/providers.md.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { getScheme, SCHEMES } from '../src/shared/signatures/registry'
import type { SchemeDefinition } from '../src/shared/signatures/types'

export interface Peers {
  /** `why`: the reason each provider still uncovered is, so the gap is named, not just counted. */
  ngrok: { ids: string[]; map: Record<string, string | null>; why?: Record<string, string> }
  hookdeck: { ids: string[]; map: Record<string, string | null>; unsigned: string[] }
  top30: [string, string][]
}

interface Row {
  peer: string
  scheme: SchemeDefinition | null
}

export interface Coverage {
  ngrok: Row[]
  hookdeck: Row[]
  top30: { name: string; scheme: SchemeDefinition | null }[]
}

/** A peer's id → the scheme that covers it: the mapped id, else the id itself in Hookscope's spelling. */
function resolve(
  id: string,
  map: Record<string, string | null>,
  find: (id: string) => SchemeDefinition | undefined
): SchemeDefinition | null {
  if (id in map) {
    const to = map[id]
    if (to === null || to === undefined) return null
    const s = find(to)
    if (!s) throw new Error(`peers.json maps ${id} to "${to}", which is not a scheme`)
    return s
  }
  return find(id.toLowerCase().replace(/_/g, '-')) ?? null
}

export function coverage(peers: Peers, find: (id: string) => SchemeDefinition | undefined = getScheme): Coverage {
  return {
    ngrok: peers.ngrok.ids.map((peer) => ({ peer, scheme: resolve(peer, peers.ngrok.map, find) })),
    hookdeck: peers.hookdeck.ids
      .filter((id) => !peers.hookdeck.unsigned.includes(id))
      .map((peer) => ({ peer, scheme: resolve(peer, peers.hookdeck.map, find) })),
    top30: peers.top30.map(([name, id]) => ({ name, scheme: find(id) ?? null }))
  }
}

const count = (rows: { scheme: SchemeDefinition | null }[]) => `${rows.filter((r) => r.scheme).length}/${rows.length}`
const cell = (s: SchemeDefinition | null) => (s ? `\`${s.id}\`${s.evidence ? ` (${s.evidence})` : ''}` : '—')

export function report(c: Coverage, why: Record<string, string> = {}): string {
  const gaps = (rows: Row[]) =>
    rows
      .filter((r) => !r.scheme)
      .map((r) => `\`${r.peer}\``)
      .join(', ')
  const ngrokGaps = c.ngrok.filter((r) => !r.scheme)
  const evidence = (e: string) => SCHEMES.filter((s) => s.evidence === e).length
  return [
    `| Set | Covered |`,
    `|---|---|`,
    `| ngrok verify-webhook providers | ${count(c.ngrok)} |`,
    `| Hookdeck source types that sign | ${count(c.hookdeck)} |`,
    `| Top 30 targets | ${count(c.top30)} |`,
    '',
    `Evidence of the schemes that say: ${evidence('sdk')} checked against the provider's official SDK both ways, ` +
      `${evidence('vector')} by a published vector, ${evidence('docs')} from the provider's docs, unconfirmed.`,
    '',
    '| Top 30 target | Scheme (evidence) |',
    '|---|---|',
    ...c.top30.map((r) => `| ${r.name} | ${cell(r.scheme)} |`),
    '',
    ngrokGaps.length ? 'Not yet covered — ngrok, each with why:' : 'Not yet covered — ngrok: none.',
    ...ngrokGaps.map((r) => `- \`${r.peer}\`: ${why[r.peer] ?? 'no reason recorded'}.`),
    '',
    `Not yet covered — Hookdeck: ${gaps(c.hookdeck) || 'none'}.`
  ].join('\n')
}

const BEGIN = '<!-- coverage:begin (npm run coverage:providers -- --write) -->'
const END = '<!-- coverage:end -->'

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('..', import.meta.url)
  const peers = JSON.parse(readFileSync(new URL('docs/providers/peers.json', root), 'utf8')) as Peers
  const text = report(coverage(peers), peers.ngrok.why)
  process.stdout.write(text + '\n')
  if (process.argv.includes('--write')) {
    const file = new URL('docs/providers.md', root)
    const doc = readFileSync(file, 'utf8')
    const at = doc.indexOf(BEGIN)
    const end = doc.indexOf(END)
    if (at < 0 || end < at) throw new Error(`docs/providers.md has no ${BEGIN} … ${END} section`)
    writeFileSync(file, doc.slice(0, at + BEGIN.length) + '\n\n' + text + '\n\n' + doc.slice(end))
  }
}
