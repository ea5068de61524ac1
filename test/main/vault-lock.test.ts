import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { dispatch } from '@main/api/dispatch'
import type { CaptureSummary } from '@shared/model/capture'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { tempDir } from '../helpers/tmp'

/** Every signature here is made and checked at this instant. */
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const SECRET = 'whsec_hookscope_vault_lock'
const cores: HookscopeCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})

async function start(dataDir: string): Promise<HookscopeCore> {
  const c = new HookscopeCore({ dataDir, listen: { port: 0 }, now: () => NOW })
  cores.push(c)
  await c.start()
  return c
}

/** A Stripe-signed delivery (t = NOW) to the listener; resolves with the stored summary. */
async function deliver(c: HookscopeCore, path: string, secret = SECRET): Promise<CaptureSummary> {
  const body = JSON.stringify({ id: 'evt_1', type: 'invoice.paid' })
  const t = Math.floor(NOW / 1000)
  const sig = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  const added = new Promise<CaptureSummary>((resolve) => {
    const off = c.events.on('captures:added', (s) => {
      off()
      resolve(s[0]!)
    })
  })
  const res = await fetch(new URL(path, c.status().url!), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${sig}` },
    body
  })
  expect(res.status).toBe(200)
  return added
}

const endpoint = (keyIds: number[]) => ({
  name: 'Stripe',
  pathPrefix: '/stripe',
  scheme: 'stripe',
  keyIds,
  reply: DEFAULT_REPLY_RULE,
  params: {}
})

describe('vault state you can see (web mode: no OS keychain)', () => {
  it('asks once; a passphrase vault is locked after a restart, its verdicts say key-locked, and unlocking re-verifies them', async () => {
    const dir = tempDir()
    const first = await start(dir)
    expect(await first.methods.vaultStatus()).toMatchObject({ choice: 'ask', locked: false })
    await first.methods.useVaultPassphrase('correct horse battery')
    const key = await first.methods.importKey({ name: 'stripe test', material: SECRET })
    await first.methods.saveEndpoint(endpoint([key.id]))
    expect((await deliver(first, '/stripe/before')).verdict).toBe('valid')
    await first.close()
    cores.splice(0)

    const second = await start(dir)
    expect(await second.methods.vaultStatus()).toMatchObject({ choice: 'passphrase', locked: true, lockedKeys: 1 })
    expect((await second.methods.listKeys())[0]).toMatchObject({ name: 'stripe test', state: 'locked' })
    const locked = await deliver(second, '/stripe/after')
    expect(locked.verdict).toBe('key-locked')

    const updated: CaptureSummary[] = []
    second.events.on('captures:updated', (s) => updated.push(...s))
    await expect(second.methods.useVaultPassphrase('wrong passphrase!')).rejects.toThrow(/Wrong passphrase/)
    expect(await second.methods.vaultStatus()).toMatchObject({ locked: true })
    await second.methods.useVaultPassphrase('correct horse battery')
    await expect.poll(() => updated.find((s) => s.id === locked.id)?.verdict).toBe('valid')
    expect((await second.methods.getCapture(locked.id))!.verdict).toBe('valid')
    expect(await second.methods.vaultStatus()).toMatchObject({ locked: false, lockedKeys: 0 })
    expect((await second.methods.listKeys())[0]!.state).toBe('ready')
  })

  it('"this session only" is remembered; its keys are gone after a restart and say so', async () => {
    const dir = tempDir()
    const first = await start(dir)
    expect(await first.methods.keepKeysForSession()).toMatchObject({ choice: 'session', persistent: false })
    const key = await first.methods.importKey({ name: 'short-lived', material: SECRET })
    expect(key).toMatchObject({ storage: 'session', state: 'ready' })
    await first.close()
    cores.splice(0)
    const second = await start(dir)
    expect(await second.methods.vaultStatus()).toMatchObject({ choice: 'session', locked: false })
    expect((await second.methods.listKeys())[0]!.state).toBe('lost')
  })

  it('Re-verify checks captures again with the endpoint as it is now: by ids, and a whole endpoint', async () => {
    const c = await start(tempDir())
    await c.methods.keepKeysForSession()
    const wrong = await c.methods.importKey({ name: 'wrong', material: 'not the secret' })
    const ep = await c.methods.saveEndpoint(endpoint([wrong.id]))
    const a = await deliver(c, '/stripe/a')
    const b = await deliver(c, '/stripe/b')
    const other = await deliver(c, '/elsewhere')
    expect([a.verdict, b.verdict, other.verdict]).toEqual(['invalid', 'invalid', null])

    const right = await c.methods.importKey({ name: 'right', material: SECRET })
    await c.methods.saveEndpoint({ ...endpoint([right.id]), id: ep.id })
    // Binding the right key re-verifies the endpoint's captures in the background: no step for the user.
    await expect
      .poll(async () => [(await c.methods.getCapture(a.id))!.verdict, (await c.methods.getCapture(b.id))!.verdict])
      .toEqual(['valid', 'valid'])
    // Re-verify on demand says what it did.
    expect(await c.methods.reverifyCaptures({ ids: [a.id] })).toEqual({ adopted: 0, checked: 1, changed: 0, valid: 1 })
    expect(await c.methods.reverifyCaptures({ endpointId: ep.id })).toEqual({
      adopted: 0,
      checked: 2,
      changed: 0,
      valid: 2
    })
    expect((await c.methods.getCapture(other.id))!.verdict).toBeNull()
    await expect(dispatch(c.methods, 'reverifyCaptures', [{}])).rejects.toThrow(/give ids, an endpoint or a verdict/)
  })
})
