import { spawnSync } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Tunnel, TunnelSetupError, tunnelProvider } from '@main/services/tunnel'
import { cloudflaredTunnel, ngrokTunnel } from '@main/services/tunnel/providers'
import { CONNECT_TIMEOUT_S, parseSshTarget, sshTunnel } from '@main/services/tunnel/ssh'
import type { TunnelState } from '@shared/model/capture'
import { FIXTURES } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const hasSsh = spawnSync('ssh', ['-V'], { stdio: 'ignore' }).status === 0

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
    expect(first).toEqual({
      provider: 'cloudflared',
      status: 'online',
      publicUrl: 'https://seasonal-deck-organisms-sf.trycloudflare.com',
      permanentUrl: null,
      reason: null
    })
    t.stop()
    expect(t.state.status).toBe('stopped')
  })

  it('a missing binary is a clear, final message with the install pointer', async () => {
    const t = new Tunnel(cloudflaredTunnel(join(tempDir(), 'no-cloudflared-here')), 4321)
    const w = watch(t)
    t.start()
    const failed = await w.until((s) => s.status === 'failed')
    expect(failed.reason).toMatch(
      /cloudflared is not installed\. Install it from https:\/\/developers\.cloudflare\.com/
    )
    expect(w.seen.map((s) => s.status)).not.toContain('reconnecting')
  })
})

describe('ngrok through the official agent library (@ngrok/ngrok)', () => {
  it('without an authtoken: a clear, final message', async () => {
    const t = new Tunnel(ngrokTunnel(''), 4321)
    const w = watch(t)
    t.start()
    expect((await w.until((s) => s.status === 'failed')).reason).toContain(
      'ngrok needs an authtoken: store it in Keys under the name "ngrok"'
    )
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
    expect(parseSshTarget('ssh://deploy@tunnel.example.com:2222')).toEqual({
      user: 'deploy',
      host: 'tunnel.example.com',
      port: 2222
    })
    expect(parseSshTarget('ssh://nokey@localhost.run')).toEqual({ user: 'nokey', host: 'localhost.run', port: 22 })
    expect(() => parseSshTarget('ssh://no-user-host')).toThrow(TunnelSetupError)
    expect(() => tunnelProvider({ tunnel: 'frp' })).toThrow(
      'Unknown tunnel "frp": use ngrok, cloudflared or ssh://USER@HOST[:PORT].'
    )
  })
})

