import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Tunnel, TunnelSetupError, tunnelProvider } from '@main/services/tunnel'
import { cloudflaredTunnel, ngrokTunnel } from '@main/services/tunnel/providers'
import { parseSshTarget } from '@main/services/tunnel/ssh'
import type { TunnelState } from '@shared/model/capture'
import { FIXTURES } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

/** Collects a tunnel's states and resolves when one matches. */
function watch(t: Tunnel) {
  const seen: TunnelState[] = []
  t.on('status', (s) => seen.push(s))
  return {
    seen,
    until: (pred: (s: TunnelState) => boolean) =>
      new Promise<TunnelState>((resolve) => {
        const hit = seen.find(pred)
        if (hit) return resolve(hit)
        const on = (s: TunnelState): void => {
          if (pred(s)) {
            t.off('status', on)
            resolve(s)
          }
        }
        t.on('status', on)
      })
  }
}

describe('cloudflared quick tunnels (recorded output; the binary cannot reach Cloudflare here)', () => {
  it('reads the trycloudflare.com URL from its log, and reconnects when it exits', async () => {
    const dir = tempDir()
    const bin = join(dir, 'cloudflared')
    // A stand-in with cloudflared's interface: prints the recorded log to stderr, checks its arguments, runs until killed.
    writeFileSync(
      bin,
      `#!${process.execPath}\nconst a = process.argv.slice(2)\nif (a[0] !== 'tunnel' || !a.includes('--url') || !/^http:\\/\\/127\\.0\\.0\\.1:4321$/.test(a[a.indexOf('--url') + 1])) { console.error('ERR bad arguments ' + a.join(' ')); process.exit(2) }\nprocess.stderr.write(require('fs').readFileSync(${JSON.stringify(join(FIXTURES, 'cloudflared/quick-tunnel.txt'))}))\nsetInterval(() => {}, 1000)\n`
    )
    chmodSync(bin, 0o755)
    const t = new Tunnel(cloudflaredTunnel(bin), 4321, { backoffMs: () => 60_000 })
    const w = watch(t)
    t.start()
    const first = await w.until((s) => s.status !== 'connecting')
    expect(first).toEqual({ provider: 'cloudflared', status: 'online', publicUrl: 'https://seasonal-deck-organisms-sf.trycloudflare.com', reason: null })
    t.stop()
    expect(t.state.status).toBe('stopped')
  })

  it('a missing binary is a clear, final message with the install pointer', async () => {
    const t = new Tunnel(cloudflaredTunnel(join(tempDir(), 'no-cloudflared-here')), 4321)
    const w = watch(t)
    t.start()
    const failed = await w.until((s) => s.status === 'failed')
    expect(failed.reason).toMatch(/cloudflared is not installed\. Install it from https:\/\/developers\.cloudflare\.com/)
    expect(w.seen.map((s) => s.status)).not.toContain('reconnecting')
  })
})

describe('ngrok through the official agent library (@ngrok/ngrok)', () => {
  it('without an authtoken: a clear, final message', async () => {
    const t = new Tunnel(ngrokTunnel(''), 4321)
    const w = watch(t)
    t.start()
    expect((await w.until((s) => s.status === 'failed')).reason).toContain('ngrok needs an authtoken: store it in Keys under the name "ngrok"')
  })

  it('the real library offline with a made-up authtoken: the reason in ngrok words, retried, never a crash', async () => {
    const t = new Tunnel(ngrokTunnel('2bogusTokenForTests_abcdefghijklmnopqrstu'), 4321, { backoffMs: () => 60_000 })
    const w = watch(t)
    t.start()
    const r = await w.until((s) => s.status === 'reconnecting' || s.status === 'failed')
    expect(r.reason).toMatch(/^ngrok/)
    t.stop()
  })

  it('an authtoken the service refuses is final, not retried', async () => {
    const refused = async () => ({
      forward: async () => {
        throw new Error('ERR_NGROK_105: The authtoken you specified does not look like a proper ngrok authtoken.')
      }
    })
    const t = new Tunnel(ngrokTunnel('bad', refused), 4321)
    const w = watch(t)
    t.start()
    expect((await w.until((s) => s.status === 'failed')).reason).toBe(
      'ngrok refused the authtoken: ERR_NGROK_105: The authtoken you specified does not look like a proper ngrok authtoken.'
    )
  })
})

describe('--tunnel values', () => {
  it('parses ssh targets and refuses anything else with the valid forms', () => {
    expect(parseSshTarget('ssh://deploy@tunnel.example.com:2222')).toEqual({ user: 'deploy', host: 'tunnel.example.com', port: 2222 })
    expect(parseSshTarget('ssh://nokey@localhost.run')).toEqual({ user: 'nokey', host: 'localhost.run', port: 22 })
    expect(() => parseSshTarget('ssh://no-user-host')).toThrow(TunnelSetupError)
    expect(() => tunnelProvider({ tunnel: 'frp' })).toThrow('Unknown tunnel "frp": use ngrok, cloudflared or ssh://USER@HOST[:PORT].')
  })
})
