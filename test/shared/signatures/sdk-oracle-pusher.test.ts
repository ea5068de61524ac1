import Pusher from 'pusher'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, verify } from '@shared/signatures'
import { fixedClock, request } from './helpers'

// Pusher Channels webhooks against the official `pusher` SDK, both directions: the SDK's
// webhook().isValid() checks what Hookscope signs, Hookscope checks what the SDK's Token signs, and a
// one-byte change is refused by both. A fixed clock (the scheme has no timestamp; the engine gets one anyway).
const NOW = Date.UTC(2026, 12 - 1, 7, 9, 0, 0)
fixedClock(NOW)

const APP = { appId: '1234', key: 'app-key-278a', secret: 'app-secret-5f1b', cluster: 'mt1' }
const BODY = '{"time_ms":1765098000000,"events":[{"name":"channel_occupied","channel":"private-orders"}]}'
/** The SDK's own signer (exported at runtime as Pusher.Token; its typings declare only the interface). */
const Token = (Pusher as unknown as { Token: new (key: string, secret: string) => { sign(body: string): string } })
  .Token
const tamper = (s: string): string => s.replace('occupied', 'occupiee')

describe('pusher: the official SDK as oracle', () => {
  it('the SDK accepts the X-Pusher-Signature Hookscope signs and refuses it on a changed body', async () => {
    const { request: out } = await sign(
      request({ body: BODY, headers: [['Content-Type', 'application/json']] }),
      { material: APP.secret },
      getScheme('pusher')!,
      { now: NOW }
    )
    const headers = Object.fromEntries(
      [...out.headers, ['X-Pusher-Key', APP.key]].map(([n, v]) => [n.toLowerCase(), v])
    )
    const sdk = new Pusher(APP)
    expect(sdk.webhook({ headers, rawBody: BODY }).isValid()).toBe(true)
    expect(sdk.webhook({ headers, rawBody: tamper(BODY) }).isValid()).toBe(false)
    // Another app's key is refused by the SDK whatever the signature.
    expect(sdk.webhook({ headers: { ...headers, 'x-pusher-key': 'other-app' }, rawBody: BODY }).isValid()).toBe(false)
  })

  it('Hookscope accepts what the SDK signs, refuses it tampered, and detects Pusher first', async () => {
    const signature = new Token(APP.key, APP.secret).sign(BODY)
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Pusher-Key', APP.key],
      ['X-Pusher-Signature', signature]
    ]
    const check = async (body: string) =>
      (await verify(request({ body, headers }), [{ material: APP.secret }], getScheme('pusher')!, { now: NOW })).valid
    expect(await check(BODY)).toBe(true)
    expect(await check(tamper(BODY))).toBe(false)
    expect(detect(request({ body: BODY, headers }))[0]?.scheme).toBe('pusher')
  })
})
