import { describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { SecretMask } from '@main/services/vault/mask'
import { escapeBytes } from '@shared/bytes'
import { coreSession } from '../helpers/core'

describe('SecretMask', () => {
  const mask = new SecretMask([{ material: 's3cret value+1', fingerprint: 'ab12 cd34 ef56 0789' }])
  // One ASCII placeholder: the key's fingerprint and the bytes it stands for in that form.
  const shown = '[secret ab12 cd34 ef56 0789: 14 bytes]'
  const urlEncoded = '[secret ab12 cd34 ef56 0789: 18 bytes]'
  const formEncoded = '[secret ab12 cd34 ef56 0789: 16 bytes]'

  it('masks the secret as stored, URL-encoded and form-encoded, in text and bytes', () => {
    expect(mask.text('token=s3cret value+1;')).toBe(`token=${shown};`)
    expect(mask.text('t=s3cret%20value%2B1&u=s3cret+value%2B1')).toBe(`t=${urlEncoded}&u=${formEncoded}`)
    const bytes = mask.bytes(new TextEncoder().encode('1795435200000\ns3cret value+1'))
    expect(new TextDecoder().decode(bytes)).toBe(`1795435200000\n${shown}`)
  })

  it('walks results deeply and leaves other values and unrelated text alone', () => {
    const r = mask.deep({
      expected: 's3cret value+1',
      n: 3,
      list: [['X-Token', 's3cret value+1']],
      body: new TextEncoder().encode('no secret'),
      ok: true
    })
    expect(r).toEqual({
      expected: shown,
      n: 3,
      list: [['X-Token', shown]],
      body: new TextEncoder().encode('no secret'),
      ok: true
    })
    expect(new SecretMask([]).deep('s3cret value+1')).toBe('s3cret value+1')
  })
})

describe('a masked secret in a verify result (APSDAI signs the secret itself)', () => {
  const session = coreSession({ now: () => Date.UTC(2026, 11, 6, 12, 0, 0) })

  it('shows one ASCII placeholder with the true byte count and the fingerprint, and the signed content keeps its true length', async () => {
    const { c, url } = await session.start()
    const secret = 'SEC-apsdai-merchant-secret-0123456789abcdef'
    const key = await c.methods.importKey({ name: 'apsdai', material: secret })
    const ts = String(Date.UTC(2026, 11, 6, 11, 59, 0))
    const token = encodeURIComponent(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'))
    await fetch(`${url}/aps`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-Apsdai-Token': token, 'X-Apsdai-Timestamp': ts, 'X-Apsdai-Event': 'order_pay_hook' }
    })
    const id = (await c.methods.listCaptures({})).items[0]!.id
    const r = (await c.methods.verifyCapture(id, { scheme: 'apsdai', keyIds: [key.id] }))!
    expect(r.valid).toBe(true)
    const shown = new TextDecoder().decode(r.signedContent!)
    expect(shown).toBe(`${ts}\n[secret ${key.fingerprint}: ${secret.length} bytes]`)
    // Printable ASCII only: a byte view shows it as written, never as \xE2\x80\xA2.
    expect(escapeBytes(r.signedContent!)).toBe(`${ts}\\n[secret ${key.fingerprint}: ${secret.length} bytes]`)
    expect(r.signedContentLength).toBe(ts.length + 1 + secret.length)
    expect(JSON.stringify(r)).not.toContain(secret)
  })
})
