import { diffArrays, diffLines } from 'diff'
import type { HttpRequest, RawHeaders } from '../model/http'
import { headerValue } from '../http/headers'
import { parseFormFields } from '../decode/form'

/** A side of a diff is any request: a capture, an imported delivery or a composed request. */
export type DiffSide = HttpRequest

export type Change = 'same' | 'changed' | 'removed' | 'added'

export interface HeaderRow {
  change: Change
  left: [string, string] | null
  right: [string, string] | null
  /** Same header and value, but the name's case differs. */
  caseOnly?: boolean
  /** Same header and value at another place in the order. */
  moved?: boolean
}

export interface PathRow {
  change: Change
  path: string
  left?: string
  right?: string
}

export interface LineRow {
  change: Change
  text: string
}

export type BodyDiff =
  | { kind: 'json'; rows: PathRow[] }
  | { kind: 'text'; rows: LineRow[] }
  | { kind: 'hex'; rows: LineRow[] }
  | { kind: 'empty' }

export interface RequestDiff {
  requestLine: { left: string; right: string; change: Change }
  headers: HeaderRow[]
  body: BodyDiff
  /** How many rows differ, per part (0 everywhere: the requests are the same). */
  counts: { headers: number; body: number }
}

/** Leaves of a JSON value as path → JSON text ($.data.amount, $.items[0].id). */
function flatten(v: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(path, '[]')
    v.forEach((x, i) => flatten(x, `${path}[${i}]`, out))
  } else if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v)
    if (keys.length === 0) out.set(path, '{}')
    for (const k of keys)
      flatten(
        (v as Record<string, unknown>)[k],
        /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`,
        out
      )
  } else out.set(path, JSON.stringify(v))
}

function utf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b)
  } catch {
    return null
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * A body as a tree a person reads: JSON as is, and a form whose values hold JSON (UseePay's data=…) as
 * an object of its fields with those values parsed — so a changed amount inside is one path, not a line.
 */
function asTree(body: Uint8Array, headers: RawHeaders): unknown {
  const text = utf8(body)
  if (text === null || text.trim() === '') return undefined
  const json = parseJson(text)
  if (json !== undefined && typeof json === 'object' && json !== null) return json
  if (/x-www-form-urlencoded/i.test(headerValue(headers, 'content-type') ?? '')) {
    const fields = parseFormFields(text)
    if (fields.length === 0) return undefined
    const tree: Record<string, unknown> = {}
    for (const f of fields) {
      const inner = parseJson(f.value)
      tree[f.name] = inner !== undefined && typeof inner === 'object' && inner !== null ? inner : f.value
    }
    return tree
  }
  return undefined
}

function hexRows(b: Uint8Array): string[] {
  const rows: string[] = []
  for (let i = 0; i < b.length; i += 16) {
    rows.push(
      `${i.toString(16).padStart(8, '0')}  ${Array.from(b.subarray(i, i + 16), (x) => x.toString(16).padStart(2, '0')).join(' ')}`
    )
  }
  return rows
}

function lineRows(left: string[], right: string[]): LineRow[] {
  const rows: LineRow[] = []
  for (const part of diffArrays(left, right)) {
    const change: Change = part.added ? 'added' : part.removed ? 'removed' : 'same'
    for (const text of part.value) rows.push({ change, text })
  }
  return rows
}

function diffBody(a: DiffSide, b: DiffSide): BodyDiff {
  if (a.body.length === 0 && b.body.length === 0) return { kind: 'empty' }
  const ta = asTree(a.body, a.rawHeaders)
  const tb = asTree(b.body, b.rawHeaders)
  if (ta !== undefined && tb !== undefined) {
    const la = new Map<string, string>()
    const lb = new Map<string, string>()
    flatten(ta, '$', la)
    flatten(tb, '$', lb)
    const rows: PathRow[] = []
    for (const [path, left] of la) {
      const right = lb.get(path)
      rows.push(
        right === undefined
          ? { change: 'removed', path, left }
          : { change: right === left ? 'same' : 'changed', path, left, right }
      )
    }
    for (const [path, right] of lb) if (!la.has(path)) rows.push({ change: 'added', path, right })
    return { kind: 'json', rows }
  }
  const sa = utf8(a.body)
  const sb = utf8(b.body)
  if (sa !== null && sb !== null) {
    const rows: LineRow[] = []
    for (const part of diffLines(sa, sb)) {
      const change: Change = part.added ? 'added' : part.removed ? 'removed' : 'same'
      for (const text of part.value.replace(/\n$/, '').split('\n')) rows.push({ change, text })
    }
    return { kind: 'text', rows }
  }
  return { kind: 'hex', rows: lineRows(hexRows(a.body), hexRows(b.body)) }
}

/** Headers in order, aligned by name and value; a changed value of the same name is one row. */
function diffHeadersInOrder(a: RawHeaders, b: RawHeaders): HeaderRow[] {
  const key = (h: [string, string]): string => `${h[0].toLowerCase()}\n${h[1]}`
  const rows: HeaderRow[] = []
  let ai = 0
  let bi = 0
  for (const part of diffArrays(a.map(key), b.map(key))) {
    const n = part.count ?? part.value.length
    if (!part.added && !part.removed) {
      for (let i = 0; i < n; i++) {
        const l = a[ai++]!
        const r = b[bi++]!
        rows.push({
          change: l[0] === r[0] ? 'same' : 'changed',
          left: l,
          right: r,
          ...(l[0] !== r[0] ? { caseOnly: true } : {})
        })
      }
    } else if (part.removed) for (let i = 0; i < n; i++) rows.push({ change: 'removed', left: a[ai++]!, right: null })
    else for (let i = 0; i < n; i++) rows.push({ change: 'added', left: null, right: b[bi++]! })
  }
  // A removal followed by an addition of the same name is a changed value.
  const merged: HeaderRow[] = []
  for (const row of rows) {
    const prev = merged.findLast(
      (r) => r.change === 'removed' && r.left![0].toLowerCase() === row.right?.[0].toLowerCase()
    )
    if (row.change === 'added' && prev) {
      prev.change = 'changed'
      prev.right = row.right
      if (prev.left![1] === row.right![1]) prev.moved = true
    } else merged.push(row)
  }
  return merged
}

/** Headers compared by name only, whatever their order (the "ignore order" toggle). */
function diffHeadersAnyOrder(a: RawHeaders, b: RawHeaders): HeaderRow[] {
  const rest = [...b]
  const rows: HeaderRow[] = []
  for (const l of a) {
    let i = rest.findIndex((r) => r[0].toLowerCase() === l[0].toLowerCase() && r[1] === l[1])
    if (i < 0) i = rest.findIndex((r) => r[0].toLowerCase() === l[0].toLowerCase())
    if (i < 0) {
      rows.push({ change: 'removed', left: l, right: null })
      continue
    }
    const r = rest.splice(i, 1)[0]!
    rows.push({
      change: r[1] === l[1] && r[0] === l[0] ? 'same' : 'changed',
      left: l,
      right: r,
      ...(r[1] === l[1] && r[0] !== l[0] ? { caseOnly: true } : {})
    })
  }
  for (const r of rest) rows.push({ change: 'added', left: null, right: r })
  return rows
}

/**
 * Side-by-side comparison of two requests: request line, headers (order and case aware unless told), body by
 * JSON path, line or hex row.
 */
export function diffRequests(a: DiffSide, b: DiffSide, options: { ignoreHeaderOrder?: boolean } = {}): RequestDiff {
  const left = `${a.method} ${a.target}`
  const right = `${b.method} ${b.target}`
  const headers = options.ignoreHeaderOrder
    ? diffHeadersAnyOrder(a.rawHeaders, b.rawHeaders)
    : diffHeadersInOrder(a.rawHeaders, b.rawHeaders)
  const body = diffBody(a, b)
  const bodyRows = body.kind === 'empty' ? [] : (body.rows as { change: Change }[])
  return {
    requestLine: { left, right, change: left === right ? 'same' : 'changed' },
    headers,
    body,
    counts: {
      headers: headers.filter((h) => h.change !== 'same').length,
      body: bodyRows.filter((r) => r.change !== 'same').length
    }
  }
}