describe('tunnel targets and runs are bounded', () => {
  it('an ssh target is parsed part by part: no user that ssh would read as an option, ports 1–65535, clear %-escape errors', () => {
    const refused: [string, RegExp][] = [
      ['ssh://-oProxyCommand=touch%20x@host', /starts with "-", which ssh would read as an option/],
      ['ssh://%2DoProxyCommand@host', /starts with "-"/],
      ['ssh://us%ZZer@host', /broken %-escape/],
      ['ssh://user@host:0', /port "0" is not 1–65535/],
      ['ssh://user@host:99999', /port "99999" is not 1–65535/],
      ['ssh://user@host:', /is not 1–65535/],
      ['ssh://user@-host', /"-host" is not a host name/],
      ['ssh://us er@host', /is not an SSH tunnel target/],
      ['ssh://user@[host]', /is not a host name/]
    ]
    for (const [target, why] of refused) {
      let err: unknown
      try {
        parseSshTarget(target)
      } catch (e) {
        err = e
      }
      expect(err, target).toBeInstanceOf(TunnelSetupError)
      expect((err as Error).message, target).toMatch(why)
    }
    expect(parseSshTarget('ssh://a.b-c@[::1]:65535')).toEqual({ user: 'a.b-c', host: '::1', port: 65535 })
  })

  it('ssh gets "--" before the destination, and a bounded connect timeout', async () => {
    const dir = tempDir()
    const bin = join(dir, 'ssh')
    const argsFile = join(dir, 'args.json')
    writeFileSync(
      bin,
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)))\nconsole.error('Permission denied (publickey).')\nprocess.exit(255)\n`
    )
    chmodSync(bin, 0o755)
    const t = new Tunnel(sshTunnel({ user: 'deploy', host: 'example.test', port: 22, bin }), 4321)
    const w = watch(t)
    t.start()
    expect((await w.until((s) => s.status === 'failed')).reason).toBe('SSH: Permission denied (publickey).')
    const args = JSON.parse(readFileSync(argsFile, 'utf8')) as string[]
    expect(args.slice(-2)).toEqual(['--', 'deploy@example.test'])
    expect(args).toContain(`ConnectTimeout=${CONNECT_TIMEOUT_S}`)
  })

  it('a tool that keeps failing ends "failed" after the retry limit, with the last reason', async () => {
    const dir = tempDir()
    const bin = join(dir, 'cloudflared')
    writeFileSync(
      bin,
      `#!${process.execPath}\nconsole.error('2026-12-06T00:00:00Z ERR failed to reach the edge')\nprocess.exit(1)\n`
    )
    chmodSync(bin, 0o755)
    const t = new Tunnel(cloudflaredTunnel(bin), 4321, { backoffMs: () => 5, maxAttempts: 3 })
    const w = watch(t)
    t.start()
    const failed = await w.until((s) => s.status === 'failed')
    expect(failed.reason).toBe('Gave up after 3 attempts in a row. Last: cloudflared: failed to reach the edge')
    expect(w.seen.filter((s) => s.status === 'reconnecting')).toHaveLength(2)
  })

  it.runIf(hasSsh)(
    'an SSH server that accepts but never speaks: the start times out, is retried, then fails with the reason',
    async () => {
      const silent = createServer((socket) => void socket.on('error', () => undefined))
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
      const sockets: Socket[] = []
      silent.on('connection', (s) => sockets.push(s))
      try {
        const port = (silent.address() as AddressInfo).port
        const t = new Tunnel(sshTunnel({ user: 'tester', host: '127.0.0.1', port }), 4321, {
          handshakeMs: 1500,
          maxAttempts: 2,
          backoffMs: () => 5
        })
        const w = watch(t)
        t.start()
        const failed = await w.until((s) => s.status === 'failed')
        expect(failed.reason).toBe(
          'Gave up after 2 attempts in a row. Last: ssh: no public URL within 2 s (the server did not answer).'
        )
        expect(sockets.length).toBe(2)
      } finally {
        for (const s of sockets) s.destroy()
        await new Promise((r) => silent.close(r))
      }
    }
  )
})

/** A stand-in tunnel tool: records its arguments and TUNNEL_TOKEN, prints `lines` to stderr, runs until stopped. */
function standIn(name: string, lines: string[]): { bin: string; seen: () => { args: string[]; token: string | null } } {
  const dir = tempDir()
  const bin = join(dir, name)
  const file = join(dir, 'seen.json')
  writeFileSync(
    bin,
    `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify({ args: process.argv.slice(2), token: process.env.TUNNEL_TOKEN ?? null }))\nprocess.stderr.write(${JSON.stringify(lines.join('\n') + '\n')})\nsetInterval(() => {}, 1000)\n`
  )
  chmodSync(bin, 0o755)
  return { bin, seen: () => JSON.parse(readFileSync(file, 'utf8')) as { args: string[]; token: string | null } }
}

