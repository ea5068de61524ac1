import { describe, expect, it } from 'vitest'
import { formatCount, formatListTime, fullTimestamp } from '@renderer/lib/format'

describe('formatCount', () => {
  it('groups digits in threes, as the list, the toolbar and the sidebar show counts', () => {
    expect([0, 7, 999, 1000, 12_345, 1_000_000, 123_456_789].map(formatCount)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '12,345',
      '1,000,000',
      '123,456,789'
    ])
    expect(formatCount(-1234)).toBe('-1,234')
    expect(formatCount(1234.9)).toBe('1,234')
  })
})

describe('the list time column', () => {
  // Local times, fixed: "now" is 2026-12-06 15:00 where the test runs.
  const now = new Date(2026, 11, 6, 15, 0, 0).getTime()
  it('today: the time of day to the millisecond; earlier this year: day and time; older: the date', () => {
    expect(formatListTime(new Date(2026, 11, 6, 9, 5, 7, 42).getTime(), now)).toBe('09:05:07.042')
    expect(formatListTime(new Date(2026, 11, 5, 21, 10, 16).getTime(), now)).toBe('Dec 5 21:10')
    expect(formatListTime(new Date(2026, 0, 31, 8, 0).getTime(), now)).toBe('Jan 31 08:00')
    expect(formatListTime(new Date(2025, 11, 6, 15, 0).getTime(), now)).toBe('2025-12-06')
  })
  it('the tooltip has the full local timestamp and UTC', () => {
    const t = new Date(2026, 11, 5, 21, 10, 16, 780).getTime()
    expect(fullTimestamp(t)).toBe(
      `2026-12-05 21:10:16.780 local · ${new Date(t).toISOString().replace('T', ' ').replace('Z', ' UTC')}`
    )
  })
})
