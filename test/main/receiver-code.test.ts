import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CodegenUnsupported, LANGUAGES, receiverCode } from '@renderer/features/verify/receiver-codegen'
import { getScheme, sign, type SignableRequest } from '@shared/signatures'
import { tempDir } from '../helpers/tmp'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const SECRETS: Record<string, string> = { 'standard-webhooks': 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }
const SCHEMES = [
  'github',
  'stripe',
  'slack',
  'standard-webhooks',
  'shopify',
  'paddle-billing',
  'apsdai',
  'tiki-tikinow',
  'twitch-eventsub',
  'box',
  'zoom',
  'calendly',
  'paystack',
  'hubspot',
  'intercom',
  'typeform',
  'woocommerce'
]

function run(lang: 'node' | 'python', code: string, fn: string, req: SignableRequest, secret: string): string {
  const dir = tempDir()
  const payload = { method: req.method, url: req.url, headers: req.headers, body: Buffer.from(req.body).toString('base64'), secret, now: NOW }
  writeFileSync(join(dir, 'req.json'), JSON.stringify(payload))
  if (lang === 'node') {
    writeFileSync(join(dir, 'receiver.mjs'), code)
    writeFileSync(
      join(dir, 'harness.mjs'),
      `import { readFileSync } from 'node:fs'\nimport { ${fn} } from './receiver.mjs'\nconst r = JSON.parse(readFileSync(process.argv[2], 'utf8'))\nconsole.log(${fn}(r.method, r.url, r.headers, Buffer.from(r.body, 'base64'), r.secret, r.now))\n`
    )
    return execFileSync(process.execPath, [join(dir, 'harness.mjs'), join(dir, 'req.json')], { encoding: 'utf8' }).trim()
  }
  writeFileSync(join(dir, 'receiver.py'), code)
  writeFileSync(
    join(dir, 'harness.py'),
    `import base64, json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nfrom receiver import ${fn}\nr = json.load(open(sys.argv[1]))\nprint(${fn}(r["method"], r["url"], r["headers"], base64.b64decode(r["body"]), r["secret"], r["now"]))\n`
  )
  return execFileSync('python3', [join(dir, 'harness.py'), join(dir, 'req.json')], { encoding: 'utf8' }).trim()
}

const pascal = (id: string) =>
  id
    .split(/[-_]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')

describe('receiver code generated from scheme definitions', () => {
  for (const id of SCHEMES) {
    it(`${id}: the Node and Python snippets accept a signed request and refuse a tampered one`, async () => {
      const scheme = getScheme(id)!
      const secret = SECRETS[id] ?? 'receiver-secret-123'
      const base: SignableRequest = {
        method: 'POST',
        url: 'https://merchant.example/hooks/in',
        headers: [['Content-Type', 'application/json']],
        body: new TextEncoder().encode('{"event":"paid","amount":4200}\n')
      }
      const { request } = await sign(base, { material: secret }, scheme, { now: NOW, id: 'msg_1' })
      const tampered = { ...request, body: new TextEncoder().encode('{"event":"paid","amount":9999}\n') }
      const node = receiverCode(scheme, 'node').code
      const py = receiverCode(scheme, 'python').code
      expect(run('node', node, `verify${pascal(id)}`, request, secret)).toBe('true')
      expect(run('python', py, `verify_${id.replace(/-/g, '_')}`, request, secret)).toBe('True')
      const covers = id !== 'apsdai'
      expect(run('node', node, `verify${pascal(id)}`, tampered, secret)).toBe(covers ? 'false' : 'true')
      expect(run('python', py, `verify_${id.replace(/-/g, '_')}`, tampered, secret)).toBe(covers ? 'False' : 'True')
      for (const lang of LANGUAGES) expect(receiverCode(scheme, lang).code).toContain(id)
    })
  }

  it('says which schemes it cannot write code for, and why', () => {
    expect(() => receiverCode(getScheme('trubit-velafi')!, 'node')).toThrow(CodegenUnsupported)
    expect(() => receiverCode(getScheme('twilio')!, 'python')).toThrow(/form-sorted/)
  })
})
