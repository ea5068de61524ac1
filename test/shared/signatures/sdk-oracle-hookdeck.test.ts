import { verifyWebhookSignature } from '@hookdeck/sdk/webhooks'
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, verify } from '@shared/signatures'
import { fixedClock, request } from './helpers'

// Events Hookdeck forwards, against Hookdeck's official SDK (@hookdeck/sdk verifyWebhookSignature, which
// only verifies): it accepts what Hookscope signs and refuses it on a changed body; the other way, a
// delivery built as the SDK checks (base64 HMAC-SHA256 of the body) is accepted by both, also when only
// the secondary header matches (secret rotation).
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0)
fixedClock(NOW)

const SECRET = 'hookdeck-project-signing-secret'
const OLD = 'hookdeck-previous-secret'
const BODY = '{"id":"evt_1Qx","type":"payment_intent.succeeded","data":{"object":{"id":"pi_3Nx","amount":2000}}}'
const tamper = (s: string): string => s.replace('2000', '2001')
const mac = (key: string, body: string): string => createHmac('sha256', key).update(body).digest('base64')
const scheme = getScheme('hookdeck')!

describe('hookdeck: @hookdeck/sdk as oracle', () => {
  it('the SDK accepts the x-hookdeck-signature Hookscope signs, and refuses it on a changed body', async () => {
    const { request: out } = await sign(request({ body: BODY }), { material: SECRET }, scheme, { now: NOW })
    const headers = Object.fromEntries(out.headers.map(([n, v]) => [n.toLowerCase(), v]))
    const ok = await verifyWebhookSignature({ headers, rawBody: BODY, signingSecret: SECRET })
    expect(ok.isValidSignature).toBe(true)
    const bad = await verifyWebhookSignature({ headers, rawBody: tamper(BODY), signingSecret: SECRET })
    expect(bad.isValidSignature).toBe(false)
  })

  it('Hookscope and the SDK accept the same deliveries, the secondary header included, and refuse a tamper', async () => {
    const cases: [string, [string, string][]][] = [
      ['primary', [['x-hookdeck-signature', mac(SECRET, BODY)]]],
      [
        'secondary',
        [
          ['x-hookdeck-signature', mac(OLD, BODY)],
          ['x-hookdeck-signature-2', mac(SECRET, BODY)]
        ]
      ]
    ]
    for (const [name, sigs] of cases) {
      const headers: [string, string][] = [['Content-Type', 'application/json'], ...sigs]
      const ours = async (body: string) =>
        (await verify(request({ body, headers }), [{ material: SECRET }], scheme, { now: NOW })).valid
      const theirs = async (body: string) =>
        (
          await verifyWebhookSignature({
            headers: Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v])),
            rawBody: body,
            signingSecret: SECRET
          })
        ).isValidSignature
      expect([name, await ours(BODY), await theirs(BODY)]).toEqual([name, true, true])
      expect([name, await ours(tamper(BODY)), await theirs(tamper(BODY))]).toEqual([name, false, false])
    }
    expect(detect(request({ body: BODY, headers: cases[0]![1] }))[0]?.scheme).toBe('hookdeck')
  })
})
