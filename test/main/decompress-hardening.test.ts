import { brotliCompressSync, gzipSync, zstdCompressSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeContentEncoding } from '@main/services/capture/decode-body'
import { FUZZ } from '../helpers/fuzz'

const text = (n: number): Buffer => Buffer.from('{"a":1}'.repeat(Math.ceil(n / 7)).slice(0, n))

describe('content decoding streams with a cap; what it decodes never depends on the gzip trailer', () => {
  it('gzip bodies of 1–62 bytes open (they failed with "options.chunkSize is out of range")', async () => {
    for (let n = 1; n <= 62; n++) {
      const d = await decodeContentEncoding(gzipSync(text(n)), 'gzip')
      expect(d.error, `size ${n}`).toBeNull()
      expect(Buffer.from(d.body).equals(text(n))).toBe(true)
    }
  })

  it('a forged trailer (small or large) does not change what is decoded, and is named', async () => {
    const inner = text(5000)
    for (const isize of [3, 10, 63, 64, 1_000_000]) {
      const gz = Buffer.from(gzipSync(inner))
      gz.writeUInt32LE(isize, gz.length - 4)
      const d = await decodeContentEncoding(gz, 'gzip')
      expect(d.error).toMatch(/could not be decompressed: the gzip trailer's length does not match the data/)
      expect(d.error).not.toMatch(/chunkSize/)
    }
  })

  it('truncated gzip says it is cut short; concatenated members decode whole; "gzip, gzip" undoes both', async () => {
    const gz = gzipSync(text(300))
    for (const cut of [4, 10, 20, gz.length - 3]) {
      const d = await decodeContentEncoding(gz.subarray(0, cut), 'gzip')
      expect(d.error).toMatch(/the gzip data is cut short/)
      expect(d.body.length).toBe(cut)
    }
    const two = await decodeContentEncoding(Buffer.concat([gzipSync(text(10)), gzipSync(text(20))]), 'gzip')
    expect(two.error).toBeNull()
    expect(Buffer.from(two.body).toString()).toBe(text(10).toString() + text(20).toString())
    const twice = await decodeContentEncoding(gzipSync(gzipSync(text(40))), 'gzip, gzip')
    expect(twice.error).toBeNull()
    expect(twice.encodings).toEqual(['gzip', 'gzip'])
    expect(Buffer.from(twice.body).equals(text(40))).toBe(true)
    const once = await decodeContentEncoding(gzipSync(text(40)), 'gzip, gzip')
    expect(once.error).toMatch(
      /gzip body could not be decompressed: the data is not gzip \(it starts with 7b 22 61 22\); shown as decoded up to gzip/
    )
    expect(once.encodings).toEqual(['gzip'])
  })

  it('a wrong label names what the data is', async () => {
    expect((await decodeContentEncoding(zstdCompressSync(text(100)), 'gzip')).error).toMatch(
      /labelled gzip but the data is zstd/
    )
    expect((await decodeContentEncoding(gzipSync(text(100)), 'br')).error).toMatch(/labelled br but the data is gzip/)
    expect((await decodeContentEncoding(new Uint8Array(), 'gzip')).error).toMatch(/cut short|it is empty/)
  })

  it('never throws and never outputs more than the cap, whatever the bytes and labels', async () => {
    const labels = fc.constantFrom(
      'gzip',
      'x-gzip',
      'deflate',
      'br',
      'zstd',
      'identity',
      'gzip, br',
      'compress',
      '',
      'gzip,gzip,gzip,gzip,gzip'
    )
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(gzipSync(b))),
      fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.nat()).map(([b, at, x]) => {
        // A real stream with one byte changed or cut.
        const g = Buffer.from(brotliCompressSync(b))
        const i = at % g.length
        return x % 2 ? g.subarray(0, i) : (g.writeUInt8((g[i]! + 1) & 0xff, i), g)
      })
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(bodies, labels, async (body, label) => {
        runs++
        const d = await decodeContentEncoding(body, label, 4096)
        expect(d.body.length).toBeLessThanOrEqual(Math.max(4096, body.length))
        if (d.error !== null)
          expect(d.error).toMatch(
            /^(The \S+ body (could not be decompressed: .+|expands beyond 0 MiB.*)|Unknown content encoding .+|\d+ content encodings are listed.+)$/
          )
      }),
      FUZZ.params(300)
    )
    FUZZ.count('decodeContentEncoding', runs)
  })
})
