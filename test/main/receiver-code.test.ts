import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CodegenUnsupported, LANGUAGES, nodeName, pythonName, receiverCode } from '@shared/receiver-code'
import { SCHEMES, getScheme, sign, verify, type SchemeDefinition, type SignableRequest } from '@shared/signatures'
import { tempDir } from '../helpers/tmp'

/**
 * The receiver code Hookscope generates is run in Node and Python against signed requests and their
 * mutations; for every case its answer must be the app's verdict (the engine), and it never throws.
 */

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

/** Python with the `cryptography` package (the public-key snippets need it): the first interpreter that has it. */
const PYTHON =
  ['python3', '/usr/bin/python3'].find(
    (bin) => spawnSync(bin, ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0
  ) ?? null

interface Case {
  name: string
  req: SignableRequest
}

type Verdict = boolean | `THROW: ${string}`

function runAll(lang: 'node' | 'python', code: string, fn: string, cases: Case[], secret: string): Verdict[] {
  const dir = tempDir()
  const payload = cases.map(({ req }) => ({
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: Buffer.from(req.body).toString('base64')
  }))
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ secret, now: NOW, cases: payload }))
  if (lang === 'node') {
    writeFileSync(join(dir, 'receiver.mjs'), code)
    writeFileSync(
      join(dir, 'harness.mjs'),
      `import { readFileSync } from 'node:fs'
import { ${fn} } from './receiver.mjs'
const { secret, now, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'))
console.log(JSON.stringify(cases.map((r) => {
  try {
    return ${fn}(r.method, r.url, r.headers, Buffer.from(r.body, 'base64'), secret, now)
  } catch (err) {
    return 'THROW: ' + err.message
  }
})))
`
    )
    return JSON.parse(
      execFileSync(process.execPath, [join(dir, 'harness.mjs'), join(dir, 'cases.json')], { encoding: 'utf8' })
    ) as Verdict[]
  }
  writeFileSync(join(dir, 'receiver.py'), code)
  writeFileSync(
    join(dir, 'harness.py'),
    `import base64, json, sys
sys.path.insert(0, ${JSON.stringify(dir)})
from receiver import ${fn}
data = json.load(open(sys.argv[1]))
out = []
for r in data["cases"]:
    try:
        out.append(${fn}(r["method"], r["url"], [tuple(h) for h in r["headers"]], base64.b64decode(r["body"]), data["secret"], data["now"]))
    except Exception as err:
        out.append("THROW: " + repr(err))
print(json.dumps(out))
`
  )
  return JSON.parse(
    execFileSync(PYTHON ?? 'python3', [join(dir, 'harness.py'), join(dir, 'cases.json')], { encoding: 'utf8' })
  ) as Verdict[]
}

// ---- keys --------------------------------------------------------------------------------------

const pem = (k: KeyObject, type: 'spki' | 'pkcs8'): string => k.export({ type, format: 'pem' }) as string
function keypair(alg: string): { signWith: string; verifyWith: string; other: string } {
  const make = () =>
    alg.startsWith('rsa')
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : alg.startsWith('ecdsa')
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519')
  const a = make()
  const b = make()
  return {
    signWith: pem(a.privateKey, 'pkcs8'),
    verifyWith: pem(a.publicKey, 'spki'),
    other: pem(b.privateKey, 'pkcs8')
  }
}

const asymmetric = (s: SchemeDefinition): boolean => /^(rsa|ecdsa|ed25519)/.test(s.algorithm)

