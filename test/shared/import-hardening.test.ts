import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HookscopeError } from '@shared/errors'
import { importDeliveries } from '@shared/http/import'
import { FUZZ } from '../helpers/fuzz'

const OPTS = { curlVersion: '8.11.1' }
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const imp = (s: string | Uint8Array) => importDeliveries(typeof s === 'string' ? enc(s) : s, OPTS)
/** The error an import gives: a HookscopeError with a code (anything else would reach the UI as internal-error). */
function refusal(s: string | Uint8Array): HookscopeError {
  try {
    imp(s)
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(HookscopeError)
    return e as HookscopeError
  }
  throw new Error('expected the import to be refused')
}

describe('import parsers: regressions', () => {
  it('curl bodies and raw chunks of 120 KB–1 MiB import (they overflowed the stack)', () => {
    const big = 'x'.repeat(1024 * 1024)
    expect(imp(`curl -d '${big}' http://h/p`).requests[0]!.body.length).toBe(big.length)
    expect(imp(`curl --data-binary '${big}' -d 'b' http://h/p`).requests[0]!.body.length).toBe(big.length + 2)
    const hex = big.length.toString(16)
    const raw = imp(`POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${hex}\r\n${big}\r\n0\r\n\r\n`)
    expect(raw.requests[0]!.body.length).toBe(big.length)
    const printf = imp(`printf '${'\\001'.repeat(400_000)}' | curl --data-binary @- http://h/p`)
    expect(printf.requests[0]!.body.length).toBe(400_000)
  })

  it("$'\\xZZ' stays as written (as bash does) and $'\\UFFFFFFFF' is refused with the reason", () => {
    expect(imp(`curl -H $'X-A: \\xZZ' http://h/p`).requests[0]!.rawHeaders).toContainEqual(['X-A', '\\xZZ'])
    expect(imp(`curl -H $'X-A: \\u00e9\\U0001F600' http://h/p`).requests[0]!.rawHeaders).toContainEqual(['X-A', 'é😀'])
    const e = refusal(`curl -H $'X-A: \\UFFFFFFFF' http://h/p`)
    expect(e.code).toBe('invalid-import')
    expect(e.message).toMatch(/not a Unicode character/)
    expect(refusal(`curl -H $'X-A: open http://h/p`).message).toMatch(/not closed/)
    expect(refusal(`curl -H 'X-A: open http://h/p`).code).toBe('invalid-import')
  })

  it('CR/LF in a method or header name is refused at import, naming the field (it was stored and failed at replay)', () => {
    expect(refusal(`curl -X $'POST\\r\\nX-Evil: 1' http://h/p`).message).toMatch(
      /the method "POST\\r\\nX-Evil: 1" is not an HTTP method/
    )
    expect(refusal(`curl -H $'X-A\\r\\nB: 1' http://h/p`).message).toMatch(/header name "X-A\\r\\nB" is not a valid/)
    expect(refusal(`curl -H $'X-A: 1\\r\\nX-B: 2' http://h/p`).message).toMatch(/"X-A" header's value has a line break/)
    const har = JSON.stringify({
      log: {
        entries: [
          { request: { method: 'GET', url: 'http://h/ok', headers: [] } },
          { request: { method: 'GET', url: 'http://h/p', headers: [{ name: 'A\nB', value: '1' }] } }
        ]
      }
    })
    expect(refusal(har).message).toMatch(/^Entry 2: the header name "A\\nB"/)
  })

  it('invalid base64 in a HAR names the entry; empty input says it is empty; a bad URL is an import error', () => {
    const har = (text: string) =>
      JSON.stringify({
        log: {
          entries: [
            {
              request: {
                method: 'POST',
                url: 'http://h/a',
                headers: [],
                postData: { text: 'aGk=', encoding: 'base64' }
              }
            },
            { request: { method: 'POST', url: 'http://h/b', headers: [], postData: { text, encoding: 'base64' } } }
          ]
        }
      })
    expect(imp(har('aGk=')).requests).toHaveLength(2)
    const e = refusal(har('%%%not base64%%%'))
    expect(e.message).toBe('Entry 2: request.postData.text is marked base64 but is not valid base64.')
    expect(refusal('').message).toBe('Nothing to import: the text is empty.')
    expect(refusal(' \n\t ').message).toBe('Nothing to import: the text is empty.')
    expect(refusal('curl http://[::1').message).toMatch(/is not a valid URL/)
    expect(refusal('POST http://[x/p HTTP/1.1\r\n\r\n').code).toBe('invalid-import')
  })
})

/** Words curl commands are made of, so random commands reach deep into the parser. */
const curlWord = fc.oneof(
  fc.constantFrom(
    '-X',
    '-H',
    '-d',
    '--data-binary',
    '--data-urlencode',
    '--json',
    '-u',
    '-A',
    '-e',
    '-b',
    '-G',
    '-I',
    '--url',
    '-s',
    '-F',
    '--compressed'
  ),
  fc.constantFrom(
    'POST',
    'X-A: 1',
    'a=b',
    '@-',
    '@file',
    'http://h/p',
    'h:1/p?q',
    "'quoted word'",
    '"dq \\" x"',
    "$'\\x41\\u00e9\\0'",
    '\\\n',
    '|',
    'x=y'
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 })
)
const curlCommand = fc
  .tuple(
    fc.constantFrom('curl ', "printf '\\101\\n%%' | curl ", 'echo -n hi | curl '),
    fc.array(curlWord, { maxLength: 12 })
  )
  .map(([head, words]) => head + words.join(' '))

