import { createHash, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import { classifyKey, KeyImportError, unkeyedFingerprint } from '@main/services/vault/classify'
import { PassphraseBox, SafeStorageBox } from '@main/services/vault/secret-box'
import { DEFAULT_REPLY_RULE } from '@shared/model/vault'
import { replyRule } from '@shared/signatures/provider-data'
import { getScheme } from '@shared/signatures'
import { tempDir } from '../helpers/tmp'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const spkiB64 = (rsa.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')

describe('key fingerprints', () => {
  it('are keyed per installation: a weak secret cannot be guessed from a copied database', async () => {
    const weak = 'password123'
    const unkeyed = createHash('sha256').update(weak).digest('hex').slice(0, 16).match(/.{4}/g)!.join(' ')
    const fps: string[] = []
    for (const dir of [tempDir(), tempDir()]) {
      const core = new HookscopeCore({ dataDir: dir, listen: { port: 0 } })
      const k = await core.methods.importKey({ name: 'weak', material: weak })
      fps.push(k.fingerprint)
      await core.close()
      const again = new HookscopeCore({ dataDir: dir, listen: { port: 0 } })
      expect((await again.methods.listKeys())[0]!.fingerprint).toBe(k.fingerprint)
      await again.close()
      expect(readFileSync(join(dir, 'hookscope.db')).includes(unkeyed)).toBe(false)
    }
    expect(fps[0]).not.toBe(unkeyed)
    expect(fps[0]).not.toBe(fps[1])
  })

  it('stored unkeyed by an earlier version are converted on start', async () => {
    const dir = tempDir()
    const first = new HookscopeCore({ dataDir: dir, listen: { port: 0 } })
    const k = await first.methods.importKey({ name: 'old', material: 'password123' })
    const db = first.store.connection
    db.prepare('UPDATE keys SET fingerprint = ? WHERE id = ?').run(unkeyedFingerprint('password123'), k.id)
    db.prepare("DELETE FROM meta WHERE k = 'fingerprints_keyed'").run()
    await first.close()
    const next = new HookscopeCore({ dataDir: dir, listen: { port: 0 } })
    expect((await next.methods.listKeys())[0]!.fingerprint).toBe(k.fingerprint)
    await next.close()
  })
})

describe('key import', () => {
  it('recognises every supported form and says what it is', () => {
    expect(
      classifyKey(JSON.stringify({ code: 200, msg: 'success', data: { webhookId: 'w1', publicKey: spkiB64 } }))
    ).toMatchObject({
      kind: 'public',
      algorithm: 'RSA 2048',
      publicMaterial: spkiB64
    })
    expect(classifyKey(spkiB64)).toMatchObject({ kind: 'public', algorithm: 'RSA 2048' })
    expect(classifyKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string).kind).toBe('public')
    expect(classifyKey(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string).kind).toBe('public')
    expect(classifyKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toMatchObject({
      kind: 'private',
      algorithm: 'RSA 2048'
    })
    expect(classifyKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).kind).toBe('private')
    const ed = generateKeyPairSync('ed25519')
    expect(classifyKey(JSON.stringify(ed.publicKey.export({ format: 'jwk' })))).toMatchObject({
      kind: 'public',
      algorithm: 'Ed25519'
    })
    expect(classifyKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatchObject({
      kind: 'secret',
      algorithm: 'shared secret (38 chars, whsec_…)'
    })
    expect(classifyKey('plain-secret').kind).toBe('secret')
  })

  it('rejects what it cannot use, clearly', () => {
    expect(() => classifyKey('   ')).toThrow('The key is empty.')
    expect(() => classifyKey('{"nope":1}')).toThrow(/data.publicKey .*JWK/)
    expect(() => classifyKey('{broken')).toThrow('not valid JSON')
    expect(() => classifyKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(KeyImportError)
    expect(() => classifyKey('-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----')).toThrow(
      /Unsupported PEM block/
    )
  })
})

describe('secret boxes', () => {
  it('passphrase: AES-GCM round trip; a wrong passphrase is a clear error', () => {
    const salt = randomBytes(16)
    const sealed = new PassphraseBox('correct horse', salt).seal(new TextEncoder().encode('s3cret'))
    expect(new TextDecoder().decode(new PassphraseBox('correct horse', salt).open(sealed))).toBe('s3cret')
    expect(() => new PassphraseBox('wrong horse!', salt).open(sealed)).toThrow('Wrong passphrase')
    expect(() => new PassphraseBox('short', salt)).toThrow('at least 8')
  })

  it('OS keychain: a basic_text backend is reported as weak', () => {
    const fake = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
      getSelectedStorageBackend: () => 'basic_text'
    }
    const box = new SafeStorageBox(fake)
    expect(box.weak).toBe(true)
    expect(new TextDecoder().decode(box.open(box.seal(new TextEncoder().encode('x'))))).toBe('x')
  })
})

const cores: HookscopeCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
})

