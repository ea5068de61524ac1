import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { formatJson, isJson, JsonSyntaxError, memberText } from '@shared/decode/json'
import { parseJsonTree } from '@shared/decode/json-tree'
import { analyzeLayer, resolveChain } from '@shared/decode/layers'
import { formatXml } from '@shared/decode/xml'
import { decodeContentEncoding } from '@main/services/capture/decode-body'
import { useepaySeed } from '../../helpers/fixtures'

const seed = useepaySeed()
const useepayForm = /^data=%7B.*$/m.exec(seed)![0]
const enc = new TextEncoder()

describe('nested layers', () => {
  it('UseePay seed form body: form → data → JSON, with the event name and the customer city', () => {
    const root = analyzeLayer(enc.encode(useepayForm), 'application/x-www-form-urlencoded')
    expect(root.kind).toBe('form')
    expect(root.fields?.map((f) => f.name)).toEqual(['data'])
    const chain = resolveChain(root, [])
    expect(chain.crumbs).toEqual(['form', 'data', 'JSON'])
    const inner = chain.layers.at(-1)!
    const tree = parseJsonTree(inner.text!)
    const get = (path: string) => {
      let n = tree
      for (const k of path.split('.')) n = n.children!.find((c) => c.key === k)!
      return n
    }
    expect(get('name').value).toBe('payment_intent.succeeded')
    expect(get('data.customer.address.city')).toMatchObject({ value: 'shanghai', path: 'data.customer.address.city' })
    expect(formatJson(inner.text!)).toContain('"city": "shanghai"')
  })

  it('finds JSON, URL-encoded JSON, base64 and JWT inside JSON strings, by path', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMiLCJuYW1lIjoiSm9obiJ9.sig_part'
    const body = JSON.stringify({
      a: { payload: '{"x":1}' },
      b: '%7B%22y%22%3A2%7D',
      c: Buffer.from('{"z":3,"note":"base64 inside"}').toString('base64'),
      token: jwt,
      plain: 'hello'
    })
    const root = analyzeLayer(enc.encode(body), 'application/json')
    expect(root.children.map((c) => [c.key, c.how])).toEqual([
      ['a.payload', 'JSON'],
      ['b', 'URL-encoded JSON'],
      ['c', 'base64'],
      ['token', 'JWT']
    ])
    const chain = resolveChain(root, [], ['token', 'payload'])
    expect(chain.crumbs).toEqual(['JSON', 'token', 'JWT', 'payload', 'JSON'])
    expect(chain.layers.at(-1)!.text).toBe('{"sub":"123","name":"John"}')
  })

  it('the crumbs start with the content encodings undone', async () => {
    const gz = gzipSync(Buffer.from(useepayForm))
    const d = await decodeContentEncoding(gz, 'gzip')
    const chain = resolveChain(analyzeLayer(d.body, 'application/x-www-form-urlencoded'), d.encodings)
    expect(chain.crumbs).toEqual(['gzip', 'form', 'data', 'JSON'])
  })
})

