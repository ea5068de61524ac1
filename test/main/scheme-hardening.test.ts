import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HookscopeError } from '@shared/errors'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { SCHEMES, validateDefinition, verify, type SchemeDefinition } from '@shared/signatures'
import { keysFor } from '../helpers/scheme-keys'
import { FUZZ } from '../helpers/fuzz'
import { coreSession } from '../helpers/core'

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)
const session = coreSession({ now: () => NOW })
const core = () => session.start()

const xmlScheme = (element: string) => ({
  id: 'xml-sig',
  name: 'XML signed',
  algorithm: 'hmac-sha256',
  signedContent: [{ part: 'xml-element', name: element }],
  signature: { header: 'X-Sig', encoding: 'hex' }
})

function nested(depth: number): unknown {
  let part: unknown = { part: 'body' }
  for (let i = 0; i < depth; i++) part = { sorted: [part] }
  return { ...xmlScheme('a'), id: 'deep', signedContent: [part] }
}

describe('user schemes and endpoints: bad definitions get a clear error, captures keep their endpoint', () => {
  it('an XML element name like "(" is searched as text, not compiled: the capture keeps its endpoint and gets a verdict', async () => {
    const { c, url } = await core()
    await c.methods.saveScheme(xmlScheme('('))
    const key = await c.methods.importKey({ name: 'xml', material: 'secret-1' })
    await c.methods.saveEndpoint({
      name: 'xml',
      pathPrefix: '/xml',
      scheme: 'xml-sig',
      keyIds: [key.id],
      reply: DEFAULT_REPLY_RULE,
      params: {},
      forwardTo: null
    })
    const res = await fetch(`${url}/xml/in`, {
      method: 'POST',
      body: '<r><(>1</(></r>',
      headers: { 'Content-Type': 'application/xml', 'X-Sig': 'ab' }
    })
    expect(res.status).toBe(200)
    const [s] = (await c.methods.listCaptures({})).items
    expect(s!.endpointId).not.toBeNull()
    expect(s!.verdict).toBe('invalid')
    const r = await c.methods.verifyCapture(s!.id, { scheme: 'xml-sig', keyIds: [key.id] })
    expect(r!.valid).toBe(false)
    // The element's text, found by plain search: the signature is checked over "1".
    expect(r!.reason).toBe('signature-mismatch')
    expect(new TextDecoder().decode(r!.signedContent!)).toBe('1')
  })

  it('a definition nested 3,000 deep is refused with its path (it overflowed the stack)', async () => {
    const { c } = await core()
    const e = await c.methods.saveScheme(nested(3000)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(HookscopeError)
    expect((e as HookscopeError).code).toBe('invalid-definition')
    expect((e as HookscopeError).message).toMatch(
      /^\$\.signedContent\[0\](\.sorted\[0\])+: nested deeper than 32 levels$/
    )
    // Real nesting still works.
    expect(validateDefinition(nested(5)).id).toBe('deep')
  })

  it('an endpoint naming a scheme that does not exist is refused', async () => {
    const { c } = await core()
    await expect(
      c.methods.saveEndpoint({
        name: 'x',
        pathPrefix: '/x',
        scheme: 'no-such-scheme',
        keyIds: [],
        reply: DEFAULT_REPLY_RULE,
        params: {},
        forwardTo: null
      })
    ).rejects.toMatchObject({
      code: 'invalid-endpoint',
      message: expect.stringMatching(/no signature scheme "no-such-scheme"/)
    })
  })
})

describe('scheme definitions and signature fields: total on any input (property-based)', () => {
  it('validateDefinition: a definition or a located invalid-definition error, for any JSON and for mutated built-ins', () => {
    let runs = 0
    const mutated = fc
      .tuple(
        fc.constantFrom(...SCHEMES),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        fc.jsonValue({ maxDepth: 4 })
      )
      .map(([s, path, value]) => {
        const copy = JSON.parse(JSON.stringify(s)) as Record<string, unknown>
        let at: Record<string, unknown> = copy
        for (const k of path.slice(0, -1))
          at = (at[k] && typeof at[k] === 'object' ? at[k] : (at[k] = {})) as Record<string, unknown>
        at[path.at(-1) ?? 'signature'] = value
        return copy
      })
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), mutated), (input) => {
        runs++
        try {
          validateDefinition(input)
        } catch (e) {
          expect(e).toBeInstanceOf(HookscopeError)
          expect((e as HookscopeError).code).toBe('invalid-definition')
          expect((e as HookscopeError).message).toMatch(/^\$/)
        }
      }),
      FUZZ.params(800)
    )
    FUZZ.count('validateDefinition', runs)
  })

  it('verify, every built-in scheme: any signature, timestamp and body gives a verdict, never a throw', async () => {
    const headerNames = [
      ...new Set(
        SCHEMES.flatMap((s) => [
          s.signature.header,
          s.timestamp?.header,
          s.deliveryId?.header,
          ...(s.signature.alsoHeaders ?? [])
        ])
      )
    ].filter((h): h is string => typeof h === 'string')
    const hostile = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom(
        't=,v1=',
        't=1,v1=zz,v1=',
        'sha256=',
        ',,,',
        '=',
        'v1,',
        'a'.repeat(5000),
        '\u202e',
        '%ZZ',
        'eyJ.eyJ.',
        '0'.repeat(513)
      ),
      fc.stringMatching(/^[0-9a-f]{0,130}$/)
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SCHEMES),
        fc.array(fc.tuple(fc.constantFrom(...headerNames), hostile), { maxLength: 5 }),
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 4 }).map((j) => new TextEncoder().encode(JSON.stringify(j) ?? ''))
        ),
        fc.constantFrom('https://h.test/p?x=1', 'https://h.test/p?sig=%ZZ&signature=&timestamp=x', 'http://h.test'),
        async (scheme: SchemeDefinition, headers, body, url) => {
          runs++
          const { verifying } = keysFor(scheme, new Uint8Array([1, 2, 3]))
          const r = await verify(
            { method: 'POST', url, headers: [['Content-Type', 'application/json'], ...headers], body },
            [verifying],
            scheme,
            {
              now: NOW,
              params: {},
              diagnose: runs % 5 === 0
            }
          )
          expect(typeof r.valid).toBe('boolean')
          if (!r.valid) expect(r.reason).toEqual(expect.any(String))
        }
      ),
      FUZZ.params(500, 15_000)
    )
    FUZZ.count('verify (all built-in schemes, hostile fields)', runs)
  })
})