/** The key the receiver is given, in the form the provider hands it out. */
function receiverKey(s: SchemeDefinition, publicPem: string): string {
  const spkiDer = (): Buffer => Buffer.from(publicPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')
  if (s.id === 'trubit-velafi' || s.id === 'alipay') return spkiDer().toString('base64') // bare base64 SPKI
  if (s.id === 'discord') return spkiDer().subarray(-32).toString('hex') // 32-byte hex application key
  return publicPem
}

function secretFor(s: SchemeDefinition, other = false): string {
  if (s.key.form === 'hex')
    return other ? 'ff'.repeat(32) : '44782def547aaa06c910c43932b1eb0c71fc68d9d0c057550c48ec2acf6ba056'
  if (s.key.form === 'base64')
    return (
      (s.key.prefix ?? '') +
      Buffer.from(other ? 'another secret, 24 bytes!' : 'the receiver secret 32 bytes!!!!').toString('base64')
    )
  return other ? 'a-different-secret' : 'receiver-secret-123'
}

// ---- requests ----------------------------------------------------------------------------------

const JSON_BODY = '{"event":"paid","amount":4200,"note":"caf\u00e9 \u{1F600}"}\n'
function baseRequest(s: SchemeDefinition): SignableRequest {
  const req = (body: string, type: string, url = 'https://merchant.example/hooks/in?src=test'): SignableRequest => ({
    method: 'POST',
    url,
    headers: [['Content-Type', type]],
    body: enc(body)
  })
  if (s.items) {
    const item = (psp: string, value: number) => ({
      NotificationRequestItem: {
        pspReference: psp,
        originalReference: '',
        merchantAccountCode: 'AcmeCOM',
        merchantReference: 'order-' + psp,
        amount: { value, currency: 'EUR' },
        eventCode: 'AUTHORISATION',
        success: 'true',
        additionalData: {}
      }
    })
    return req(
      JSON.stringify({
        live: 'false',
        notificationItems: [item('7914073381342284', 4200), item('8814073381342291', 1000)]
      }),
      'application/json'
    )
  }
  if (s.id === 'mailgun')
    return req(
      '{"signature":{"token":"8b8b8b1f0a4d3c2e","timestamp":"0","signature":""},"event-data":{"event":"delivered"}}',
      'application/json'
    )
  if (s.id === 'twilio')
    return req('CallSid=CA123&Digits=2&Digits=1&To=%2B15551234567&Body=hi+there', 'application/x-www-form-urlencoded')
  if (s.id === 'paypro-global')
    return req(
      'ORDER_ID=4200&ORDER_STATUS=Processed&ORDER_TOTAL_AMOUNT=49.99&CUSTOMER_EMAIL=a%40b.test&TEST_MODE=0&IPN_TYPE_NAME=OrderCharged',
      'application/x-www-form-urlencoded'
    )
  if (s.id === 'quoter')
    return req('timestamp=1765097970&data=%7B%22total%22%3A4200%7D', 'application/x-www-form-urlencoded')
  if (s.id === 'alipay')
    return req(
      'notify_id=2026112300222&trade_status=TRADE_SUCCESS&total_amount=88.00&subject=%E6%B5%8B%E8%AF%95&sign_type=RSA2&memo=',
      'application/x-www-form-urlencoded'
    )
  // Headers the scheme signs that signing does not set itself (WeChat Pay's and Lark's nonces).
  const own = [s.timestamp?.header, s.deliveryId?.header, s.signature.header]
    .filter(Boolean)
    .map((h) => h!.toLowerCase())
  const nonces = s.signedContent.flatMap((p) =>
    'part' in p && p.part === 'header' && !own.includes(p.name.toLowerCase()) ? [p.name] : []
  )
  const r = req(JSON_BODY, 'application/json')
  return {
    ...r,
    headers: [...r.headers, ...nonces.map((n): [string, string] => [n, '5K8264ILTKCH16CQ2502SI8ZNMTM67VS'])]
  }
}

/** Extra signed deliveries for schemes with variants, versions or several signature headers. */
async function extraDeliveries(s: SchemeDefinition, material: string): Promise<Case[]> {
  const out: Case[] = []
  for (const alt of s.alternatives ?? []) {
    const form = {
      ...baseRequest(s),
      headers: [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][]
    }
    form.body = enc(
      s.id === 'alipay'
        ? new TextDecoder().decode(baseRequest(s).body)
        : 'data=%7B%22amount%22%3A4200%2C%22team%22%3A%22team.liu%22%7D&merchantNo=500000000000107'
    )
    out.push({
      name: `variant "${alt.label}"`,
      req: (await sign(form, { material }, s, { now: NOW, variant: alt.label })).request
    })
  }
  if (s.bodyDigestQuery) {
    const json: SignableRequest = {
      method: 'POST',
      url: 'https://merchant.example/hooks/in',
      headers: [['Content-Type', 'application/json']],
      body: enc(JSON_BODY)
    }
    const signed = (await sign(json, { material }, s, { now: NOW })).request
    out.push({ name: 'JSON delivery (body digest in the URL)', req: signed })
    out.push({ name: 'JSON delivery, body changed', req: { ...signed, body: enc(JSON_BODY.replace('4200', '4201')) } })
  }
  for (const [version, id] of Object.entries(s.versionedBy?.schemes ?? {})) {
    const signed = (await sign(baseRequest(s), { material }, getScheme(id)!, { now: NOW })).request
    const req = { ...signed, headers: [...signed.headers, [s.versionedBy!.header, version]] as [string, string][] }
    out.push({ name: `version ${version}`, req })
    out.push({
      name: `version ${version}, body changed`,
      req: { ...req, body: enc(JSON_BODY.replace('4200', '4201')) }
    })
  }
  if (s.signature.alsoHeaders) {
    const signed = (await sign(baseRequest(s), { material }, s, { now: NOW })).request
    const moved = signed.headers.map(([n, v]): [string, string] => [
      n.toLowerCase() === s.signature.header!.toLowerCase() ? s.signature.alsoHeaders!.at(-1)! : n,
      v
    ])
    out.push({
      name: `signature in ${s.signature.alsoHeaders.at(-1)}`,
      req: { ...signed, headers: [...moved, [s.signature.header!, 'deadbeef']] }
    })
  }
  for (const [canonical, aliases] of Object.entries(s.headerAliases ?? {})) {
    const signed = (await sign(baseRequest(s), { material }, s, { now: NOW })).request
    const renamed = signed.headers.map(([n, v]): [string, string] => [
      n.toLowerCase() === canonical.toLowerCase() ? aliases[0]! : n,
      v
    ])
    out.push({ name: `${aliases[0]} instead of ${canonical}`, req: { ...signed, headers: renamed } })
  }
  return out
}

function tamperBody(body: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(body)
  if (text.includes('4200')) return enc(text.replace('4200', '4201'))
  if (text.includes('TRADE_SUCCESS')) return enc(text.replace('TRADE_SUCCESS', 'TRADE_CLOSED'))
  if (text.includes('Digits=2')) return enc(text.replace('Digits=2', 'Digits=3'))
  const copy = new Uint8Array(body)
  copy[copy.length - 2] ^= 1
  return copy
}

const sigHeaders = (s: SchemeDefinition): string[] =>
  s.signature.header ? [s.signature.header, ...(s.signature.alsoHeaders ?? [])].map((h) => h.toLowerCase()) : []
const withHeader = (r: SignableRequest, name: string, value: string | null): SignableRequest => ({
  ...r,
  headers: [
    ...r.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()),
    ...(value === null ? [] : [[name, value] as [string, string]])
  ]
})

