import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { HeadersTable } from '@renderer/features/inspect/headers-table'

describe('payload text in the views', () => {
  it('headers show bidi overrides and terminal escapes as visible escapes', () => {
    const { container } = render(
      <HeadersTable
        headers={[
          ['X-File', 'invoice\u202Efdp.exe'],
          ['X-Esc', 'a\x1b]0;pwned\x07']
        ]}
        receivedAt={0}
      />
    )
    const text = container.textContent!
    expect(text).toContain('invoice\\u202Efdp.exe')
    expect(text).toContain('a\\x1B]0;pwned\\x07')
    expect(text).not.toMatch(/[\u202E\x1b\x07]/)
    expect(container.querySelectorAll('.esc')).toHaveLength(3)
  })
})
