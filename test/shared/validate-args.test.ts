import { describe, expect, it } from 'vitest'
import { validateArgs } from '@shared/api/validate'

// The API's argument schemas (valibot, src/shared/api/validate.ts): each refusal names the method and
// the field's path; what is accepted comes out typed, with unknown fields left out.
const bad = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as Error).message
  }
  return 'accepted'
}

describe('API arguments', () => {
  it('name the method and the field path of the first problem', () => {
    const composed = {
      method: 'POST',
      url: 'https://example.test/hook',
      headers: [['A', 'b']],
      body: new Uint8Array(2)
    }
    expect(bad(() => validateArgs.sendRequest([{ ...composed, url: 'ftp://x' }]))).toBe(
      'sendRequest: url must be http:// or https://'
    )
    expect(bad(() => validateArgs.sendRequest([{ ...composed, headers: [['A', 'b\r\nX: y']] }]))).toBe(
      'sendRequest: headers must be [name, value] pairs without line breaks'
    )
    expect(bad(() => validateArgs.sendRequest([{ ...composed, method: 'post' }]))).toBe(
      'sendRequest: method must be an upper-case HTTP method'
    )
    expect(bad(() => validateArgs.sendRequest([composed, { sign: { scheme: 'stripe', keyId: 0 } }]))).toBe(
      'sendRequest: sign.keyId must be a positive integer id'
    )
    const reply = { status: 'x', headers: [], body: '', delayMs: 0, failureRate: 0 }
    expect(
      bad(() =>
        validateArgs.saveEndpoint([{ name: 'e', pathPrefix: '/e', scheme: null, keyIds: [], reply, params: {} }])
      )
    ).toBe('saveEndpoint: reply.status must be a number')
    expect(bad(() => validateArgs.reverifyCaptures([{}]))).toBe('reverifyCaptures: give ids, an endpoint or a verdict')
    expect(bad(() => validateArgs.replayCaptures([[], { url: 'http://x' }]))).toBe(
      'replayCaptures: must be 1–1000 capture ids'
    )
    expect(bad(() => validateArgs.importCaptures([{ data: 'text' }]))).toBe(
      'importCaptures: data must be bytes, at most 50 MiB'
    )
    expect(bad(() => validateArgs.startTunnel([{ tunnel: 'ssh://u@h', remotePort: 70_000 }]))).toBe(
      'startTunnel: remotePort must be a port number 0–65535'
    )
    expect(bad(() => validateArgs.useForPath([{ target: '/x', scheme: 's', params: { a: 1 } }]))).toBe(
      'useForPath: params.a must be strings'
    )
    expect(bad(() => validateArgs.importKey(['pem']))).toBe('importKey: must be an object')
    expect(bad(() => validateArgs.getCapture([]))).toBe('getCapture: must be a positive integer id')
  })

  it('give typed values: unknown fields left out, flags on only when true, limits held', () => {
    expect(validateArgs.listCaptures([{ limit: 5, cursor: null, evil: 'x' }])).toEqual([{ limit: 5 }])
    expect(validateArgs.listCaptures([null])).toEqual([{}])
    const [, options] = validateArgs.sendRequest([
      { method: 'POST', url: 'http://127.0.0.1:1/', headers: [], body: new Uint8Array() },
      { dryRun: 'yes', insecureTls: true, timeoutMs: 10 }
    ])
    expect(options).toEqual({ sign: null, dryRun: false, insecureTls: true, timeoutMs: 100 })
    expect(
      validateArgs.sendRequest([{ method: 'GET', url: 'http://127.0.0.1:1/', headers: [], body: new Uint8Array() }])[1]
    ).toEqual({
      sign: null,
      dryRun: false,
      insecureTls: false
    })
    expect(validateArgs.startTunnel([{ tunnel: 'ngrok', identityFile: '', remotePort: 0 }])).toEqual([
      { tunnel: 'ngrok' }
    ])
    expect(validateArgs.replayCaptures([[3], { url: 'http://x' }])).toEqual([
      [3],
      { url: 'http://x', resign: null, concurrency: 1 }
    ])
    expect(
      validateArgs.exportCaptures([{ format: 'har', filter: { verdict: 'valid', limit: 3 }, cursor: null }])
    ).toEqual([
      {
        format: 'har',
        includeSecrets: false,
        filter: { search: undefined, verdict: 'valid', endpointId: undefined, event: undefined }
      }
    ])
    const saved = validateArgs.saveEndpoint([
      {
        name: 'e',
        pathPrefix: '/e',
        scheme: 'stripe',
        keyIds: [2],
        reply: { status: 200, headers: [['X', 'y']], body: 'ok', delayMs: 0, failureRate: 0, handshake: null },
        params: {}
      }
    ])
    expect(saved).toEqual([
      {
        name: 'e',
        pathPrefix: '/e',
        scheme: 'stripe',
        keyIds: [2],
        reply: { status: 200, headers: [['X', 'y']], body: 'ok', delayMs: 0, failureRate: 0 },
        params: {},
        forwardTo: null
      }
    ])
  })
})
