import { cloudflaredTunnel, ngrokTunnel } from './providers'
import { parseSshTarget, sshTunnel } from './ssh'
import { TunnelSetupError, type TunnelProvider } from './tunnel'

export { Tunnel, TunnelSetupError, type TunnelProvider } from './tunnel'

export interface TunnelSpec {
  /** ngrok | cloudflared | ssh://USER@HOST[:PORT] */
  tunnel: string
  identityFile?: string
  knownHostsFile?: string
  /** The ngrok authtoken (from the vault, or NGROK_AUTHTOKEN). */
  ngrokAuthtoken?: () => string
}

/** The provider a `--tunnel` value names; a clear error for anything else. */
export function tunnelProvider(spec: TunnelSpec): TunnelProvider {
  const t = spec.tunnel.trim()
  if (t === 'ngrok') return ngrokTunnel(spec.ngrokAuthtoken?.() ?? '')
  if (t === 'cloudflared') return cloudflaredTunnel()
  if (t.startsWith('ssh://')) {
    return sshTunnel({
      ...parseSshTarget(t),
      ...(spec.identityFile ? { identityFile: spec.identityFile } : {}),
      ...(spec.knownHostsFile ? { knownHostsFile: spec.knownHostsFile } : {})
    })
  }
  throw new TunnelSetupError(`Unknown tunnel "${t}": use ngrok, cloudflared or ssh://USER@HOST[:PORT].`)
}
