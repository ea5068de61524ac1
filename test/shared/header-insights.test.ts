import { describe, expect, it } from 'vitest'
import { headerInsight } from '@shared/signatures'

const RECEIVED = Date.UTC(2026, 10, 23, 12, 0, 0)

describe('header insights', () => {
  it('APSDAI millisecond timestamp as ISO time and age', () => {
    expect(headerInsight('X-Apsdai-Timestamp', String(RECEIVED - 2500), RECEIVED)).toBe(
      '2026-11-23T11:59:57.500Z · 2.5 s before receipt'
    )
  })
  it('Stripe-Signature key/values with the timestamp decoded', () => {
    expect(
      headerInsight(
        'Stripe-Signature',
        `t=${RECEIVED / 1000 - 120},v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd`,
        RECEIVED
      )
    ).toBe('t = 1795435080 (2026-11-23T11:58:00.000Z · 2 min before receipt) · v1 = 5257a869e7ec…')
  })
  it('a signature header whose t= is in milliseconds (WorkOS, Hygraph) reads as a time, not as "not a time"', () => {
    expect(headerInsight('WorkOS-Signature', `t=${RECEIVED - 3000}, v1=5257a869e7ecebeda32a`, RECEIVED)).toBe(
      't = 1795435197000 (2026-11-23T11:59:57.000Z · 3.0 s before receipt) · v1 = 5257a869e7ec…'
    )
    expect(headerInsight('gcms-signature', `sign=f8wFtxHQywdw06Mrg=, env=production, t=${RECEIVED}`, RECEIVED)).toBe(
      'sign = f8wFtxHQywdw… · env = production · t = 1795435200000 (2026-11-23T12:00:00.000Z · 0.0 s before receipt)'
    )
  })
  it('webhook-signature lists, Content-Type parameters, and nothing for plain headers', () => {
    expect(headerInsight('webhook-signature', 'v1,abc v1,def', RECEIVED)).toBe('2 signatures: v1, v1')
    // The same header name in NMI's t=<nonce>,s=<hex> form reads as its pairs.
    expect(headerInsight('webhook-signature', 't=8f3a9c71,s=0123456789abcdef0123', RECEIVED)).toBe(
      't = 8f3a9c71 · s = 0123456789ab…'
    )
    expect(headerInsight('Content-Type', 'multipart/form-data; boundary="x y"', RECEIVED)).toBe(
      'multipart/form-data · boundary x y'
    )
    expect(headerInsight('X-Custom', 'hello', RECEIVED)).toBeNull()
  })
})
