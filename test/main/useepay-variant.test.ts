import { createSign, generateKeyPairSync } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { useepaySeed } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

// The UseePay seed's form delivery (data=<URL-encoded JSON>), signed over the decoded data value:
// one of the readings the scheme documents for form deliveries.
const form = /^data=%7B.*$/m.exec(useepaySeed())![0]
const data = decodeURIComponent(form.slice('data='.length).replace(/\+/g, ' '))
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const sig = createSign('RSA-SHA256').update(data).sign(privateKey, 'base64')
const LABEL = 'the URL-decoded value of the form field data (the JSON string)'

async function setup(params: Record<string, string>) {
  const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
  await c.start()
  cleanups.push(() => c.close())
  const key = await c.methods.importKey({
    name: 'useepay',
    material: publicKey.export({ type: 'spki', format: 'pem' }) as string
  })
  await c.methods.saveEndpoint({
    name: 'u',
    pathPrefix: '/useepay',
    scheme: 'useepay-v2',
    keyIds: [key.id],
    reply: DEFAULT_REPLY_RULE,
    params
  })
  const res = await fetch(`${c.status().url}/useepay/notify`, {
    method: 'POST',
    body: form,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      sign: sig,
      merchant_no: '500000000009133',
      api_version: '2024-10-10',
      app_id: 'www.pay.com'
    }
  })
  expect(res.status).toBe(200)
  const [row] = (await c.methods.listCaptures({})).items
  const detail = await c.methods.verifyCapture(row!.id, { scheme: 'useepay-v2', keyIds: [key.id], params })
  return { row: row!, detail: detail! }
}

describe('UseePay form deliveries: one verdict, naming the reading, in the list and the detail', () => {
  it('the list badge and the detail agree and name the matched reading', async () => {
    const { row, detail } = await setup({})
    expect(row.verdict).toBe('valid')
    expect(row.verdictReason).toBe(`matched: ${LABEL}`)
    expect(detail.valid).toBe(true)
    expect(detail.variant).toBe(LABEL)
  })

  it('an endpoint that pins the main reading (the raw body) gets invalid in both', async () => {
    const { row, detail } = await setup({ variant: 'main' })
    expect(row.verdict).toBe('invalid')
    expect(detail.valid).toBe(false)
  })
})