describe('decoders', () => {
  it('memberText: the exact text of a top-level member, spacing and escapes kept; nested and array members are not top-level', () => {
    expect(memberText('{"Content":{"a": [1, {"b":2}]},"HashCode":"AB"}', 'Content')).toBe('{"a": [1, {"b":2}]}')
    expect(memberText('{"x":1,"Content":"s\\"t","HashCode":"AB"}', 'Content')).toBe('"s\\"t"')
    expect(memberText('{"Content" : true , "z":1}', 'Content')).toBe('true')
    expect(memberText('{"x":{"Content":1},"Content":7}', 'Content')).toBe('7')
    expect(memberText('{"x":{"Content":1},"HashCode":"AB"}', 'Content')).toBeNull()
    expect(memberText('[{"Content":1}]', 'Content')).toBeNull()
    expect(memberText('["x", "Content"]', 'Content')).toBeNull()
    expect(memberText('{"Content":1', 'Content')).toBeNull()
  })

  it('JSON: big integers keep every digit; deep nesting does not overflow; bad JSON is located', () => {
    const big = '{"id":12345678901234567890123,"n":-0.5e10,"s":"\\u00e9"}'
    expect(formatJson(big)).toBe('{\n  "id": 12345678901234567890123,\n  "n": -0.5e10,\n  "s": "\\u00e9"\n}')
    expect(parseJsonTree(big).children![0]!.value).toBe('12345678901234567890123')
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    expect(isJson(deep)).toBe(true)
    expect(formatJson(deep).length).toBeGreaterThan(400_000)
    expect(() => formatJson('{"a":1,}')).toThrow(JsonSyntaxError)
    expect(() => formatJson('{"a":1,}')).toThrow(/offset 7/)
    expect(formatJson('{"a":[],"b":{}}')).toBe('{\n  "a": [],\n  "b": {}\n}')
  })

  it('JSON keys such as __proto__ stay data and never touch Object.prototype', () => {
    const t = parseJsonTree('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}')
    expect(t.children!.map((c) => c.key)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('NDJSON by content type', () => {
    expect(analyzeLayer(enc.encode('{"a":1}\n{"a":2}\n'), 'application/x-ndjson').kind).toBe('ndjson')
  })

  it('form fields table', () => {
    const l = analyzeLayer(enc.encode('a=1&b=hello+world&c=%E2%9C%93&a=2'), 'application/x-www-form-urlencoded')
    expect(l.fields?.map((f) => [f.name, f.value])).toEqual([
      ['a', '1'],
      ['b', 'hello world'],
      ['c', '✓'],
      ['a', '2']
    ])
  })

  it('multipart with a binary file part: names, filenames, types, sizes, exact bytes', () => {
    const file = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d])
    const body = Buffer.concat([
      Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"event":"upload"}\r\n'
      ),
      Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a b.png"\r\nContent-Type: image/png\r\n\r\n'
      ),
      file,
      Buffer.from('\r\n--XyZ--\r\n')
    ])
    const l = analyzeLayer(body, 'multipart/form-data; boundary=XyZ')
    expect(l.kind).toBe('multipart')
    expect(l.partsComplete).toBe(true)
    expect(l.parts!.map((p) => [p.name, p.filename, p.contentType, p.body.length])).toEqual([
      ['meta', null, 'application/json', 18],
      ['file', 'a b.png', 'image/png', file.length]
    ])
    expect(Buffer.from(l.parts![1]!.body).equals(file)).toBe(true)
    expect(l.children.map((c) => c.key)).toEqual(['meta'])
  })

  it('10 000-part multipart is read without stalling and reports completeness', () => {
    const one = '--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nv\r\n'
    const l = analyzeLayer(Buffer.from(one.repeat(10_000) + '--b--'), 'multipart/form-data; boundary=b')
    expect(l.parts).toHaveLength(10_000)
  })

  it('XML is indented without resolving entities', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><ToUserName><![CDATA[corp]]></ToUserName><Encrypt>abc</Encrypt><e>&e;</e></xml>'
    const out = formatXml(xml)
    expect(out).toContain('\n  <ToUserName>')
    expect(out).toContain('<Encrypt>abc</Encrypt>')
    expect(out).toContain('&e;')
    expect(analyzeLayer(enc.encode(xml), 'text/xml').kind).toBe('xml')
  })

  it('JWT: header and payload decoded, signature kept, nothing verified', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
    const l = analyzeLayer(enc.encode(jwt), 'text/plain')
    expect(l.kind).toBe('jwt')
    expect(l.jwt).toEqual({ header: '{"alg":"HS256"}', payload: '{"sub":"x"}', signature: 'c2ln' })
  })

  it('invalid UTF-8 is reported and shown as binary; Latin-1 decodes by charset', () => {
    const bad = analyzeLayer(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), 'application/json')
    expect(bad).toMatchObject({ kind: 'binary', invalidUtf8: true })
    expect(bad.note).toMatch(/Not valid utf-8/)
    const latin = analyzeLayer(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1')
    expect(latin.text).toBe('café')
  })

  it('declared JSON that is not JSON falls back to text with a note', () => {
    const l = analyzeLayer(enc.encode('{not json'), 'application/json')
    expect(l.kind).toBe('text')
    expect(l.note).toMatch(/not valid JSON/)
  })
})

describe('content-encoding (host side, display only)', () => {
  const plain = Buffer.from(JSON.stringify({ hello: 'world', n: [1, 2, 3] }).repeat(100))
  it.each([
    ['gzip', gzipSync(plain)],
    ['deflate', deflateSync(plain)],
    ['br', brotliCompressSync(plain)],
    ['zstd', zstdCompressSync(plain)]
  ])('%s round-trips', async (name, compressed) => {
    const d = await decodeContentEncoding(compressed, name)
    expect(d.error).toBeNull()
    expect(d.encodings).toEqual([name])
    expect(Buffer.from(d.body).equals(plain)).toBe(true)
  })

  it('gzip of several members decodes whole (the size trailer only gives the last one)', async () => {
    const big = Buffer.concat(Array.from({ length: 50 }, () => plain))
    const d = await decodeContentEncoding(Buffer.concat([gzipSync(big), gzipSync(plain)]), 'gzip')
    expect(d.error).toBeNull()
    expect(Buffer.from(d.body).equals(Buffer.concat([big, plain]))).toBe(true)
    const wrongTrailer = Buffer.from(gzipSync(big))
    wrongTrailer.writeUInt32LE(1000, wrongTrailer.length - 4)
    expect((await decodeContentEncoding(wrongTrailer, 'gzip')).error).toMatch(/could not be decompressed/)
  })

  it('a gzip bomb over the cap stops there, whatever its trailer says', async () => {
    const bomb = gzipSync(Buffer.alloc(9 * 1024 * 1024))
    const d = await decodeContentEncoding(bomb, 'gzip', 8 * 1024 * 1024)
    expect(d.error).toMatch(/expands beyond 8 MiB/)
    const under = await decodeContentEncoding(bomb, 'gzip', 16 * 1024 * 1024)
    expect(under.body.length).toBe(9 * 1024 * 1024)
  })

  it('undoes stacked encodings last-applied first', async () => {
    const d = await decodeContentEncoding(brotliCompressSync(gzipSync(plain)), 'gzip, br')
    expect(d.encodings).toEqual(['br', 'gzip'])
    expect(Buffer.from(d.body).equals(plain)).toBe(true)
  })

  it('stops a brotli bomb at the cap and says so', async () => {
    const bomb = brotliCompressSync(Buffer.alloc(80 * 1024 * 1024))
    expect(bomb.length).toBeLessThan(1024)
    const d = await decodeContentEncoding(bomb, 'br', 64 * 1024 * 1024)
    expect(d.error).toMatch(/expands beyond 64 MiB/)
    expect(d.body).toBe(bomb)
  })

  it('reports a corrupt body and an unknown encoding without throwing', async () => {
    expect((await decodeContentEncoding(Buffer.from('not gzip'), 'gzip')).error).toMatch(/could not be decompressed/)
    expect((await decodeContentEncoding(Buffer.from('x'), 'compress')).error).toMatch(
      /Unknown content encoding "compress"/
    )
  })
})
