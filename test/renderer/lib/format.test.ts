import { describe, expect, it } from 'vitest'
import { formatCount } from '@renderer/lib/format'

describe('formatCount', () => {
  it('groups digits in threes, as the list, the toolbar and the sidebar show counts', () => {
    expect([0, 7, 999, 1000, 12_345, 1_000_000, 123_456_789].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '1,000,000', '123,456,789'])
    expect(formatCount(-1234)).toBe('-1,234')
    expect(formatCount(1234.9)).toBe('1,234')
  })
})
