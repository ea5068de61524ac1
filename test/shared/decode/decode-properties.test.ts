import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { presentLayer, type LayerView } from '@shared/decode/present'
import { formatXml } from '@shared/decode/xml'
import { formatJson } from '@shared/decode/json'
import { FUZZ } from '../../helpers/fuzz'

const enc = new TextEncoder()
const b64 = (s: string): string => Buffer.from(s).toString('base64')

/** Pretty text may indent (capped at 32 levels) and add line breaks: a bounded multiple of the input. */
const PRETTY_FACTOR = 70

function checkView(view: LayerView, input: Uint8Array): void {
  expect(view.crumbs.length).toBeGreaterThan(0)
  if (view.raw !== null) expect(view.raw.length).toBeLessThanOrEqual(Math.max(input.length, view.bytes.length) + 16)
  if (view.pretty !== null)
    expect(view.pretty.length).toBeLessThanOrEqual(PRETTY_FACTOR * Math.max(input.length, view.bytes.length) + 2048)
  expect(view.children.length).toBeLessThanOrEqual(2000)
}

/** Presents the root and every child one level down (what a user clicks through). */
function walk(bytes: Uint8Array, contentType: string | null): number {
  const root = presentLayer(bytes, contentType, [])
  checkView(root, bytes)
  const top = presentLayer(bytes, contentType, [], [])
  checkView(top, bytes)
  for (const c of top.children.slice(0, 20)) checkView(presentLayer(bytes, contentType, [], [c.key]), bytes)
  return top.children.length
}

const contentTypes = fc.constantFrom(
  null,
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=XyZ',
  'multipart/form-data; boundary=',
  'multipart/mixed; boundary="a b"',
  'application/xml',
  'text/xml; charset=gbk',
  'application/jwt',
  'text/plain; charset=utf-16le',
  'application/x-ndjson',
  'application/octet-stream',
  'text/html; charset=nonsense'
)

const deepJson = fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('[', '{"a":')).map(([d, open]) => {
  const close = open === '[' ? ']' : '}'
  return open.repeat(d) + '1' + close.repeat(d)
})
const deepXml = fc.integer({ min: 1, max: 30_000 }).map((d) => '<a>'.repeat(d) + 'x' + '</a>'.repeat(d))
const nestedB64Form = fc.integer({ min: 1, max: 12 }).map((d) => {
  let t = '{"k":1}'
  for (let i = 0; i < d; i++) t = `data=${b64(t)}`
  return t
})
const multipart = fc
  .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 40 }), fc.boolean()), { maxLength: 8 })
  .map(
    (parts) =>
      parts
        .map(
          ([n, v, file]) =>
            `--XyZ\r\nContent-Disposition: form-data; name="${n}"${file ? '; filename="f"' : ''}\r\n\r\n${v}\r\n`
        )
        .join('') + '--XyZ--'
  )
const jwtLike = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 20 }))
  .map(
    ([h, p, s]) =>
      `${Buffer.from(JSON.stringify(h) ?? '').toString('base64url')}.${Buffer.from(JSON.stringify(p) ?? '').toString('base64url')}.${s}`
  )
const jsonWithNested = fc
  .dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      jwtLike,
      nestedB64Form.map(b64),
      fc.constant('%7B%22a%22%3A1%7D'),
      fc.constant('<x><y>1</y></x>')
    ),
    {
      maxKeys: 6
    }
  )
  .map((o) => JSON.stringify(o))

describe('decoders are total and bounded (property-based)', () => {
  it.each([
    ['arbitrary bytes', fc.uint8Array({ maxLength: 400 })],
    ['arbitrary text', fc.string({ unit: 'binary', maxLength: 300 }).map((s) => enc.encode(s))],
    ['deeply nested JSON', deepJson.map((s) => enc.encode(s))],
    ['deeply nested XML', deepXml.map((s) => enc.encode(s))],
    ['base64 forms inside forms', nestedB64Form.map((s) => enc.encode(s))],
    ['multipart bodies', multipart.map((s) => enc.encode(s))],
    ['JWT-shaped text', jwtLike.map((s) => enc.encode(s))],
    ['JSON with nested layers', jsonWithNested.map((s) => enc.encode(s))]
  ] as [string, fc.Arbitrary<Uint8Array>][])(
    '%s: every layer opens, output within a multiple of the input',
    (name, arb) => {
      let runs = 0
      let children = 0
      fc.assert(
        fc.property(arb, contentTypes, (bytes, ct) => {
          runs++
          children += walk(bytes, ct)
        }),
        FUZZ.params(name.startsWith('deeply') ? 60 : 400, 10_000)
      )
      FUZZ.count(`presentLayer ${name} (${children} nested layers opened)`, runs)
    }
  )

  it('XML and JSON indentation stop growing past 32 levels (200 000-deep input stays linear)', () => {
    const d = 200_000
    const xmlIn = '<a>'.repeat(d) + 'x' + '</a>'.repeat(d)
    expect(formatXml(xmlIn).length).toBeLessThan(PRETTY_FACTOR * xmlIn.length)
    const jsonIn = '['.repeat(d) + ']'.repeat(d)
    expect(formatJson(jsonIn).length).toBeLessThan(PRETTY_FACTOR * jsonIn.length)
  })
})
