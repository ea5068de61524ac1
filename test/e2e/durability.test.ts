import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CaptureStore } from '@main/services/store/capture-store'
import { startHostProcess } from '../helpers/host-process'
import { tempDir } from '../helpers/tmp'

const CONNECTIONS = 16

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Load while the host is SIGKILLed at a random moment: every request that got a 2xx
 * must be in the store after restart.
 */
async function killUnderLoad(round: number): Promise<{ acked: number; stored: number }> {
  const dataDir = tempDir()
  const host = await startHostProcess(dataDir)
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const acked: string[] = []
  const killAfter = 50 + Math.floor(Math.random() * 600)
  let killing: Promise<void> | null = null
  let seq = 0
  const worker = async (): Promise<void> => {
    // Keeps sending until its connection dies with the host.
    for (;;) {
      const target = `/dur/${round}/${seq++}`
      try {
        const status = await post(
          agent,
          new URL(target, host.listenUrl),
          JSON.stringify({ target, pad: 'x'.repeat(256) })
        )
        if (status >= 200 && status < 300) acked.push(target)
      } catch {
        return
      }
      if (!killing && acked.length >= killAfter) killing = host.kill9()
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  await killing
  agent.destroy()
  const store = CaptureStore.open(join(dataDir, 'hookscope.db'))
  const stored = new Set<string>()
  for (let cursor: number | null = null; ;) {
    const page = store.list({ cursor, limit: 500 })
    for (const c of page.items) stored.add(c.target)
    if ((cursor = page.nextCursor) === null) break
  }
  store.close()
  const lost = acked.filter((t) => !stored.has(t))
  expect(lost).toEqual([])
  return { acked: acked.length, stored: stored.size }
}

describe('durability under SIGKILL', () => {
  for (let round = 1; round <= 5; round++) {
    it(`round ${round}: every acknowledged request survives kill -9`, async () => {
      const { acked, stored } = await killUnderLoad(round)
      expect(acked).toBeGreaterThan(0)
      expect(stored).toBeGreaterThanOrEqual(acked)
    })
  }
})
