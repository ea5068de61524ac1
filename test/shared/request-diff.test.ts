import { describe, expect, it } from 'vitest'
import { diffRequests, type DiffSide } from '@shared/diff/request-diff'

const enc = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s))
const req = (headers: [string, string][], body: string | number[] = '', target = '/h'): DiffSide => ({
  method: 'POST',
  target,
  rawHeaders: headers,
  body: enc(body)
})

describe('request diff', () => {
  it('headers: a changed value is one row; a moved header and a name whose case changed are marked; ignore-order pairs by name', () => {
    const a = req([
      ['Host', 'x'],
      ['X-Sig', 'aaa'],
      ['Content-Type', 'application/json'],
      ['X-Id', '1']
    ])
    const b = req([
      ['Host', 'x'],
      ['content-type', 'application/json'],
      ['X-Sig', 'bbb'],
      ['X-Id', '1'],
      ['X-New', 'n']
    ])
    const rows = diffRequests(a, b).headers
    expect(
      rows.map((r) => [r.change, r.left?.[0] ?? null, r.right?.[0] ?? null, r.caseOnly ?? false, r.moved ?? false])
    ).toEqual([
      ['same', 'Host', 'Host', false, false],
      ['changed', 'X-Sig', 'X-Sig', false, false],
      ['changed', 'Content-Type', 'content-type', true, false],
      ['same', 'X-Id', 'X-Id', false, false],
      ['added', null, 'X-New', false, false]
    ])
    const any = diffRequests(a, b, { ignoreHeaderOrder: true })
    expect(
      any.headers
        .filter((r) => r.change !== 'same')
        .map((r) => [r.change, r.left?.[0] ?? r.right?.[0], r.caseOnly ?? false])
    ).toEqual([
      ['changed', 'X-Sig', false],
      ['changed', 'Content-Type', true],
      ['added', 'X-New', false]
    ])
    const moved = diffRequests(
      req([
        ['A', '1'],
        ['B', '2']
      ]),
      req([
        ['B', '2'],
        ['A', '1']
      ])
    ).headers
    expect(moved.some((r) => r.moved)).toBe(true)
  })

  it('JSON bodies by path (added, removed, changed), a form with JSON inside compared inside it', () => {
    const d = diffRequests(req([], '{"a":1,"b":{"c":[1,2]},"gone":true}'), req([], '{"a":1,"b":{"c":[1,3]},"new":"x"}'))
    expect(d.body.kind).toBe('json')
    expect(
      d.body.kind === 'json' && d.body.rows.filter((r) => r.change !== 'same').map((r) => [r.change, r.path])
    ).toEqual([
      ['changed', '$.b.c[1]'],
      ['removed', '$.gone'],
      ['added', '$.new']
    ])
    const form = (amount: number): DiffSide =>
      req(
        [['Content-Type', 'application/x-www-form-urlencoded']],
        `data=${encodeURIComponent(JSON.stringify({ amount, name: 'team.liu' }))}&n=1`
      )
    const f = diffRequests(form(10), form(20))
    expect(f.body.kind === 'json' && f.body.rows.filter((r) => r.change !== 'same')).toEqual([
      { change: 'changed', path: '$.data.amount', left: '10', right: '20' }
    ])
    expect(f.counts).toEqual({ headers: 0, body: 1 })
  })

  it('text by line, binary by hex row, empty bodies, the request line', () => {
    const t = diffRequests(req([], 'one\ntwo\nthree'), req([], 'one\n2\nthree', '/other'))
    expect(t.requestLine.change).toBe('changed')
    expect(t.body.kind === 'text' && t.body.rows.map((r) => `${r.change}:${r.text}`)).toEqual([
      'same:one',
      'removed:two',
      'added:2',
      'same:three'
    ])
    const h = diffRequests(req([], [0, 1, 2, 0xff]), req([], [0, 1, 3, 0xff]))
    expect(h.body.kind === 'hex' && h.body.rows.map((r) => `${r.change}:${r.text}`)).toEqual([
      'removed:00000000  00 01 02 ff',
      'added:00000000  00 01 03 ff'
    ])
    expect(diffRequests(req([]), req([])).body).toEqual({ kind: 'empty' })
  })
})