async function core(box: PassphraseBox | null = null, dataDir = tempDir()) {
  const c = new HookscopeCore({ dataDir, listen: { port: 0 }, secretBox: box })
  await c.start()
  cores.push(c)
  return { c, dataDir, url: c.status().url! }
}

describe('vault + endpoints through the core', () => {
  it('never writes a canary secret in plaintext to the database or its WAL, and lists it masked', async () => {
    const canary = 'CANARY-' + randomBytes(12).toString('hex')
    for (const box of [null, new PassphraseBox('a long passphrase', randomBytes(16))]) {
      const { c, dataDir } = await core(box)
      const k = await c.methods.importKey({ name: 'canary', material: canary })
      expect(JSON.stringify(await c.methods.listKeys())).not.toContain(canary)
      expect(k.storage).toBe(box ? 'encrypted' : 'session')
      expect(await c.methods.revealKey(k.id)).toBe(canary)
      for (const f of readdirSync(dataDir)) expect(readFileSync(join(dataDir, f)).includes(canary), f).toBe(false)
    }
  })

  it('web mode: session-only until a passphrase is set; the passphrase opens its keys in a later launch', async () => {
    const dataDir = tempDir()
    const first = await core(null, dataDir)
    expect(await first.c.methods.vaultStatus()).toMatchObject({ backend: 'session', persistent: false, warn: true })
    await first.c.methods.useVaultPassphrase('a good long passphrase')
    const k = await first.c.methods.importKey({ name: 'kept', material: 'persisted-secret' })
    expect(k.storage).toBe('encrypted')
    await first.c.close()
    cores.splice(cores.indexOf(first.c), 1)
    const second = await core(null, dataDir)
    await expect(second.c.methods.revealKey(k.id)).rejects.toThrow(/locked/)
    await expect(second.c.methods.useVaultPassphrase('the wrong passphrase')).rejects.toThrow(/Wrong passphrase/)
    await second.c.methods.useVaultPassphrase('a good long passphrase')
    expect(await second.c.methods.revealKey(k.id)).toBe('persisted-secret')
  })

  it('generates TikiNOW-style 32-character secrets and RSA / Ed25519 pairs', async () => {
    const { c } = await core()
    const s = await c.methods.generateKey({ name: 'tiki', kind: 'secret-alnum32' })
    expect(await c.methods.revealKey(s.id)).toMatch(/^[A-Za-z0-9]{32}$/)
    const pair = await c.methods.generateKey({ name: 'rsa', kind: 'rsa-2048' })
    expect(pair).toMatchObject({ kind: 'pair', algorithm: 'RSA 2048' })
    expect(pair.publicKey).toContain('BEGIN PUBLIC KEY')
    expect(await c.methods.revealKey(pair.id)).toContain('BEGIN PRIVATE KEY')
  })

  it('an endpoint answers with its preset and stores the verdict: valid, invalid, possible replay, no key, unsigned', async () => {
    const { c, url } = await core()
    const key = await c.methods.generateKey({ name: 'tiki', kind: 'secret-alnum32' })
    const secret = (await c.methods.revealKey(key.id))!
    await c.methods.saveEndpoint({
      name: 'TikiNOW',
      pathPrefix: '/tiki',
      scheme: 'tiki-tikinow',
      keyIds: [key.id],
      reply: replyRule(getScheme('tiki-tikinow')!)!,
      params: {}
    })
    const body = '{"type":"inventory_stock","qty":11}'
    const sig = 'sha1=' + createHmac('sha1', secret).update(body).digest('hex')
    const post = (path: string, b: string, headers: Record<string, string>) =>
      fetch(url + path, { method: 'POST', body: b, headers })
    const ok = await post('/tiki/stock', body, { 'x-signature': sig })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('{"success":true}')
    expect(ok.headers.get('content-type')).toBe('application/json')
    await post('/tiki/stock', body.replace('11', '12'), { 'x-signature': sig })
    await post('/tiki/stock', body, { 'x-signature': sig })
    await post('/tiki/stock', body, {})
    await post('/github', body, { 'X-Hub-Signature-256': 'sha256=00' })
    await post('/tikinow-other', body, {})
    const items = (await c.methods.listCaptures({})).items.reverse()
    expect(items.map((i) => [i.target, i.verdict, i.verdictReason, i.replay, i.endpointId !== null])).toEqual([
      ['/tiki/stock', 'valid', null, false, true],
      ['/tiki/stock', 'invalid', 'signature-mismatch', true, true],
      ['/tiki/stock', 'valid', null, true, true],
      ['/tiki/stock', 'unsigned', null, false, true],
      ['/github', null, null, false, false],
      ['/tikinow-other', null, null, false, false]
    ])
    expect((await c.methods.listCaptures({ verdict: 'invalid' })).items).toHaveLength(1)
    await c.methods.saveEndpoint({
      name: 'no key',
      pathPrefix: '/nokey',
      scheme: 'github',
      keyIds: [],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    await post('/nokey', body, { 'X-Hub-Signature-256': 'sha256=00' })
    expect((await c.methods.listCaptures({})).items[0]).toMatchObject({ target: '/nokey', verdict: 'no-key' })
    expect((await c.methods.listKeys())[0]!.lastUsedAt).not.toBeNull()
  })

  it('APSDAI: a valid token is stored as not-covered (the body is not signed)', async () => {
    const { c, url } = await core()
    const k = await c.methods.importKey({ name: 'aps', material: 'aps-secret' })
    await c.methods.saveEndpoint({
      name: 'APSDAI',
      pathPrefix: '/apsdai',
      scheme: 'apsdai',
      keyIds: [k.id],
      reply: replyRule(getScheme('apsdai')!)!,
      params: {}
    })
    const ts = String(Date.now())
    const token = encodeURIComponent(createHmac('sha256', 'aps-secret').update(`${ts}\naps-secret`).digest('base64'))
    await fetch(url + '/apsdai/hook', {
      method: 'POST',
      body: '{}',
      headers: { 'X-Apsdai-Timestamp': ts, 'X-Apsdai-Token': token }
    })
    expect((await c.methods.listCaptures({})).items[0]).toMatchObject({ verdict: 'not-covered' })
  })

  it('validates endpoints: prefix shape, duplicates, reply limits', async () => {
    const { c } = await core()
    const reply = DEFAULT_REPLY_RULE
    await expect(
      c.methods.saveEndpoint({ name: 'x', pathPrefix: 'nope', scheme: null, keyIds: [], reply, params: {} })
    ).rejects.toThrow(/must start with "\/"/)
    await c.methods.saveEndpoint({ name: 'a', pathPrefix: '/a', scheme: null, keyIds: [], reply, params: {} })
    await expect(
      c.methods.saveEndpoint({ name: 'b', pathPrefix: '/a', scheme: null, keyIds: [], reply, params: {} })
    ).rejects.toThrow(/already receives at \/a/)
    // The same place written another way (a trailing slash) is refused too, naming the endpoint that has it.
    await expect(
      c.methods.saveEndpoint({ name: 'b', pathPrefix: '/a/', scheme: null, keyIds: [], reply, params: {} })
    ).rejects.toThrow(
      'Endpoint "a" already receives at /a: edit that one, or give this one a longer path (the longest matching prefix wins).'
    )
    // A longer prefix under it is another place: the longest matching prefix wins.
    expect(
      (await c.methods.saveEndpoint({ name: 'ab', pathPrefix: '/a/b', scheme: null, keyIds: [], reply, params: {} }))
        .pathPrefix
    ).toBe('/a/b')
    await expect(
      c.methods.saveEndpoint({ name: 'x', pathPrefix: '/x', scheme: 'no-such-scheme', keyIds: [], reply, params: {} })
    ).rejects.toThrow('There is no signature scheme "no-such-scheme": choose one from the list or add it in Schemes.')
    expect((await c.methods.listEndpoints()).map((e) => e.name)).toEqual(['a', 'ab'])
    await expect(
      c.methods.saveEndpoint({
        name: 'c',
        pathPrefix: '/c',
        scheme: null,
        keyIds: [],
        reply: { ...reply, failureRate: 120 },
        params: {}
      })
    ).rejects.toThrow(/0–100/)
  })
})

describe('custom schemes', () => {
  const def = {
    id: 'acme',
    name: 'ACME',
    algorithm: 'hmac-sha256',
    signedContent: [{ part: 'timestamp' }, { literal: '.' }, { part: 'body' }],
    signature: { header: 'X-Acme-Signature', format: { kind: 'prefixed', prefix: 'v1=' }, encoding: 'base64' },
    timestamp: { header: 'X-Acme-Time', unit: 's', toleranceSec: 300 },
    detect: { headers: ['x-acme-signature'] }
  }

  it('are validated with located errors and cannot shadow a built-in', async () => {
    const { c } = await core()
    await expect(c.methods.saveScheme({ ...def, id: 'stripe' })).rejects.toThrow(/built-in/)
    await expect(c.methods.saveScheme({ ...def, signature: { header: 'X', encoding: 'b32' } })).rejects.toThrow(
      '$.signature.encoding: must be one of'
    )
    expect((await c.methods.saveScheme(def)).id).toBe('acme')
    expect((await c.methods.listSchemes()).map((s) => s.id)).toEqual(['acme'])
  })

  it('keep one name for one scheme: ids and aliases never collide', async () => {
    const { c } = await core()
    await expect(c.methods.saveScheme({ ...def, id: 'clerk' })).rejects.toThrow(/built-in scheme id or alias/)
    await expect(c.methods.saveScheme({ ...def, id: 'acme2', aliases: ['stripe'] })).rejects.toThrow(
      /Alias "stripe" already names the scheme "stripe"/
    )
    await c.methods.saveScheme({ ...def, aliases: ['acme-corp'] })
    await expect(c.methods.saveScheme({ ...def, id: 'acme3', aliases: ['acme-corp'] })).rejects.toThrow(
      /already names the scheme "acme"/
    )
    await expect(c.methods.saveScheme({ ...def, id: 'acme-corp' })).rejects.toThrow(/alias of another of your schemes/)
    expect((await c.methods.listSchemes()).map((s) => s.id)).toEqual(['acme'])
  })

  it('verify deliveries on an endpoint at capture time, and are detected by their headers', async () => {
    const { c, url } = await core()
    await c.methods.saveScheme(def)
    const k = await c.methods.importKey({ name: 'acme', material: 'acme-secret' })
    await c.methods.saveEndpoint({
      name: 'ACME',
      pathPrefix: '/acme',
      scheme: 'acme',
      keyIds: [k.id],
      reply: DEFAULT_REPLY_RULE,
      params: {}
    })
    const t = String(Math.floor(Date.now() / 1000))
    const body = '{"n":1}'
    const sig = 'v1=' + createHmac('sha256', 'acme-secret').update(`${t}.${body}`).digest('base64')
    await fetch(url + '/acme/in', { method: 'POST', body, headers: { 'X-Acme-Time': t, 'X-Acme-Signature': sig } })
    await fetch(url + '/elsewhere', { method: 'POST', body, headers: { 'X-Acme-Time': t, 'X-Acme-Signature': sig } })
    const [other, onEndpoint] = (await c.methods.listCaptures({})).items
    expect(onEndpoint).toMatchObject({ verdict: 'valid', target: '/acme/in' })
    expect(other).toMatchObject({ verdict: null, target: '/elsewhere', endpointId: null })
    const checked = await c.methods.verifyCapture(onEndpoint!.id, { scheme: 'acme', keyIds: [k.id] })
    expect(checked?.valid).toBe(true)
  })
})

describe('settings', () => {
  it('moves the listener to a new port, refuses a non-loopback bind unless confirmed, and applies retention', async () => {
    const { c, url } = await core()
    const before = new URL(url).port
    const s = await c.methods.getSettings()
    await expect(c.methods.updateSettings({ ...s, listenHost: '0.0.0.0' }, false)).rejects.toThrow(
      /reachable from other machines/
    )
    // A new body limit restarts the listener; port 0 then picks a new free port.
    const saved = await c.methods.updateSettings({ ...s, listenPort: 0, bodyLimit: 1024 * 1024, keepLast: 2 }, false)
    expect(saved.keepLast).toBe(2)
    const moved = c.status().url!
    expect(new URL(moved).port).not.toBe(before)
    await expect(fetch(url + '/x', { method: 'POST', body: 'a' })).rejects.toThrow()
    for (let i = 0; i < 3; i++) await fetch(`${moved}/r/${i}`, { method: 'POST', body: 'x' })
    expect((await c.methods.listCaptures({})).items.map((i) => i.target)).toEqual(['/r/2', '/r/1'])
  })
})

describe('retention keeps pinned captures', () => {
  it('prunes to the newest N, but never a pinned capture', async () => {
    const { c, url } = await core()
    await fetch(`${url}/keep-me`, { method: 'POST', body: 'x' })
    const pinned = (await c.methods.listCaptures({})).items[0]!.id
    expect(await c.methods.pinCapture(pinned, true)).toBe(true)
    const s = await c.methods.getSettings()
    await c.methods.updateSettings({ ...s, keepLast: 1 }, false)
    for (let i = 0; i < 3; i++) await fetch(`${url}/n/${i}`, { method: 'POST', body: 'x' })
    expect((await c.methods.listCaptures({})).items.map((i) => [i.target, i.pinned])).toEqual([
      ['/n/2', false],
      ['/keep-me', true]
    ])
  })
})

describe('retention tells the window', () => {
  it('what each commit removed goes out together a few times a second, every id once; Clear all drops what was waiting', async () => {
    const { c, url } = await core()
    const told: (number[] | 'all')[] = []
    c.events.on('captures:removed', ({ ids }) => told.push(ids))
    const s = await c.methods.getSettings()
    await c.methods.updateSettings({ ...s, keepLast: 5 }, false)
    for (let i = 0; i < 60; i++) await fetch(`${url}/n/${i}`, { method: 'POST', body: 'x' })
    const ids = (await c.methods.listCaptures({})).items.map((i) => i.id)
    expect(ids).toHaveLength(5)
    await expect.poll(() => told.flat().length, { timeout: 5000 }).toBe(55)
    expect(new Set(told.flat()).size).toBe(55)
    expect(told.flat().some((id) => ids.includes(id as number))).toBe(false)
    // 60 commits, each removing one: told in a handful of notices, not one per commit.
    expect(told.length).toBeLessThanOrEqual(6)
    // Removed, not told yet, then Clear all: the window hears "all", and nothing after it.
    for (let i = 0; i < 3; i++) await fetch(`${url}/m/${i}`, { method: 'POST', body: 'x' })
    told.length = 0
    await c.methods.clearCaptures()
    expect(told).toEqual(['all'])
    // Closing sends whatever is still waiting: nothing is.
    cores.splice(cores.indexOf(c), 1)
    await c.close()
    expect(told).toEqual(['all'])
  })
})

describe('binding keys to an endpoint', () => {
  it('refuses a key that cannot check the scheme (a secret for RSA, a public key for HMAC, the wrong family), with the reason', async () => {
    const c = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
    try {
      const secret = await c.methods.importKey({ name: 'hmac secret', material: 'shared-secret-123' })
      const rsaKey = await c.methods.importKey({ name: 'rsa public', material: spkiB64 })
      const ed = await c.methods.generateKey({ name: 'ed pair', kind: 'ed25519' })
      const base = { name: 'E', pathPrefix: '/e', reply: DEFAULT_REPLY_RULE, params: {} }
      await expect(c.methods.saveEndpoint({ ...base, scheme: 'trubit-velafi', keyIds: [secret.id] })).rejects.toThrow(
        /"hmac secret" is a shared secret; trubit-velafi \(rsa-pkcs1-sha256\) verifies with a public key/
      )
      await expect(c.methods.saveEndpoint({ ...base, scheme: 'github', keyIds: [rsaKey.id] })).rejects.toThrow(
        /needs a shared secret/
      )
      await expect(c.methods.saveEndpoint({ ...base, scheme: 'trubit-velafi', keyIds: [ed.id] })).rejects.toThrow(
        /"ed pair" is Ed25519; .* needs an RSA key/
      )
      expect(await c.methods.listEndpoints()).toEqual([])
      expect((await c.methods.saveEndpoint({ ...base, scheme: 'trubit-velafi', keyIds: [rsaKey.id] })).keyIds).toEqual([
        rsaKey.id
      ])
      expect(
        (await c.methods.saveEndpoint({ ...base, pathPrefix: '/g', scheme: 'github', keyIds: [secret.id] })).keyIds
      ).toEqual([secret.id])
    } finally {
      await c.close()
    }
  })
})
