import { describe, expect, it } from 'vitest'
import { exportPage } from '@main/services/capture/export-captures'
import type { ExportRequest } from '@shared/api/contract'
import type { HookscopeCore } from '@main/services/core'
import { coreSession } from '../helpers/core'
import { postHttp } from '../helpers/raw-http'

const session = coreSession({ now: () => Date.UTC(2026, 11, 6, 12) })

/** Every page of an export through the core's method, joined, and the pages' counts. */
async function exportAll(c: HookscopeCore, req: ExportRequest, pageText?: number) {
  const pages: { exported: number; total: number | null }[] = []
  let text = ''
  let cursor: number | null | undefined
  do {
    const page = pageText
      ? await exportPage(c.captures, { ...req, cursor }, 'test', pageText)
      : await c.methods.exportCaptures({ ...req, cursor })
    pages.push({ exported: page.exported, total: page.total })
    text += page.text
    cursor = page.cursor
  } while (cursor !== null)
  return { text, pages }
}

async function seed(url: string): Promise<void> {
  for (let i = 1; i <= 7; i++) {
    await postHttp(`${url}/hooks/${i}?token=canary_q${i}`, JSON.stringify({ n: i, note: i % 2 ? 'odd' : 'even' }), {
      'Content-Type': 'application/json',
      Authorization: `Bearer canary_auth_${i}`
    })
  }
  await postHttp(`${url}/bin`, new Uint8Array([0xff, 0x00, 0xfe]), { 'Content-Type': 'application/octet-stream' })
}

describe('export in pages (the UI and the CLI share it)', () => {
  it('HAR over many pages is one valid log, oldest first, redacted unless asked', async () => {
    const { c, url } = await session.start()
    await seed(url)
    const whole = await exportAll(c, { format: 'har' })
    // Small pages: every capture its own page, and the joined text still parses to the same log.
    const paged = await exportAll(c, { format: 'har' }, 1)
    expect(paged.pages.length).toBeGreaterThanOrEqual(8)
    expect(paged.pages[0]!.total).toBe(8)
    expect(paged.pages.slice(1).every((p) => p.total === null)).toBe(true)
    const a = JSON.parse(whole.text) as { log: { entries: { request: { url: string } }[] } }
    const b = JSON.parse(paged.text) as { log: { version: string; entries: { request: { url: string } }[] } }
    expect(b.log.version).toBe('1.2')
    expect(b.log.entries.map((e) => e.request.url)).toEqual(a.log.entries.map((e) => e.request.url))
    expect(a.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `/hooks/${i}`),
      '/bin'
    ])
    expect(whole.text).not.toMatch(/canary_auth|canary_q/)
    const full = await exportAll(c, { format: 'har', includeSecrets: true })
    expect(full.text).toContain('canary_auth_3')
    expect(full.text).toContain('token=canary_q3')
  })

  it('an empty selection is still a valid HAR; NDJSON and .http of chosen ids and of a search', async () => {
    const { c, url } = await session.start()
    expect(JSON.parse((await exportAll(c, { format: 'har' })).text)).toMatchObject({ log: { entries: [] } })
    await seed(url)
    const ids = (await c.methods.listCaptures({ limit: 100 })).items.map((s) => s.id)
    const chosen = [ids[0]!, ids[3]!, ids[3]!, 99_999]
    const nd = await exportAll(c, { format: 'ndjson', ids: chosen })
    const lines = nd.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; bodyBase64: string })
    expect(lines.map((l) => l.id)).toEqual([ids[3]!, ids[0]!])
    expect(nd.pages[0]!.total).toBe(3)
    expect(Buffer.from(lines[1]!.bodyBase64, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0xfe]))

    const http = await exportAll(c, { format: 'http', filter: { search: 'even' } })
    expect(http.pages[0]!.total).toBe(3)
    const requests = http.text.split(/^### /m).filter(Boolean)
    expect(requests).toHaveLength(3)
    expect(requests[0]).toMatch(
      /^#\d+ · 2026-12-06T12:00:00.000Z\nPOST http:\/\/127\.0\.0\.1:\d+\/hooks\/2\?token=%5Bredacted%5D HTTP\/1\.1\n/
    )
    expect(requests[0]).toContain('Authorization: [redacted]')
    expect(requests[0]).toContain('\n\n{"n":2,"note":"even"}\n')
    const bin = await exportAll(c, { format: 'http', ids: [ids[0]!] })
    expect(bin.text).toContain('# body: 3 bytes that are not UTF-8 text')
  })

  it('refuses what it cannot export, by name', async () => {
    const { c } = await session.start()
    const { validateArgs } = await import('@shared/api/validate')
    expect(() => validateArgs.exportCaptures([{ format: 'xml' }])).toThrow(/format must be one of har, ndjson, http/)
    expect(() => validateArgs.exportCaptures([{ format: 'har', ids: ['1'] }])).toThrow(/exportCaptures/)
    expect(() => validateArgs.exportCaptures([{ format: 'har', includeSecrets: 'yes' }])).toThrow(
      /includeSecrets must be true or false/
    )
    expect(validateArgs.exportCaptures([{ format: 'ndjson', filter: { verdict: 'valid' } }])[0]).toMatchObject({
      filter: { verdict: 'valid' }
    })
    expect((await c.methods.exportCaptures({ format: 'ndjson' })).text).toBe('')
  })
})
