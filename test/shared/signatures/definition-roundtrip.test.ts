import { describe, expect, it } from 'vitest'
import { SCHEMES, validateDefinition } from '@shared/signatures'

describe('built-in schemes are user definitions too', () => {
  it.each(SCHEMES.map((s) => [s.id, s] as const))(
    '%s round-trips through the definition validator unchanged',
    (_id, scheme) => {
      expect(validateDefinition(JSON.parse(JSON.stringify(scheme)))).toEqual(scheme)
    }
  )

  it("no scheme id is another scheme's alias, and no alias is given twice", () => {
    const ids = new Set(SCHEMES.map((s) => s.id))
    const aliases = SCHEMES.flatMap((s) => s.aliases ?? [])
    expect(aliases.filter((a) => ids.has(a))).toEqual([])
    expect(aliases.filter((a, i) => aliases.indexOf(a) !== i)).toEqual([])
    expect(ids.size).toBe(SCHEMES.length)
  })
})

describe('one schema for the definition format', () => {
  const base = {
    id: 'acme',
    algorithm: 'hmac-sha256',
    signedContent: [{ part: 'body' }],
    signature: { header: 'X-Acme-Signature' }
  }

  it('fills the documented defaults, so a short definition is a whole one', () => {
    expect(validateDefinition(base)).toEqual({
      ...base,
      name: 'acme',
      description: '',
      key: { form: 'utf8' },
      signature: { header: 'X-Acme-Signature', format: { kind: 'plain' }, encoding: 'hex' }
    })
    expect(validateDefinition({ ...base, algorithm: 'ed25519' }).key.form).toBe('public-key')
  })

  it.each([
    [{ ...base, signatre: {} }, '$.signatre: unknown field; this object takes id, name, description, algorithm'],
    [
      { ...base, signature: { header: 'A', fromat: { kind: 'plain' } } },
      '$.signature.fromat: unknown field; this object takes header, alsoHeaders, query'
    ],
    [
      { ...base, signature: { header: 'A', format: { kind: 'kv' } } },
      '$.signature.format.pairSeparator: is required, as in {"kind":"kv"'
    ],
    [
      { ...base, signature: { header: 'A', format: { kind: 'csv' } } },
      '$.signature.format.kind: must be one of plain, prefixed, kv, list'
    ],
    [
      { ...base, alternatives: [{ label: 'b', signedContent: [{ encode: 'hex', parts: [{ part: 'body' }] }] }] },
      '$.alternatives[0].signedContent[0].encode: must be one of base64url-nopad, base64'
    ],
    [{ ...base, signedContent: [{ sorted: [{ part: 'header' }] }] }, '$.signedContent[0].sorted[0].name: is required'],
    [{ ...base, signedContent: [] }, '$.signedContent: must be a non-empty list of parts'],
    [
      { ...base, timestamp: { header: 'T', toleranceSec: -1 } },
      '$.timestamp.toleranceSec: must be a number of seconds ≥ 0'
    ],
    [
      { ...base, timestamp: { unit: 's' } },
      '$.timestamp: needs exactly one of header, query, jsonField, fromSignature'
    ],
    [
      { ...base, versionedBy: { header: 'V', schemes: { v1: 'Not An Id' } } },
      '$.versionedBy.schemes.v1: use lower-case letters'
    ],
    ['[]', '$: a scheme definition is a JSON object']
  ])('names the field and the valid values: %j', (input, message) => {
    expect(() => validateDefinition(input)).toThrow(message)
  })

  it('accepts a token scheme with nothing signed', () => {
    expect(
      validateDefinition({ id: 'pw', algorithm: 'token', signature: { header: 'X-Token', encoding: 'utf8' } })
        .signedContent
    ).toEqual([])
  })
})
