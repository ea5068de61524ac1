import { zstdCompressSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runInspect, PRINT_LIMIT } from '@main/cli/inspect'
import { main } from '@main/cli/main'

const request = (headers: Record<string, string>, body: string | Uint8Array): (() => Buffer) => {
  const head = ['POST /x HTTP/1.1', 'Host: h', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join(
    '\r\n'
  )
  return () => Buffer.concat([Buffer.from(head), Buffer.from(body)])
}

afterEach(() => void vi.restoreAllMocks())

describe('hookscope inspect is bounded', () => {
  it('a 1.7 KB zstd body holding 50 MiB stops at the CLI cap and prints a few lines (it printed 209 MB of NULs)', async () => {
    const body = zstdCompressSync(Buffer.alloc(50 * 1024 * 1024))
    expect(body.length).toBeLessThan(2048)
    const out = await runInspect({}, request({ 'Content-Type': 'text/plain', 'Content-Encoding': 'zstd' }, body))
    expect(out).toMatch(/note: The zstd body expands beyond 16 MiB; not decompressed \(shown as received\)\./)
    expect(out.length).toBeLessThan(4096)
  })

  it('prints at most 1 MiB of a body unless --full, and says so', async () => {
    const nested = '{"a":'.repeat(170_000) + '1' + '}'.repeat(170_000)
    const out = await runInspect({}, request({ 'Content-Type': 'application/json' }, nested))
    expect(out).toContain(`note: The body is cut at ${PRINT_LIMIT} characters: --full prints all of it.`)
    expect(out.length).toBeLessThan(PRINT_LIMIT + 4096)
    const full = await runInspect({ full: true }, request({ 'Content-Type': 'application/json' }, nested))
    expect(full.length).toBeGreaterThan(10 * PRINT_LIMIT)
  })

  it('a form of 250 000 fields lists them (it overflowed the stack)', async () => {
    const out = await runInspect(
      {},
      request({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1&'.repeat(250_000))
    )
    expect(out.split('\n').filter((l) => l === 'field a = 1')).toHaveLength(250_000)
  })

  it('help and errors show control and bidi characters as escapes, never raw', async () => {
    let written = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((written += String(s)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((written += String(s)), true))
    expect(await main(['help'])).toBe(0)
    expect(await main(['no\u202ecommand\u001b[2J'])).toBe(2)
    expect(written).toContain('(\\x1B, \\u202E)')
    expect(written).toContain('Unknown command "no\\u202Ecommand\\x1B[2J"')
    expect(written).not.toMatch(/[\u001b\u202e]/)
  })
})
