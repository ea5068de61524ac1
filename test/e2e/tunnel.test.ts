import { execFile, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser'
import { CLI, ROOT, startHostProcess, type HostProcess } from '../helpers/host-process'
import { TestSshServer } from '../helpers/ssh-server'
import { suiteDir, tempDir } from '../helpers/tmp'
import { readWireResponse } from '@shared/api/wire'

const run = promisify(execFile)
const hasSsh = spawnSync('ssh', ['-V'], { stdio: 'ignore' }).status === 0
const publicUrls = (out: string): string[] => [...out.matchAll(/Public URL: (\S+)/g)].map((m) => m[1]!)

describe.runIf(hasSsh)('a public URL through a real SSH reverse tunnel (system ssh → ssh2 server on loopback)', () => {
  let browser: Browser
  let host: HostProcess
  const ssh = new TestSshServer()
  const dataDir = suiteDir()

  beforeAll(async () => {
    await ssh.start()
    const { identity, knownHosts } = ssh.files(suiteDir())
    browser = await launchChromium()
    host = await startHostProcess(dataDir, [
      '--tunnel',
      `ssh://tester@127.0.0.1:${ssh.port}`,
      '--tunnel-identity',
      identity,
      '--tunnel-known-hosts',
      knownHosts
    ])
  })
  afterAll(async () => {
    await host?.interrupt()
    await browser?.close()
    await ssh.stop()
  })

  it('prints the public URL; a webhook sent to it is captured byte-exact and shown with the tunnel online; a dropped tunnel reconnects', async () => {
    await expect.poll(() => publicUrls(host.output()).length, { timeout: 20_000 }).toBe(1)
    const publicUrl = publicUrls(host.output())[0]!
    expect(publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(publicUrl).not.toBe(new URL(host.listenUrl).origin)

    // Through the tunnel: exact bytes, the original Host header kept as sent.
    const body = Buffer.concat([Buffer.from('{"event":"paid","blob":"'), randomBytes(64), Buffer.from('"}')])
    const res = await fetch(`${publicUrl}/tunnel/hook?x=1`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/octet-stream', 'X-Tunnel-Test': 'yes' }
    })
    expect(res.status).toBe(200)
    const { stdout } = await run(process.execPath, [CLI, 'export', '--data-dir', dataDir, '--format', 'ndjson'], {
      maxBuffer: 16 * 1024 * 1024
    })
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { target: string; rawHeaders: [string, string][]; bodyBase64: string })
    const row = rows.find((r) => r.target === '/tunnel/hook?x=1')!
    expect(Buffer.from(row.bodyBase64, 'base64').equals(body)).toBe(true)
    expect(row.rawHeaders).toContainEqual(['host', new URL(publicUrl).host])

    // The UI port is not what the tunnel serves: a GET / through it is a capture, not the UI page.
    const root = await fetch(`${publicUrl}/`)
    expect(root.headers.get('content-type') ?? '').not.toContain('text/html')
    expect(await root.text()).not.toContain('<div id="root">')

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(host.openUrl)
    await expect.poll(() => page.getByTestId('tunnel').getAttribute('data-status')).toBe('online')
    expect(await page.getByTestId('public-url').textContent()).toBe(publicUrl)
    await page.locator('[data-capture-id]').filter({ hasText: '/tunnel/hook' }).first().waitFor()

    // Each endpoint shows its full public URL; registration templates point at it.
    await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
    await page.getByLabel('Endpoint name').fill('TruBit')
    await page.getByLabel('Path prefix').fill('/trubit')
    await page.getByLabel('Endpoint scheme').selectOption('trubit-velafi')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await expect.poll(() => page.getByTestId('endpoint-public-url').first().textContent()).toBe(`${publicUrl}/trubit`)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(ROOT, 'docs', `tunnel${scheme === 'dark' ? '-dark' : ''}.png`) })
    }
    await page.getByRole('button', { name: 'Compose', exact: true }).click()
    await page.getByLabel('Template').selectOption('trubit-create-webhook')
    await expect.poll(() => page.locator('.cm-content').first().textContent()).toContain(`"url": "${publicUrl}/trubit"`)
    expect(await page.getByTestId('registration-notes').textContent()).toContain('(the tunnel’s public URL)')
    await page.getByRole('button', { name: 'Captures', exact: true }).click()

    // The SSH server goes away: "reconnecting"; it comes back: a public URL again, printed again.
    await ssh.stop()
    await expect
      .poll(() => page.getByTestId('tunnel').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('reconnecting')
    expect(host.output()).toMatch(/Tunnel reconnecting: SSH: /)
    await ssh.start()
    await expect.poll(() => publicUrls(host.output()).length, { timeout: 30_000 }).toBe(2)
    await expect.poll(() => page.getByTestId('tunnel').getAttribute('data-status')).toBe('online')
    const again = publicUrls(host.output())[1]!
    expect(await page.getByTestId('public-url').textContent()).toBe(again)
    expect((await fetch(`${again}/tunnel/after-reconnect`, { method: 'POST', body: 'ok' })).status).toBe(200)
    await page.locator('[data-capture-id]').filter({ hasText: '/tunnel/after-reconnect' }).first().waitFor()

    // Stopped from the app: the public URL goes, capture goes on.
    await page.getByRole('button', { name: 'Stop tunnel' }).click()
    await page.getByRole('button', { name: 'Make public…' }).waitFor()
    expect(await page.getByTestId('tunnel').count()).toBe(0)
    await page.context().close()
  })
})

