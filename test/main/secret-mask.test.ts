import { describe, expect, it } from 'vitest'
import { SecretMask } from '@main/services/vault/mask'

describe('SecretMask', () => {
  const mask = new SecretMask([{ material: 's3cret value+1', fingerprint: 'ab12 cd34 ef56 0789' }])
  const shown = '••••(ab12 cd34 ef56 0789)'

  it('masks the secret as stored, URL-encoded and form-encoded, in text and bytes', () => {
    expect(mask.text('token=s3cret value+1;')).toBe(`token=${shown};`)
    expect(mask.text('t=s3cret%20value%2B1&u=s3cret+value%2B1')).toBe(`t=${shown}&u=${shown}`)
    const bytes = mask.bytes(new TextEncoder().encode('1795435200000\ns3cret value+1'))
    expect(new TextDecoder().decode(bytes)).toBe(`1795435200000\n${shown}`)
  })

  it('walks results deeply and leaves other values and unrelated text alone', () => {
    const r = mask.deep({ expected: 's3cret value+1', n: 3, list: [['X-Token', 's3cret value+1']], body: new TextEncoder().encode('no secret'), ok: true })
    expect(r).toEqual({ expected: shown, n: 3, list: [['X-Token', shown]], body: new TextEncoder().encode('no secret'), ok: true })
    expect(new SecretMask([]).deep('s3cret value+1')).toBe('s3cret value+1')
  })
})
