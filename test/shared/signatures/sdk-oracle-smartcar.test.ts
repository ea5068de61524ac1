import { hashChallenge, verifyPayload } from 'smartcar'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, verify } from '@shared/signatures'
import { fixedClock, request } from './helpers'

// Smartcar against its official SDK, both directions: verifyPayload checks the SC-Signature Hookscope
// signs, Hookscope checks the SDK's HMAC (hashChallenge over the body), a one-byte change is refused by
// both. The SDK hashes JSON.stringify of the parsed body, so the bodies here are compact JSON.
const NOW = Date.UTC(2026, 11, 7, 9, 0, 0)
fixedClock(NOW)

const AMT = 'c4b2b5a0-8f1e-4d6e-9a53-amt-fixture'
const BODY = '{"eventId":"0a8e8a8c-5c1f","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"36ab27d0"}}}'
const tamper = (s: string): string => s.replace('36ab27d0', '36ab27d1')

describe('smartcar: the official SDK as oracle', () => {
  it('verifyPayload accepts the SC-Signature Hookscope signs and refuses it on a changed body', async () => {
    const { request: out } = await sign(request({ body: BODY }), { material: AMT }, getScheme('smartcar')!, {
      now: NOW
    })
    const signature = out.headers.find(([n]) => n.toLowerCase() === 'sc-signature')![1]
    expect(verifyPayload(AMT, signature, JSON.parse(BODY))).toBe(true)
    expect(verifyPayload(AMT, signature, JSON.parse(tamper(BODY)))).toBe(false)
  })

  it('Hookscope accepts the SDK’s HMAC of the body, refuses it tampered, and detects Smartcar first', async () => {
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['SC-Signature', hashChallenge(AMT, BODY)]
    ]
    const check = async (body: string) =>
      (await verify(request({ body, headers }), [{ material: AMT }], getScheme('smartcar')!, { now: NOW })).valid
    expect(await check(BODY)).toBe(true)
    expect(await check(tamper(BODY))).toBe(false)
    expect(detect(request({ body: BODY, headers }))[0]?.scheme).toBe('smartcar')
  })
})