async function cases(s: SchemeDefinition, material: string, otherMaterial: string): Promise<Case[]> {
  const base = baseRequest(s)
  const signed = (await sign(base, { material }, s, { now: NOW, id: 'msg_2Kq7' })).request
  const list: Case[] = [
    { name: 'signed', req: signed },
    { name: 'body changed by one byte', req: { ...signed, body: tamperBody(signed.body) } },
    {
      name: 'signed with another key',
      req: (await sign(base, { material: otherMaterial }, s, { now: NOW, id: 'msg_2Kq7' })).request
    },
    {
      name: 'header names lower-cased',
      req: { ...signed, headers: signed.headers.map(([n, v]) => [n.toLowerCase(), v]) }
    },
    { name: 'empty body', req: { ...signed, body: new Uint8Array(0) } },
    { name: 'body not JSON', req: { ...signed, body: enc('{"event":') } },
    { name: 'URL changed', req: { ...signed, url: signed.url.replace('/hooks/in', '/hooks/other') } },
    { name: 'method changed', req: { ...signed, method: 'PUT' } }
  ]
  for (const h of sigHeaders(s)) {
    list.push({ name: `no ${h}`, req: withHeader(signed, h, null) })
    list.push({ name: `${h} is not a signature`, req: withHeader(signed, h, '%%%not-a-signature\u202e') })
    list.push({ name: `${h} is empty`, req: withHeader(signed, h, '') })
  }
  const t = s.timestamp
  if (t) {
    const stale = (await sign(base, { material }, s, { now: NOW - 2 * 3600_000 - 1000, id: 'msg_2Kq7' })).request
    list.push({ name: 'signed two hours ago', req: stale })
    list.push({
      name: 'signed two hours ahead',
      req: (await sign(base, { material }, s, { now: NOW + 2 * 3600_000, id: 'msg_2Kq7' })).request
    })
    // Signed over the text "NaN": a receiver that only compares ages would take it (the engine refuses it).
    if (t.unit !== 'rfc3339')
      list.push({
        name: 'signed over a timestamp that is not a number',
        req: (await sign(base, { material }, s, { now: NaN, id: 'msg_2Kq7' })).request
      })
    if (t.header) {
      list.push({ name: 'timestamp not a number', req: withHeader(signed, t.header, 'abc') })
      list.push({ name: 'timestamp missing', req: withHeader(signed, t.header, null) })
      list.push({ name: 'timestamp with a sign', req: withHeader(signed, t.header, '-5') })
    }
  }
  if (s.deliveryId?.header)
    list.push({ name: 'delivery id missing', req: withHeader(signed, s.deliveryId.header, null) })
  return [...list, ...(await extraDeliveries(s, material))]
}

