import { describe, expect, it } from 'vitest'
import { SCHEMES, validateDefinition } from '@shared/signatures'

describe('built-in schemes are user definitions too', () => {
  it.each(SCHEMES.map((s) => [s.id, s] as const))('%s round-trips through the definition validator unchanged', (_id, scheme) => {
    expect(validateDefinition(JSON.parse(JSON.stringify(scheme)))).toEqual(scheme)
  })

  it("no scheme id is another scheme's alias, and no alias is given twice", () => {
    const ids = new Set(SCHEMES.map((s) => s.id))
    const aliases = SCHEMES.flatMap((s) => s.aliases ?? [])
    expect(aliases.filter((a) => ids.has(a))).toEqual([])
    expect(aliases.filter((a, i) => aliases.indexOf(a) !== i)).toEqual([])
    expect(ids.size).toBe(SCHEMES.length)
  })
})
