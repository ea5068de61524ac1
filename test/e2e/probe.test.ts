import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { CLI } from '../helpers/host-process'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const servers: Server[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

/** A receiver written with the official Standard Webhooks SDK, plus a replay cache on webhook-id. */
async function receiver(strict: boolean): Promise<string> {
  const wh = new Webhook(SECRET)
  const seen = new Set<string>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (!strict) return void res.writeHead(200).end('ok')
      try {
        wh.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>)
      } catch {
        return void res.writeHead(401).end('bad signature')
      }
      const id = String(req.headers['webhook-id'])
      if (seen.has(id)) return void res.writeHead(409).end('replay')
      seen.add(id)
      res.writeHead(200).end('ok')
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
}

function probe(url: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'probe', '--scheme', 'standard-webhooks', '--key', SECRET, '--url', url],
      (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout })
    )
  })
}

describe('hookscope probe', () => {
  it('exits 0 against a strict receiver: every forgery refused', async () => {
    const r = await probe(await receiver(true))
    expect(r.stdout).toMatch(/^ok +valid .* 200 \(accepted\)$/m)
    for (const c of ['tampered-body', 'wrong-signature', 'missing-signature', 'stale-timestamp'])
      expect(r.stdout).toMatch(new RegExp(`^ok +${c} .* 401 \\(refused\\)$`, 'm'))
    expect(r.stdout).toMatch(/^ok +replay .* 409 \(refused\)$/m)
    expect(r.code).toBe(0)
  })

  it('exits 1 against a receiver that accepts everything, naming each forgery it accepted', async () => {
    const r = await probe(await receiver(false))
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'The receiver accepted forged deliveries: tampered-body, wrong-signature, missing-signature, stale-timestamp.'
    )
  })

  it('says when nothing listens at the URL', async () => {
    const r = await probe('http://127.0.0.1:9/hooks')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Nothing is listening at 127.0.0.1:9')
  })
})
