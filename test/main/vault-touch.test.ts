import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { coreSession } from '../helpers/core'

let clock = Date.UTC(2026, 11, 6, 12, 0, 0)
const session = coreSession({ now: () => clock })

describe('"last used" of a key', () => {
  it('is written when a key matches, then at most once a minute (each write is a sync on the thread that answers webhooks)', async () => {
    const { c, url } = await session.start()
    const key = await c.methods.importKey({ name: 'gh', material: 'gh-secret' })
    await c.methods.saveEndpoint({
      name: 'gh',
      pathPrefix: '/gh',
      scheme: 'github',
      keyIds: [key.id],
      reply: DEFAULT_REPLY_RULE,
      params: {},
      forwardTo: null
    })
    const body = '{"action":"opened"}'
    const deliver = () =>
      fetch(`${url}/gh`, {
        method: 'POST',
        body,
        headers: { 'X-Hub-Signature-256': 'sha256=' + createHmac('sha256', 'gh-secret').update(body).digest('hex') }
      })
    const lastUsed = async () => (await c.methods.listKeys())[0]!.lastUsedAt
    const first = clock
    await deliver()
    expect(await lastUsed()).toBe(first)
    clock += 30_000
    await deliver()
    expect(await lastUsed()).toBe(first)
    clock += 31_000
    await deliver()
    expect(await lastUsed()).toBe(clock)
    expect((await c.methods.listCaptures({})).items.map((s) => s.verdict)).toEqual(['valid', 'valid', 'valid'])
  })
})
