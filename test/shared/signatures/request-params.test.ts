import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { getScheme, verify } from '@shared/signatures'
import { request } from './helpers'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)

describe('parameters carried by the request', () => {
  it('Tini App: the client key comes from X-Tiniapp-Client-Id when the request has it, else from the setting', async () => {
    const secret = 'tini-client-secret'
    const clientKey = 'ck_live_123'
    const body = '{"event":"order.created","id":"o1"}'
    const ts = String(NOW)
    // Tini App's documented construction: hex HMAC-SHA256 over base64url (no padding) of ts.clientKey.body.
    const signed = Buffer.from(`${ts}.${clientKey}.${body}`).toString('base64url')
    const sig = createHmac('sha256', secret).update(signed).digest('hex')
    const headers: [string, string][] = [
      ['X-Tiniapp-Signature', sig],
      ['X-Tiniapp-Timestamp', ts]
    ]
    const scheme = getScheme('tiki-tiniapp')!
    const fromHeader = await verify(
      request({ body, headers: [...headers, ['X-Tiniapp-Client-Id', clientKey]] }),
      [{ material: secret }],
      scheme,
      { now: NOW }
    )
    expect(fromHeader.valid).toBe(true)
    const fromSetting = await verify(request({ body, headers }), [{ material: secret }], scheme, {
      now: NOW,
      params: { clientKey }
    })
    expect(fromSetting.valid).toBe(true)
    const neither = await verify(request({ body, headers }), [{ material: secret }], scheme, { now: NOW })
    expect(neither.reason).toBe('missing-param')
    expect(neither.message).toMatch(/clientKey.*X-Tiniapp-Client-Id/)
    const otherClient = await verify(
      request({ body, headers: [...headers, ['X-Tiniapp-Client-Id', 'ck_other']] }),
      [{ material: secret }],
      scheme,
      {
        now: NOW
      }
    )
    expect(otherClient.valid).toBe(false)
  })
})
