import { describe, expect, it } from 'vitest'
import { getScheme, sign, verify } from '@shared/signatures'
import { TEMPLATES } from '@shared/templates/templates'
import { keysFor } from '../helpers/scheme-keys'

const NOW = Date.UTC(2026, 10, 23, 12)

describe('delivery templates', () => {
  it('cover the seed providers (all nine APSDAI hooks) and the listed global ones', () => {
    const ids = TEMPLATES.map((t) => t.id)
    expect(TEMPLATES.filter((t) => t.scheme === 'apsdai')).toHaveLength(9)
    for (const s of [
      'trubit-velafi',
      'tiki-tikinow',
      'useepay-v2',
      'stripe',
      'github',
      'shopify',
      'slack',
      'standard-webhooks',
      'square',
      'paddle-billing',
      'twilio',
      'discord',
      'wechatpay-v3'
    ]) {
      expect(
        TEMPLATES.some((t) => t.scheme === s),
        s
      ).toBe(true)
    }
    expect(ids).toEqual(expect.arrayContaining(['trubit-create-webhook', 'tikinow-register-webhooks', 'useepay-form', 'useepay-json']))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('every signed template signs and verifies with its scheme', async () => {
    for (const t of TEMPLATES.filter((x) => x.scheme)) {
      const scheme = getScheme(t.scheme)!
      const { signing, verifying } = keysFor(scheme, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))
      const req = { method: t.method, url: `https://merchant.example${t.path}`, headers: t.headers, body: new TextEncoder().encode(t.body) }
      const signed = await sign(req, signing, scheme, { now: NOW, params: { appKey: 'k', clientKey: 'c' } })
      const r = await verify(signed.request, [verifying], scheme, { now: NOW, params: { appKey: 'k', clientKey: 'c' } })
      expect(r.valid, t.id).toBe(true)
    }
  })
})