const headerLine = fc.oneof(
  fc.constantFrom('Host: h', 'Transfer-Encoding: chunked', 'Content-Length: 3', ' folded', 'NoColon', ': empty'),
  fc.string({ maxLength: 30 })
)
const rawRequest = fc
  .tuple(
    fc.constantFrom('POST /p HTTP/1.1', 'GET http://h/x?y HTTP/1.0', 'PUT /a', 'OPTIONS * HTTP/1.1', 'X y'),
    fc.array(headerLine, { maxLength: 6 }),
    fc.string({ maxLength: 80 })
  )
  .map(([line, headers, body]) => [line, ...headers, '', body].join(fc.sample(fc.constantFrom('\r\n', '\n'), 1)[0]))

const harJson = fc
  .record({
    method: fc.oneof(fc.constantFrom('GET', 'post'), fc.string({ maxLength: 8 })),
    url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
    headers: fc.array(fc.record({ name: fc.string({ maxLength: 10 }), value: fc.string({ maxLength: 10 }) }), {
      maxLength: 4
    }),
    text: fc.option(fc.string({ maxLength: 40 })),
    encoding: fc.constantFrom(undefined, 'base64', 'utf8'),
    started: fc.option(fc.string({ maxLength: 30 }))
  })
  .map((e) =>
    JSON.stringify({
      log: {
        entries: [
          {
            startedDateTime: e.started ?? undefined,
            request: {
              method: e.method,
              url: e.url,
              headers: e.headers,
              postData: e.text === null ? undefined : { text: e.text, encoding: e.encoding }
            }
          }
        ]
      }
    })
  )

describe('import parsers: total on any input (property-based)', () => {
  it.each([
    ['arbitrary bytes', fc.uint8Array({ maxLength: 300 }).map((b) => b)],
    ['curl commands', curlCommand.map(enc)],
    ['raw HTTP requests', rawRequest.map(enc)],
    ['HAR files', harJson.map(enc)],
    ['any JSON as a HAR', fc.json({ maxDepth: 6 }).map((j) => enc(`{"log":${j}}`))]
  ] as [string, fc.Arbitrary<Uint8Array>][])('%s: a result or an import error, never anything else', (name, arb) => {
    let runs = 0
    let accepted = 0
    fc.assert(
      fc.property(arb, (data) => {
        runs++
        let r
        try {
          r = importDeliveries(data, OPTS)
        } catch (e) {
          if (!(e instanceof HookscopeError)) throw e
          expect(['invalid-import', 'invalid-request']).toContain(e.code)
          return
        }
        accepted++
        for (const req of r.requests) {
          // What is accepted is something the listener could have received and replay can send.
          expect(req.method).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/)
          expect(req.target).not.toMatch(/[\s\x00-\x1f]/)
          // A bounded multiple of the input: nothing expands (no decompression at import).
          expect(req.body.length).toBeLessThanOrEqual(data.length * 4 + 16)
        }
      }),
      FUZZ.params(name === 'arbitrary bytes' ? 1000 : 600)
    )
    FUZZ.count(`import ${name} (${accepted} accepted)`, runs)
  })
})