describe('a permanent public URL: the same after every restart', () => {
  it('a Cloudflare named tunnel runs with its token in the environment (never in its arguments) and is up at its hostname once registered', async () => {
    const tool = standIn('cloudflared', [
      '2026-12-06T10:00:00Z INF Starting tunnel tunnelID=6ff42ae2',
      '2026-12-06T10:00:01Z INF Registered tunnel connection connIndex=0 location=sin01'
    ])
    const t = new Tunnel(
      cloudflaredTunnel(tool.bin, { hostname: 'hooks.example.com', token: () => 'eyJhIjoiMTIzIn0' }),
      4321,
      {
        backoffMs: () => 60_000
      }
    )
    expect(t.state.permanentUrl).toBe('https://hooks.example.com')
    const w = watch(t)
    t.start()
    expect(await w.until((s) => s.status !== 'connecting')).toMatchObject({
      status: 'online',
      publicUrl: 'https://hooks.example.com',
      permanentUrl: 'https://hooks.example.com'
    })
    t.stop()
    const { args, token } = tool.seen()
    expect(args).toEqual(['tunnel', '--no-autoupdate', 'run', '--url', 'http://127.0.0.1:4321'])
    expect(token).toBe('eyJhIjoiMTIzIn0')
  })

  it('a named tunnel without its token fails once, saying where the token goes', async () => {
    const t = new Tunnel(cloudflaredTunnel('cloudflared', { hostname: 'hooks.example.com', token: () => '' }), 4321)
    const w = watch(t)
    t.start()
    const failed = await w.until((s) => s.status === 'failed')
    expect(failed.reason).toBe(
      'The named tunnel for hooks.example.com needs its token: store it in Keys under the name "cloudflared", or set TUNNEL_TOKEN.'
    )
    expect(w.seen.map((s) => s.status)).not.toContain('reconnecting')
  })

  it('ngrok with a reserved domain asks the agent for it', async () => {
    const configs: unknown[] = []
    const agent = async () => ({
      forward: async (config: { domain?: string }) => {
        configs.push(config)
        return { url: () => `https://${config.domain}`, close: async () => undefined }
      }
    })
    const t = new Tunnel(ngrokTunnel('token', agent, 'hooks.ngrok.app'), 4321)
    const w = watch(t)
    t.start()
    expect(await w.until((s) => s.status === 'online')).toMatchObject({
      publicUrl: 'https://hooks.ngrok.app',
      permanentUrl: 'https://hooks.ngrok.app'
    })
    expect(configs).toEqual([expect.objectContaining({ addr: 4321, authtoken: 'token', domain: 'hooks.ngrok.app' })])
    t.stop()
  })

  it('ssh with a fixed remote port forwards that port every time; a host in front of it is the URL', async () => {
    const tool = standIn('ssh', ['debug1: remote forward success for: listen 8080, connect 127.0.0.1:4321'])
    const plain = new Tunnel(
      sshTunnel({ user: 'deploy', host: 'tunnel.example.com', port: 22, remotePort: 8080, bin: tool.bin }),
      4321,
      {
        backoffMs: () => 60_000
      }
    )
    const w = watch(plain)
    plain.start()
    expect(await w.until((s) => s.status === 'online')).toMatchObject({
      publicUrl: 'http://tunnel.example.com:8080',
      permanentUrl: 'http://tunnel.example.com:8080'
    })
    plain.stop()
    const args = tool.seen().args
    expect(args[args.indexOf('-R') + 1]).toBe('8080:127.0.0.1:4321')
    const fronted = new Tunnel(
      sshTunnel({
        user: 'deploy',
        host: 'tunnel.example.com',
        port: 22,
        remotePort: 8080,
        publicHost: 'hooks.example.com',
        bin: tool.bin
      }),
      4321,
      { backoffMs: () => 60_000 }
    )
    const f = watch(fronted)
    fronted.start()
    expect(await f.until((s) => s.status === 'online')).toMatchObject({ publicUrl: 'https://hooks.example.com' })
    fronted.stop()
  })

  it('permanent settings that cannot work are refused before anything starts', () => {
    expect(() => tunnelProvider({ tunnel: 'ngrok', remotePort: 8080 })).toThrow(
      'A fixed remote port is for SSH tunnels'
    )
    expect(() => tunnelProvider({ tunnel: 'cloudflared', publicHost: 'not a host' })).toThrow(
      '"not a host" is not a host name'
    )
    expect(() => tunnelProvider({ tunnel: 'ssh://u@h', publicHost: 'hooks.example.com' })).toThrow(
      'needs the fixed remote port'
    )
    expect(() => tunnelProvider({ tunnel: 'ssh://u@h', remotePort: 70000 })).toThrow('The remote port must be 1–65535.')
    expect(tunnelProvider({ tunnel: 'cloudflared', publicHost: 'https://Hooks.Example.com/' }).permanentUrl).toBe(
      'https://hooks.example.com'
    )
    expect(tunnelProvider({ tunnel: 'ssh://u@h', remotePort: 9000 }).permanentUrl).toBe('http://h:9000')
  })
})
