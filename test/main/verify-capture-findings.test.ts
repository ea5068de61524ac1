import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { tempDir } from '../helpers/tmp'

const cores: HookscopeCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})

async function core() {
  const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
  await c.start()
  cores.push(c)
  return c
}

const BODY = '{"action":"opened","number":7}'
const github = (secret: string) => 'sha256=' + createHmac('sha256', secret).update(BODY).digest('hex')

async function deliver(c: HookscopeCore, signature: string): Promise<number> {
  const res = await fetch(`${c.status().url}/gh/hook`, {
    method: 'POST',
    body: BODY,
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature }
  })
  expect(res.status).toBe(200)
  const { items } = await c.methods.listCaptures({})
  return items[0]!.id
}

describe('verifying a stored capture names what the user can act on', () => {
  it('tries the other stored keys on a mismatch and names the one that matches, masked', async () => {
    const c = await core()
    const bound = await c.methods.importKey({ name: 'staging secret', material: 'staging-secret-1' })
    const other = await c.methods.importKey({ name: 'production secret', material: 'production-secret-2' })
    await c.methods.saveEndpoint({
      name: 'gh',
      pathPrefix: '/gh',
      scheme: 'github',
      keyIds: [bound.id],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    const id = await deliver(c, github('production-secret-2'))
    expect((await c.methods.listCaptures({})).items[0]!.verdict).toBe('invalid')
    const r = (await c.methods.verifyCapture(id, { scheme: 'github', keyIds: [bound.id] }))!
    expect(r.valid).toBe(false)
    const finding = r.diagnosis.find((f) => f.kind === 'other-stored-key')
    expect(finding?.message).toContain('"production secret" matches')
    expect(JSON.stringify(r)).not.toContain('production-secret-2')
    expect(JSON.stringify(r)).not.toContain('staging-secret-1')
    expect(other.id).not.toBe(bound.id)
  })

  it('says nothing about other keys when none of them matches', async () => {
    const c = await core()
    const bound = await c.methods.importKey({ name: 'a', material: 'secret-a' })
    await c.methods.importKey({ name: 'b', material: 'secret-b' })
    await c.methods.saveEndpoint({
      name: 'gh',
      pathPrefix: '/gh',
      scheme: 'github',
      keyIds: [bound.id],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    const id = await deliver(c, github('nobody-has-this'))
    const r = (await c.methods.verifyCapture(id, { scheme: 'github', keyIds: [bound.id] }))!
    expect(r.diagnosis.map((f) => f.kind)).not.toContain('other-stored-key')
  })

  it('points to the earlier capture that carried the same signature', async () => {
    const c = await core()
    const key = await c.methods.importKey({ name: 'gh', material: 'gh-secret' })
    await c.methods.saveEndpoint({
      name: 'gh',
      pathPrefix: '/gh',
      scheme: 'github',
      keyIds: [key.id],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    const first = await deliver(c, github('gh-secret'))
    const second = await deliver(c, github('gh-secret'))
    const again = (await c.methods.verifyCapture(second, { scheme: 'github', keyIds: [key.id] }))!
    expect(again.valid).toBe(true)
    const finding = again.diagnosis.find((f) => f.kind === 'same-signature-earlier')
    expect(finding?.captureId).toBe(first)
    expect(finding?.message).toContain(`Capture #${first}`)
    // The first delivery has no earlier one.
    const original = (await c.methods.verifyCapture(first, { scheme: 'github', keyIds: [key.id] }))!
    expect(original.diagnosis.map((f) => f.kind)).not.toContain('same-signature-earlier')
  })
})
