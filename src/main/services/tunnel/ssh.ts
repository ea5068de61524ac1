import { toolSession } from './tool-session'
import { TunnelSetupError, type TunnelProvider, type TunnelSession } from './tunnel'

export interface SshTunnelOptions {
  user: string
  host: string
  port: number
  /** Port to open on the server; 0 lets the server choose (printed as "Allocated port N"). */
  remotePort?: number
  identityFile?: string
  /** known_hosts file to trust; default: the user's, new hosts accepted once (accept-new). */
  knownHostsFile?: string
  /** The ssh binary (default: `ssh` on PATH). */
  bin?: string
}

/** `ssh://user@host[:port]` → options. */
export function parseSshTarget(target: string): Pick<SshTunnelOptions, 'user' | 'host' | 'port'> {
  const m = /^ssh:\/\/([^@/\s]+)@(\[[^\]]+\]|[^:/\s]+)(?::(\d{1,5}))?\/?$/.exec(target)
  if (!m) throw new TunnelSetupError(`"${target}" is not an SSH tunnel target: use ssh://USER@HOST[:PORT].`)
  return { user: decodeURIComponent(m[1]!), host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 }
}

/** Errors where retrying cannot help: the user has to fix keys, host trust or the binary. */
const SETUP_ERRORS = [
  /Permission denied/i,
  /Host key verification failed/i,
  /REMOTE HOST IDENTIFICATION HAS CHANGED/i,
  /Could not resolve hostname/i,
  /Bad configuration option/i
]

/**
 * An SSH reverse tunnel with the system OpenSSH client (`ssh -R`): to the user's own server or a
 * public SSH tunnel service. The public URL is the one the service prints, else http://HOST:PORT of
 * the forwarded port.
 */
export function sshTunnel(o: SshTunnelOptions): TunnelProvider {
  return {
    name: 'ssh',
    open(localPort: number): TunnelSession {
      const args = [
        '-v',
        '-N',
        '-T',
        '-o',
        'ExitOnForwardFailure=yes',
        '-o',
        'ServerAliveInterval=10',
        '-o',
        'ServerAliveCountMax=3',
        '-o',
        'BatchMode=yes',
        '-o',
        `StrictHostKeyChecking=${o.knownHostsFile ? 'yes' : 'accept-new'}`,
        ...(o.knownHostsFile ? ['-o', `UserKnownHostsFile=${o.knownHostsFile}`] : []),
        ...(o.identityFile ? ['-i', o.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
        '-p',
        String(o.port),
        // Only the capture port: the UI/API port is never forwarded.
        '-R',
        `${o.remotePort ?? 0}:127.0.0.1:${localPort}`,
        `${o.user}@${o.host}`
      ]
      const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host
      return toolSession(o.bin ?? 'ssh', args, {
        name: 'SSH',
        findUrl: (line) => {
          const printed = /\bhttps?:\/\/[^\s"']+/.exec(line)
          if (printed && !line.startsWith('debug')) return printed[0]
          const allocated = /Allocated port (\d+) for remote forward/.exec(line)
          if (allocated) return `http://${hostInUrl}:${allocated[1]}`
          const fixed = /remote forward success for: listen (?:[^:\s]*:)?(\d+)/.exec(line)
          return fixed && Number(fixed[1]) !== 0 ? `http://${hostInUrl}:${fixed[1]}` : null
        },
        errorLine: (line) => (!line.startsWith('debug') && !line.startsWith('OpenSSH_') && line.trim() ? line.trim() : null),
        missing: 'The OpenSSH client (ssh) is not installed: install openssh-client (apt install openssh-client) and try again.',
        final: SETUP_ERRORS
      })
    }
  }
}
