import { describe, expect, it } from 'vitest'
import { visible, visibleJson, visibleParts } from '@shared/decode/visible'

describe('hidden characters made visible', () => {
  it('escapes terminal controls (C0, C1, DEL), bidi overrides and zero-width characters; keeps tab, LF and CRLF', () => {
    expect(visible('a\x1b]0;title\x07b')).toBe('a\\x1B]0;title\\x07b')
    expect(visible('csi\x9b31m')).toBe('csi\\x9B31m')
    expect(visible('invoice\u202Efdp.exe')).toBe('invoice\\u202Efdp.exe')
    expect(visible('zero\u200Bwidth\uFEFF')).toBe('zero\\u200Bwidth\\uFEFF')
    expect(visible('tab\there\r\nnext\nline')).toBe('tab\there\r\nnext\nline')
    expect(visible('lone\rcr')).toBe('lone\\x0Dcr')
    expect(visible('café ✓ 語雀 ❤️')).toBe('café ✓ 語雀 ❤️')
  })

  it('splits text into plain runs and escapes for styled views', () => {
    expect(visibleParts('a\u202Eb')).toEqual([
      { text: 'a', escaped: false },
      { text: '\\u202E', escaped: true },
      { text: 'b', escaped: false }
    ])
    expect(visibleParts('')).toEqual([{ text: '', escaped: false }])
  })

  it('keeps JSON valid and equal in value', () => {
    const json = JSON.stringify({ s: 'x\u202Ey\x9b' })
    const shown = visibleJson(json)
    expect(shown).toBe('{"s":"x\\u202Ey\\u009B"}')
    expect(JSON.parse(shown)).toEqual({ s: 'x\u202Ey\x9b' })
  })
})
