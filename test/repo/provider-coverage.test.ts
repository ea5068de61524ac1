import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { coverage, report, type Peers } from '../../scripts/provider-coverage'
import { getScheme } from '@shared/signatures'

const ROOT = join(import.meta.dirname, '../..')
const peers = JSON.parse(readFileSync(join(ROOT, 'docs/providers/peers.json'), 'utf8')) as Peers

describe('provider coverage against the peers', () => {
  it('counts every peer once, maps only to schemes that exist, and docs/providers.md shows the current numbers', () => {
    expect(peers.ngrok.ids).toHaveLength(69)
    expect(new Set(peers.ngrok.ids).size).toBe(69)
    expect(new Set(peers.hookdeck.ids).size).toBe(116)
    expect(peers.top30).toHaveLength(30)
    const c = coverage(peers)
    // A mapping to a scheme that does not exist is an error, not a gap.
    expect(() =>
      coverage({ ...peers, ngrok: { ...peers.ngrok, map: { ...peers.ngrok.map, mux: 'no-such-scheme' } } })
    ).toThrow(/not a scheme/)
    for (const r of [...c.ngrok, ...c.hookdeck]) if (r.scheme) expect(getScheme(r.scheme.id)).toBe(r.scheme)
    const doc = readFileSync(join(ROOT, 'docs/providers.md'), 'utf8')
    expect(doc).toContain(report(c, peers.ngrok.why))
  })

  it('names why for each ngrok provider not covered, and keeps no reason for one that is', () => {
    const c = coverage(peers)
    const gaps = c.ngrok.filter((r) => !r.scheme).map((r) => r.peer)
    expect(Object.keys(peers.ngrok.why ?? {}).sort()).toEqual([...gaps].sort())
    for (const peer of gaps) expect(peers.ngrok.why![peer]!.length).toBeGreaterThan(10)
    expect(report(c, {})).toContain('no reason recorded')
  })
})
