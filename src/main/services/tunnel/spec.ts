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
  /** A named Cloudflare tunnel's token (the key named "cloudflared", or TUNNEL_TOKEN). */
  cloudflaredToken?: () => string
  publicHost?: string
  remotePort?: number
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

function checked(spec: TunnelSpec): { publicHost?: string; remotePort?: number } {
  const out: { publicHost?: string; remotePort?: number } = {}
  if (spec.publicHost !== undefined && spec.publicHost !== '') {
    const h = spec.publicHost
      .trim()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '')
    if (!HOSTNAME.test(h))
      throw new TunnelSetupError(`"${spec.publicHost}" is not a host name (e.g. hooks.example.com).`)
    out.publicHost = h.toLowerCase()
  }
  if (spec.remotePort !== undefined && spec.remotePort !== 0) {
    if (!Number.isInteger(spec.remotePort) || spec.remotePort < 1 || spec.remotePort > 65535)
      throw new TunnelSetupError(`The remote port must be 1–65535.`)
    out.remotePort = spec.remotePort
  }
  return out
}

/** The provider a `--tunnel` value names; a clear error for anything else. */
export function tunnelProvider(spec: TunnelSpec): TunnelProvider {
  const t = spec.tunnel.trim()
  const { publicHost, remotePort } = checked(spec)
  if (remotePort && !t.startsWith('ssh://'))
    throw new TunnelSetupError(
      'A fixed remote port is for SSH tunnels; ngrok and Cloudflare keep a URL by its host name.'
    )
  if (t === 'ngrok') return ngrokTunnel(spec.ngrokAuthtoken?.() ?? '', undefined, publicHost)
  if (t === 'cloudflared')
    return cloudflaredTunnel(
      'cloudflared',
      publicHost ? { hostname: publicHost, token: () => spec.cloudflaredToken?.() ?? '' } : undefined
    )
  if (t.startsWith('ssh://')) {
    if (publicHost && !remotePort)
      throw new TunnelSetupError('A public host for an SSH tunnel needs the fixed remote port it stands in front of.')
    return sshTunnel({
      ...parseSshTarget(t),
      ...(remotePort ? { remotePort } : {}),
      ...(publicHost ? { publicHost } : {}),
      ...(spec.identityFile ? { identityFile: spec.identityFile } : {}),
      ...(spec.knownHostsFile ? { knownHostsFile: spec.knownHostsFile } : {})
    })
  }
  throw new TunnelSetupError(`Unknown tunnel "${t}": use ngrok, cloudflared or ssh://USER@HOST[:PORT].`)
}