/** A method of the host's web API, as the page calls it. */
async function hostApi(h: HostProcess, channel: string, ...args: unknown[]): Promise<unknown> {
  const token = new URL(h.openUrl).searchParams.get('token')!
  const res = await fetch(`${h.uiUrl}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: h.uiUrl, 'X-Hookscope-Token': token },
    body: JSON.stringify({ args })
  })
  const r = (await readWireResponse<{ ok: boolean; value?: unknown; error?: { message: string } }>(res)) as {
    ok: boolean
    value?: unknown
    error?: { message: string }
  }
  if (!r.ok) throw new Error(r.error?.message)
  return r.value
}

async function freePort(): Promise<number> {
  const s = createNetServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise((r) => s.close(r))
  return port
}

describe.runIf(hasSsh)('a permanent public URL: a fixed SSH remote port, started from the app', () => {
  it('is the same after a restart (the tunnel starts again by itself); stopped from the app, it stays stopped', async () => {
    const ssh = new TestSshServer()
    await ssh.start()
    const { identity, knownHosts } = ssh.files(tempDir())
    const dataDir = tempDir()
    const port = await freePort()
    const fixed = `http://127.0.0.1:${port}`
    let h = await startHostProcess(dataDir)
    try {
      await hostApi(h, 'tunnel:start', {
        tunnel: `ssh://tester@127.0.0.1:${ssh.port}`,
        identityFile: identity,
        knownHostsFile: knownHosts,
        remotePort: port
      })
      await expect.poll(() => publicUrls(h.output()), { timeout: 20_000 }).toEqual([fixed])
      expect(h.output()).toContain('permanent: the same after a restart')
      expect((await fetch(`${fixed}/permanent/first`, { method: 'POST', body: 'one' })).status).toBe(200)
      expect(await h.interrupt()).toBe(0)

      // Restarted without --tunnel: the tunnel the app started comes back, at the same URL.
      h = await startHostProcess(dataDir)
      await expect.poll(() => publicUrls(h.output()), { timeout: 20_000 }).toEqual([fixed])
      expect((await fetch(`${fixed}/permanent/second`, { method: 'POST', body: 'two' })).status).toBe(200)
      const status = (await hostApi(h, 'app:status')) as { tunnel: { permanentUrl: string | null; status: string } }
      expect(status.tunnel).toMatchObject({ status: 'online', permanentUrl: fixed })
      const targets = ((await hostApi(h, 'captures:list', {})) as { items: { target: string }[] }).items.map(
        (c) => c.target
      )
      expect(targets).toEqual(['/permanent/second', '/permanent/first'])

      // Stopped from the app: not started at the next launch.
      await hostApi(h, 'tunnel:stop')
      expect(await h.interrupt()).toBe(0)
      h = await startHostProcess(dataDir)
      expect(((await hostApi(h, 'app:status')) as { tunnel: unknown }).tunnel ?? null).toBeNull()
    } finally {
      await h.interrupt()
      await ssh.stop()
    }
  })
})

/** `hookscope serve` with a fresh data directory, tunnelled through `ssh` as the test user. */
const sshTunnelHost = (ssh: TestSshServer, identity: string, knownHosts: string): Promise<HostProcess> =>
  startHostProcess(tempDir(), [
    '--tunnel',
    `ssh://tester@127.0.0.1:${ssh.port}`,
    '--tunnel-identity',
    identity,
    '--tunnel-known-hosts',
    knownHosts
  ])

/** Pids of running processes whose command line has every one of `parts` (Linux /proc). */
function pidsWith(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')
        return parts.every((p) => cmd.includes(p)) && readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]![0] !== 'Z'
      } catch {
        return false
      }
    })
    .map(Number)
}

