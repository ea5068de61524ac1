import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI } from '../helpers/host-process'
import { tempDir } from '../helpers/tmp'

const NOW = '2026-11-23T12:00:00Z'

function cli(args: string[], stdin?: Buffer): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr.toString() })
      }
    )
    if (stdin) child.stdin!.end(stdin)
    else child.stdin!.end()
  })
}

function raw(target: string, headers: [string, string][], body: string): Buffer {
  return Buffer.from(
    `POST ${target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`,
    'utf8'
  )
}

/** Changes one byte of the body (the last one) of a raw request. */
function tamper(msg: Buffer): Buffer {
  const out = Buffer.from(msg)
  out[out.length - 2] = out[out.length - 2] === 0x31 ? 0x32 : 0x31
  return out
}

async function signThenVerify(scheme: string, signKey: string, verifyKey: string, request: Buffer) {
  const dir = tempDir()
  const file = join(dir, 'req.http')
  writeFileSync(file, request)
  const signed = await cli(['sign', '--scheme', scheme, '--key', signKey, '--now', NOW, '--request', file])
  expect(signed.stderr).toBe('')
  expect(signed.code).toBe(0)
  const signedFile = join(dir, 'signed.http')
  writeFileSync(signedFile, signed.stdout)
  const ok = await cli(['verify', '--scheme', scheme, '--key', verifyKey, '--now', NOW, '--request', signedFile])
  const bad = await cli(['verify', '--scheme', scheme, '--key', verifyKey, '--now', NOW], tamper(signed.stdout))
  return {
    signed: signed.stdout.toString(),
    ok: { code: ok.code, result: JSON.parse(ok.stdout.toString()) },
    bad: { code: bad.code, result: JSON.parse(bad.stdout.toString()) }
  }
}