// ---- the test ----------------------------------------------------------------------------------

// Generated receivers do not yet write CRC-32 (PayPal), named JSON pairs with a body-chosen version (Amazon SNS), a timestamp-first list (Recurly), the URL without its query (Plivo) signatures under two keys (PayMongo) headers another header lists (Contentful), a JWS body (Wix), a nonce inside the signature header (NMI) a JSON member's raw text (Exact Online) a JWT carried in a header (FusionAuth) or a signature inside base64 JSON (eBay).
const UNSUPPORTED = [
  'wecom',
  'lazada',
  'tiktok-shop',
  'tiki-tiniapp',
  'paypal',
  'sns',
  'sns-v1',
  'recurly',
  'plivo',
  'paymongo',
  'contentful',
  'wix',
  'tebex',
  'solidgate',
  'treezor',
  'nmi',
  'exact-online',
  'fusionauth',
  'ebay',
  'hygraph'
]
const SUPPORTED = SCHEMES.filter((s) => !UNSUPPORTED.includes(s.id))

describe('receiver code generated from scheme definitions agrees with the app', () => {
  it.each(SUPPORTED.map((s) => [s.id, s] as const))(
    '%s: Node and Python give the engine’s verdict on every case, and never throw',
    async (id, s) => {
      const keys = asymmetric(s) ? keypair(s.algorithm) : null
      const material = keys ? keys.signWith : secretFor(s)
      const other = keys ? keys.other : secretFor(s, true)
      const receiverSecret = keys ? receiverKey(s, keys.verifyWith) : material
      const all = await cases(s, material, other)
      const expected: boolean[] = []
      for (const c of all)
        expected.push((await verify(c.req, [{ material: receiverSecret }], s, { now: NOW, diagnose: false })).valid)
      // The cases mean something: the signed delivery is valid and another key's is not.
      expect(expected[0], `${id}: the engine accepts the signed delivery`).toBe(true)
      expect(expected[2], `${id}: the engine refuses another key's signature`).toBe(false)
      const named = (verdicts: Verdict[]) => Object.fromEntries(all.map((c, i) => [c.name, verdicts[i]]))
      const want = named(expected)
      expect(named(runAll('node', receiverCode(s, 'node').code, nodeName(id), all, receiverSecret)), 'Node').toEqual(
        want
      )
      if (PYTHON || !asymmetric(s))
        expect(
          named(runAll('python', receiverCode(s, 'python').code, pythonName(id), all, receiverSecret)),
          'Python'
        ).toEqual(want)
      else console.warn(`${id}: Python snippet not run — no python3 with the "cryptography" package here`)
      for (const lang of LANGUAGES) {
        try {
          expect(receiverCode(s, lang).code).toContain(id)
        } catch (err) {
          if (!(err instanceof CodegenUnsupported) || lang === 'node' || lang === 'python') throw err
        }
      }
    }
  )

  it('covers every family: HMAC, plain hashes, RSA, ECDSA, Ed25519, tokens, body-carried, per-item and versioned schemes', () => {
    const families = new Set(SUPPORTED.map((s) => s.algorithm.replace(/-.*/, '')))
    expect([...families].sort()).toEqual(
      ['ecdsa', 'ed25519', 'hmac', 'md5', 'rsa', 'sha1', 'sha256', 'sha384', 'sha512', 'token']
        .filter((f) => families.has(f))
        .sort()
    )
    for (const f of ['ecdsa', 'ed25519', 'hmac', 'rsa', 'sha256', 'token']) expect(families.has(f), f).toBe(true)
    expect(SUPPORTED.some((s) => s.signature.jsonField && s.items)).toBe(true)
    expect(SUPPORTED.some((s) => s.signature.jsonField && !s.items)).toBe(true)
    expect(SUPPORTED.some((s) => s.versionedBy)).toBe(true)
  })

  it('says which schemes it cannot write code for, and why', () => {
    for (const id of UNSUPPORTED) expect(() => receiverCode(getScheme(id)!, 'node'), id).toThrow(CodegenUnsupported)
    expect(() => receiverCode(getScheme('tiki-tiniapp')!, 'python')).toThrow(/encoded/)
    expect(() => receiverCode(getScheme('trubit-velafi')!, 'go')).toThrow(/RSA-PKCS1 signatures in Go/)
  })
})