describe.runIf(hasSsh && process.platform === 'linux')('the ssh child dies with the host', () => {
  it('a host killed with SIGKILL takes its ssh -R with it: the remote port stops forwarding', async () => {
    const ssh = new TestSshServer()
    await ssh.start()
    const { identity, knownHosts } = ssh.files(tempDir())
    const h = await sshTunnelHost(ssh, identity, knownHosts)
    try {
      await expect.poll(() => publicUrls(h.output()).length, { timeout: 20_000 }).toBe(1)
      const publicUrl = publicUrls(h.output())[0]!
      expect((await fetch(`${publicUrl}/before-kill`, { method: 'POST', body: 'x' })).status).toBe(200)
      const sshPids = pidsWith('tester@127.0.0.1', String(ssh.port))
      expect(sshPids.length).toBeGreaterThan(0)
      await h.kill9()
      await expect.poll(() => pidsWith('tester@127.0.0.1', String(ssh.port)), { timeout: 10_000 }).toEqual([])
      // Nothing answers there any more: refused, or (the server not yet aware its client is gone) never answered.
      const attempt = () =>
        fetch(`${publicUrl}/after-kill`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(1000) }).then(
          () => 'answered',
          () => 'not answered'
        )
      await expect.poll(attempt, { timeout: 10_000, interval: 200 }).toBe('not answered')
    } finally {
      await ssh.stop()
    }
  })
})

describe('tunnel tools that cannot run say why, and the host keeps capturing', () => {
  it('an unknown host key is refused once, clearly, without retrying; capture goes on', async () => {
    const ssh = new TestSshServer()
    await ssh.start()
    const dir = tempDir()
    const { identity } = ssh.files(dir)
    const empty = join(dir, 'empty_known_hosts')
    await run('touch', [empty])
    const h = await sshTunnelHost(ssh, identity, empty)
    try {
      await expect
        .poll(() => h.output(), { timeout: 20_000 })
        .toMatch(/Tunnel failed: SSH: Host key verification failed/)
      expect(h.output()).not.toMatch(/Tunnel reconnecting/)
      expect((await fetch(`${h.listenUrl}/still-capturing`, { method: 'POST', body: 'x' })).status).toBe(200)
    } finally {
      await h.interrupt()
      await ssh.stop()
    }
  })

  it.runIf(spawnSync('cloudflared', ['--version'], { stdio: 'ignore' }).error !== undefined)(
    'started from the app without cloudflared installed: the sidebar says how to install it',
    async () => {
      const h = await startHostProcess(tempDir())
      const browser = await launchChromium()
      try {
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
        await page.goto(h.openUrl)
        await page.getByRole('button', { name: 'Make public…' }).click()
        await page.getByLabel('Tunnel', { exact: true }).selectOption('cloudflared')
        await page.getByRole('button', { name: 'Start', exact: true }).click()
        await expect.poll(() => page.getByTestId('tunnel').getAttribute('data-status')).toBe('failed')
        expect(await page.getByTestId('tunnel-state').textContent()).toContain('cloudflared is not installed')
        expect((await fetch(`${h.listenUrl}/still-capturing`, { method: 'POST', body: 'x' })).status).toBe(200)
        // A named tunnel (a permanent hostname) without its token: said, and the permanent URL is shown as not yet reachable.
        await page.getByRole('button', { name: 'Stop tunnel' }).click()
        await page.getByRole('button', { name: 'Make public…' }).click()
        await page.getByLabel('Tunnel', { exact: true }).selectOption('cloudflared')
        await page.getByLabel('Permanent host').fill('hooks.example.com')
        await page.screenshot({ path: join(ROOT, 'docs', 'make-public.png') })
        await page.getByRole('button', { name: 'Start', exact: true }).click()
        await expect
          .poll(() => page.getByTestId('tunnel-state').textContent())
          .toContain('needs its token: store it in Keys under the name "cloudflared"')
        expect(await page.getByTestId('public-url').textContent()).toBe('https://hooks.example.com')
        expect(await page.getByTestId('tunnel-permanent').textContent()).toBe(
          'Permanent: the same after a restart (unreachable until the tunnel is up).'
        )
      } finally {
        await browser.close()
        await h.interrupt()
      }
    }
  )

  it('a malformed --tunnel value is a usage error before anything starts', async () => {
    const r = spawnSync(
      process.execPath,
      [CLI, 'serve', '--listen', '127.0.0.1:0', '--ui', '127.0.0.1:0', '--data-dir', tempDir(), '--tunnel', 'ftp://x'],
      {
        encoding: 'utf8',
        timeout: 20_000
      }
    )
    expect(r.status).not.toBe(0)
    expect(r.stderr + r.stdout).toContain('Unknown tunnel "ftp://x": use ngrok, cloudflared or ssh://USER@HOST[:PORT].')
  })
})