describe('the four seed providers end to end through the CLI', () => {
  it('APSDAI: signs and verifies; a changed body byte stays valid and the result says the body is not covered', async () => {
    const req = raw(
      '/apsdai/hooks',
      [
        ['Host', 'merchant.example'],
        ['User-Agent', 'apsdai-hook'],
        ['X-Apsdai-Event', 'order_pay_hook'],
        ['Content-Type', 'application/json']
      ],
      '{"order_id":"AP1","amount":"10"}'
    )
    const r = await signThenVerify('apsdai', 'apsdai-secret', 'apsdai-secret', req)
    expect(r.signed).toMatch(/X-Apsdai-Timestamp: 1795435200000\r\n/)
    expect(r.signed).toMatch(/X-Apsdai-Token: [A-Za-z0-9%]+\r\n/)
    expect(r.ok).toMatchObject({ code: 0, result: { valid: true, bodyCovered: false } })
    expect(r.bad).toMatchObject({ code: 0, result: { valid: true, bodyCovered: false } })
    expect(r.bad.result.message).toContain('The body is NOT covered')
  })

  it('TikiNOW: HMAC-SHA1 over the body; a changed byte is signature-mismatch (exit 1)', async () => {
    const req = raw(
      '/tiki/stock',
      [
        ['Host', 'seller.example'],
        ['Content-Type', 'application/json']
      ],
      '{"type":"inventory_stock","data":{"sku":"S1","qty":11}}'
    )
    const r = await signThenVerify(
      'tiki-tikinow',
      'abcdefghijklmnopqrstuvwxyz012345',
      'abcdefghijklmnopqrstuvwxyz012345',
      req
    )
    expect(r.signed).toMatch(/x-signature: sha1=[0-9a-f]{40}\r\n/)
    expect(r.ok).toMatchObject({ code: 0, result: { valid: true } })
    expect(r.bad).toMatchObject({ code: 1, result: { valid: false, reason: 'signature-mismatch' } })
  })

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyDir = tempDirOnce()
  const privateFile = join(keyDir, 'private.pem')
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
  const bareSpki = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')

  it('TruBit: verifies with the bare base64 SPKI public key as the create-webhook response returns it', async () => {
    const req = raw(
      '/trubit',
      [
        ['Host', 'merchant.example'],
        ['Content-Type', 'application/json']
      ],
      '{"eventType":"ORDER_WEBHOOK","data":{"orderId":"T1","amount":"12.31"}}'
    )
    const r = await signThenVerify('trubit-velafi', `@${privateFile}`, bareSpki, req)
    expect(r.signed).toMatch(/signature: [0-9a-f]{512}\r\n/)
    expect(r.ok).toMatchObject({ code: 0, result: { valid: true } })
    expect(r.bad).toMatchObject({ code: 1, result: { reason: 'signature-mismatch' } })
  })

  it('UseePay: both the form delivery (data=…) and the JSON delivery', async () => {
    const json = '{"name":"payment_intent.succeeded","api_version":"2025-11-06","data":{"id":"pi_1","amount":1}}'
    const headers: [string, string][] = [
      ['Host', 'merchant.example'],
      ['merchant_no', '500000000007'],
      ['app_id', 'app_1']
    ]
    const form = await signThenVerify(
      'useepay-v2',
      `@${privateFile}`,
      bareSpki,
      raw(
        '/useepay',
        [...headers, ['api_version', '2024-10-10'], ['Content-Type', 'application/x-www-form-urlencoded']],
        'data=' + encodeURIComponent(json)
      )
    )
    expect(form.ok).toMatchObject({ code: 0, result: { valid: true } })
    expect(form.bad).toMatchObject({ code: 1, result: { reason: 'signature-mismatch' } })
    const js = await signThenVerify(
      'useepay-v2',
      `@${privateFile}`,
      bareSpki,
      raw('/useepay', [...headers, ['api_version', '2025-11-06'], ['Content-Type', 'application/json']], json)
    )
    expect(js.signed).toMatch(/\r\nsign: [A-Za-z0-9+/=]+\r\n/)
    expect(js.ok).toMatchObject({ code: 0, result: { valid: true } })
    expect(js.bad).toMatchObject({ code: 1, result: { reason: 'signature-mismatch' } })
  })

  it('exit 2 for usage and key errors, with a clear message', async () => {
    const req = raw('/x', [['Host', 'h']], '{}')
    expect(await cli(['verify', '--scheme', 'nope', '--key', 'k'], req)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown scheme "nope"')
    })
    expect(await cli(['verify', '--scheme', 'github'], req)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--key is required')
    })
    expect(await cli(['verify', '--scheme', 'github', '--key', 'env:HOOKSCOPE_NOT_SET_ANYWHERE'], req)).toMatchObject({
      code: 2
    })
    const badKey = await cli(
      ['verify', '--scheme', 'trubit-velafi', '--key', 'not-a-key'],
      raw(
        '/x',
        [
          ['Host', 'h'],
          ['signature', 'ab']
        ],
        '{}'
      )
    )
    expect(badKey.code).toBe(2)
    expect(JSON.parse(badKey.stdout.toString()).reason).toBe('unsupported-key')
    expect(await cli(['sign', '--scheme', 'github', '--key', 'k'], Buffer.from('not http'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Line 1 is not an HTTP request line')
    })
  })

  it('detect ranks the provider with evidence; schemes --json lists them all', async () => {
    const d = await cli(
      ['detect'],
      raw(
        '/x',
        [
          ['Host', 'h'],
          ['Stripe-Signature', 't=1,v1=ab']
        ],
        '{}'
      )
    )
    expect(JSON.parse(d.stdout.toString())[0]).toMatchObject({
      scheme: 'stripe',
      evidence: ['header stripe-signature', 'signature has v1=']
    })
    const s = JSON.parse((await cli(['schemes', '--json'])).stdout.toString()) as { id: string }[]
    expect(s.map((x) => x.id)).toEqual(
      expect.arrayContaining(['apsdai', 'trubit-velafi', 'tiki-tikinow', 'useepay-v2', 'stripe', 'wechatpay-v3'])
    )
    // By category (the region beside it), with what confirms each recipe; a search keeps the matching ones.
    const mux = JSON.parse((await cli(['schemes', '--json', '--search', 'mux'])).stdout.toString()) as {
      id: string
      group: string
      region: string | null
      evidence: string | null
    }[]
    expect(mux).toEqual([
      expect.objectContaining({ id: 'mux', group: 'Developer tools and infrastructure', region: null, evidence: 'sdk' })
    ])
    const text = (await cli(['schemes', '--search', 'midtrans'])).stdout.toString()
    expect(text).toMatch(/^Payments and billing:\n {2}midtrans +sha512 +docs +Midtrans \(Asia\)\n {2}midtrans-iris /)
    const crypto = JSON.parse((await cli(['schemes', '--json', '--search', 'crypto'])).stdout.toString()) as {
      id: string
      group: string
    }[]
    expect(new Set(crypto.map((x) => x.group))).toEqual(new Set(['Banking, crypto and finance']))
    expect((await cli(['schemes', '--search', '\u202e'])).stdout.toString()).toBe('No scheme matches "\\u202E".\n')
  })

  it('reads keys from files and the environment', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'k'), 's3cret\n')
    const req = raw('/g', [['Host', 'h']], '{"a":1}')
    const signed = (await cli(['sign', '--scheme', 'github', '--key', `@${join(dir, 'k')}`], req)).stdout
    const viaEnv = await new Promise<number>((resolve) => {
      const c = execFile(
        process.execPath,
        [CLI, 'verify', '--scheme', 'github', '--key', 'env:GH_SECRET'],
        { env: { ...process.env, GH_SECRET: 's3cret' } },
        (err) => resolve(err ? 1 : 0)
      )
      c.stdin!.end(signed)
    })
    expect(viaEnv).toBe(0)
    expect(readFileSync(join(dir, 'k'), 'utf8')).toBe('s3cret\n')
  })
})

function tempDirOnce(): string {
  return mkdtempSync(join(tmpdir(), 'hookscope-keys-'))
}
