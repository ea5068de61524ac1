import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { getScheme, SCHEMES, headerInsight } from '@shared/signatures'
import { headerReadings, replyRule } from '@shared/signatures/provider-data'
import type { CaptureSummary } from '@shared/model/capture'
import { tempDir } from '../helpers/tmp'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const cores: HookscopeCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})

async function post(
  c: HookscopeCore,
  path: string,
  headers: Record<string, string>,
  body: string
): Promise<CaptureSummary> {
  const added = new Promise<CaptureSummary>((resolve) => {
    const off = c.events.on('captures:added', (s) => {
      off()
      resolve(s[0]!)
    })
  })
  await fetch(new URL(path, c.status().url!), { method: 'POST', headers, body })
  return added
}

describe('provider knowledge lives in scheme data', () => {
  it("a user's scheme names the provider and event of every capture (default endpoint or not), detected once with the full list", async () => {
    const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 }, now: () => NOW })
    cores.push(c)
    await c.start()
    await c.methods.saveScheme({
      id: 'acme',
      algorithm: 'hmac-sha256',
      signedContent: [{ part: 'body' }],
      signature: { header: 'X-Acme-Sig' },
      detect: { headers: ['x-acme-sig'] },
      event: { header: 'x-acme-topic', fields: ['kind'] },
      reply: { status: 202, contentType: 'application/json', body: '{"ok":1}' }
    })
    const a = await post(
      c,
      '/anywhere',
      { 'X-Acme-Sig': 'ab', 'X-Acme-Topic': 'order.paid', 'Content-Type': 'application/json' },
      '{"type":"x"}'
    )
    expect([a.provider, a.event]).toEqual(['acme', 'order.paid'])
    const b = await post(
      c,
      '/anywhere',
      { 'X-Acme-Sig': 'ab', 'Content-Type': 'application/json' },
      '{"type":"generic","kind":"refund.created"}'
    )
    expect([b.provider, b.event]).toEqual(['acme', 'refund.created'])
    await c.methods.saveEndpoint({
      name: 'A',
      pathPrefix: '/acme',
      scheme: null,
      keyIds: [],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    const viaEndpoint = await post(c, '/acme/x', { 'X-Acme-Sig': 'ab', 'X-Acme-Topic': 'order.paid' }, '{}')
    expect([viaEndpoint.provider, viaEndpoint.event, viaEndpoint.endpointId]).toEqual(['acme', 'order.paid', 1])
    expect(replyRule((await c.methods.listSchemes())[0]!)).toMatchObject({ status: 202, body: '{"ok":1}' })
  })

  it('reply presets, event headers and header glosses come from the schemes', () => {
    expect(replyRule(getScheme('trubit-velafi')!)).toMatchObject({
      status: 200,
      body: '{"callbackStatus":"SUCCESS"}',
      headers: [['Content-Type', 'application/json']]
    })
    expect(replyRule(getScheme('github')!)).toBeNull()
    const readings = headerReadings(SCHEMES)
    expect(readings.get('stripe-signature')?.pairs).toEqual({
      separator: ',',
      kv: '=',
      timestampKey: 't',
      timestampUnit: 's'
    })
    expect(readings.get('x-apsdai-timestamp')?.timestamp).toBe('ms')
    expect(headerInsight('Paddle-Signature', 'ts=1795435200;h1=abcdef0123456789abcd', NOW)).toMatch(
      /^ts = 1795435200 \(2026-11-23T12:00:00\.000Z · 0\.0 s before receipt\) · h1 = abcdef012345…$/
    )
  })
})
