import { describe, expect, it } from 'vitest'
import {
  CATEGORIES,
  categorizedIds,
  categoryOf,
  getScheme,
  regionOf,
  SCHEME_GROUPS,
  SCHEMES,
  schemeSearchText
} from '@shared/signatures'

describe('provider categories (categories.ts)', () => {
  it('every built-in scheme has exactly one category, and the groups list each scheme once', () => {
    const without = SCHEMES.filter((s) => categoryOf(s.id) === null).map((s) => s.id)
    expect(without).toEqual([])
    const listed = SCHEME_GROUPS.flatMap((g) => g.schemes.map((s) => s.id))
    expect(listed.sort()).toEqual(SCHEMES.map((s) => s.id).sort())
    expect(SCHEME_GROUPS.map((g) => g.label)).toEqual(
      CATEGORIES.filter((c) => SCHEME_GROUPS.some((g) => g.label === c))
    )
  })

  it('names no scheme that does not exist (a renamed id cannot drop out of the view silently)', () => {
    const unknown = categorizedIds().filter((id) => getScheme(id)?.id !== id)
    expect(unknown).toEqual([])
    // A user's own scheme has no category.
    expect(categoryOf('my-own-scheme')).toBeNull()
  })

  it('regions stay visible beside categories, and a search finds providers by category or region', () => {
    expect(regionOf('apsdai')).toBe('seed')
    expect(regionOf('midtrans')).toBe('Asia')
    expect(regionOf('stripe')).toBeNull()
    expect(categoryOf('midtrans')).toBe('Payments and billing')
    const finance = SCHEMES.filter((s) => schemeSearchText(s).includes('crypto')).map((s) => s.id)
    expect(finance).toEqual(expect.arrayContaining(['fireblocks', 'circle', 'coinbase']))
    expect(SCHEMES.filter((s) => schemeSearchText(s).includes('asia')).length).toBeGreaterThan(10)
  })
})
