import { describe, expect, it } from 'vitest'
import { getScheme, sign, verify } from '@shared/signatures'
import { TEMPLATES } from '@shared/templates/templates'
import { API_PLACEHOLDER, fillRegistration } from '@shared/templates/registration'
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
    expect(ids).toEqual(
      expect.arrayContaining(['trubit-create-webhook', 'tikinow-register-webhooks', 'useepay-form', 'useepay-json'])
    )
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('every signed template signs and verifies with its scheme', async () => {
    for (const t of TEMPLATES.filter((x) => x.scheme)) {
      const scheme = getScheme(t.scheme)!
      const { signing, verifying } = keysFor(scheme, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))
      const req = {
        method: t.method,
        url: `https://merchant.example${t.path}`,
        headers: t.headers,
        body: new TextEncoder().encode(t.body)
      }
      const signed = await sign(req, signing, scheme, { now: NOW, params: { appKey: 'k', clientKey: 'c' } })
      const r = await verify(signed.request, [verifying], scheme, { now: NOW, params: { appKey: 'k', clientKey: 'c' } })
      expect(r.valid, t.id).toBe(true)
    }
  })

  it('a registration call is filled from an endpoint: its URL at every url field, its secret at every secret field, sent to the API base', () => {
    const tiki = TEMPLATES.find((t) => t.id === 'tikinow-register-webhooks')!
    const filled = fillRegistration(tiki, {
      apiBase: 'https://api.tikinow.vn/',
      endpointUrl: 'https://abc.trycloudflare.com/tiki/',
      secret: 'S'.repeat(32)
    })
    expect(filled.url).toBe('https://api.tikinow.vn/business/v1/register-webhooks')
    const body = JSON.parse(filled.body) as {
      sync_webhook: Record<string, { url: string; secret_key: string }>
      external_partner_id: string
    }
    expect(body.sync_webhook).toEqual({
      order: { url: 'https://abc.trycloudflare.com/tiki/order', secret_key: 'S'.repeat(32) },
      stock: { url: 'https://abc.trycloudflare.com/tiki/stock', secret_key: 'S'.repeat(32) },
      aftersale: { url: 'https://abc.trycloudflare.com/tiki/aftersale', secret_key: 'S'.repeat(32) }
    })
    expect(body.external_partner_id).toBe('41235121321')
    // Without a bound secret the placeholder stays; without an API host, one that cannot resolve.
    const bare = fillRegistration(tiki, { apiBase: null, endpointUrl: 'http://127.0.0.1:8787/tiki', secret: null })
    expect(bare.url).toBe(`${API_PLACEHOLDER}/business/v1/register-webhooks`)
    expect(bare.body).toContain("<the endpoint's 32-character secret>")
    const trubit = fillRegistration(
      TEMPLATES.find((t) => t.id === 'trubit-create-webhook')!,
      { apiBase: 'http://127.0.0.1:1', endpointUrl: 'https://x.test/trubit', secret: null }
    )
    expect(JSON.parse(trubit.body)).toEqual({ eventType: 'ORDER_WEBHOOK', url: 'https://x.test/trubit' })
  })
})
