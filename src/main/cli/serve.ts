import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HookscopeCore } from '../services/core'
import { defaultWebDataDir } from '../services/configuration'
import { DEFAULT_LISTEN_PORT } from '../services/capture'
import { DEFAULT_UI_PORT, WebHost } from '../api/web/web-host'
import { parseHostPort } from './args'
import { tunnelProvider } from '../services/tunnel'
import type { TunnelSpec } from '@shared/model/capture'

export interface ServeFlags {
  listen?: string
  ui?: string
  'data-dir'?: string
  tunnel?: string
  'tunnel-identity'?: string
  'tunnel-known-hosts'?: string
  'tunnel-host'?: string
  'tunnel-remote-port'?: string
}

/** The tunnel the flags ask for (checked part by part before anything listens). */
function tunnelSpec(flags: ServeFlags): TunnelSpec {
  const port = flags['tunnel-remote-port']
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new Error(`--tunnel-remote-port must be a port number (got "${port}")`)
  const spec: TunnelSpec = {
    tunnel: flags.tunnel!,
    ...(flags['tunnel-identity'] ? { identityFile: resolve(flags['tunnel-identity']) } : {}),
    ...(flags['tunnel-known-hosts'] ? { knownHostsFile: resolve(flags['tunnel-known-hosts']) } : {}),
    ...(flags['tunnel-host'] ? { publicHost: flags['tunnel-host'] } : {}),
    ...(port ? { remotePort: Number(port) } : {})
  }
  tunnelProvider(spec)
  return spec
}

function rendererDir(): string {
  // Built layout: out/main/cli.js beside out/renderer/.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../renderer')
}

/** `hookscope serve`: web mode. Resolves when the process should exit. */
export async function serve(flags: ServeFlags, out: (line: string) => void): Promise<void> {
  const listen = flags.listen
    ? parseHostPort(flags.listen, '--listen')
    : { host: '127.0.0.1', port: DEFAULT_LISTEN_PORT }
  const ui = flags.ui ? parseHostPort(flags.ui, '--ui') : { host: '127.0.0.1', port: DEFAULT_UI_PORT }
  if (ui.host !== '127.0.0.1' && ui.host !== 'localhost') {
    throw new Error('--ui must be a loopback address (127.0.0.1): the UI can read every capture.')
  }
  if (listen.port !== 0 && listen.port === ui.port)
    throw new Error(`--listen and --ui cannot share port ${ui.port}: captures and the UI need one each.`)
  const dataDir = resolve(flags['data-dir'] ?? defaultWebDataDir())
  // A tunnel that cannot be understood stops here, before anything listens.
  const spec = flags.tunnel ? tunnelSpec(flags) : null
  const core = new HookscopeCore({ dataDir, listen, storeWorkerUrl: new URL('./store-worker.js', import.meta.url) })
  if (core.store.movedAside)
    out(`The capture database was corrupt; it was moved to ${core.store.movedAside} and a fresh one started.`)
  try {
    await core.start()
  } catch (err) {
    await core.close()
    throw err
  }
  const host = new WebHost({
    methods: core.methods,
    events: core.events,
    rendererDir: rendererDir(),
    host: '127.0.0.1',
    port: ui.port
  })
  try {
    await host.start()
  } catch (err) {
    await core.close()
    throw err
  }
  core.uiPort = Number(new URL(host.url).port)
  out(`Listening for webhooks on ${core.status().url}`)
  out(`Open ${host.openUrl}`)
  out(`Data: ${join(dataDir, 'hookscope.db')}`)
  // --tunnel for this run; else the tunnel last started from the app, started again.
  printTunnel(core, out)
  if (spec) core.startTunnel(spec)
  else core.startSavedTunnel()

  await new Promise<void>((done) => {
    const shutdown = (): void => {
      process.off('SIGINT', shutdown)
      process.off('SIGTERM', shutdown)
      out('Shutting down…')
      // Listener first: requests in flight finish and commit before the DB closes.
      void host
        .stop()
        .then(() => core.close())
        .then(done)
    }
    process.on('SIGINT', shutdown)
    process.on('SIGTERM', shutdown)
  })
}

/** Prints the tunnel's changes: "Public URL: …" each time it is up (after a reconnect too), and why it is down. */
function printTunnel(core: HookscopeCore, out: (line: string) => void): void {
  let last = ''
  core.events.on('listener:status', ({ tunnel: s }) => {
    const line =
      !s || s.status === 'stopped'
        ? ''
        : s.status === 'online'
          ? `Public URL: ${s.publicUrl} (the capture port is now public${s.permanentUrl ? '; permanent: the same after a restart' : ''})`
          : s.status === 'reconnecting'
            ? `Tunnel reconnecting: ${s.reason}`
            : s.status === 'failed'
              ? `Tunnel failed: ${s.reason}`
              : `Tunnel (${s.provider}): connecting…`
    if (line && line !== last) out(line)
    last = line
  })
}
