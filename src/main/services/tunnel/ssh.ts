import { toolSession } from './tool-session'
import { TunnelSetupError, type TunnelProvider, type TunnelSession } from './tunnel'

export interface SshTunnelOptions {
  user: string
  host: string
  port: number
  /** Port to open on the server; 0 lets the server choose (printed as "Allocated port N"). A fixed one gives the same URL every start. */
  remotePort?: number
  /** The host name a server puts in front of the fixed port (its URL is then https://publicHost). */
  publicHost?: string
  identityFile?: string
  /** known_hosts file to trust; default: the user's, new hosts accepted once (accept-new). */
  knownHostsFile?: string
  /** The ssh binary (default: `ssh` on PATH). */
  bin?: string
}

const USAGE = 'use ssh://USER@HOST[:PORT]'
/** A user name as ssh and servers take it: no leading dash (ssh would read an option), no spaces or controls. */
const USER = /^[A-Za-z0-9._][A-Za-z0-9._@+-]{0,63}$/
/** A host name (letters, digits, dots, dashes; no leading dash) or an IPv6 literal. */
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})|[0-9A-Fa-f:.]+(?:%[\w.-]+)?)$/

/** `ssh://user@host[:port]` → options, each part checked: nothing reaches ssh as an option. */
export function parseSshTarget(target: string): Pick<SshTunnelOptions, 'user' | 'host' | 'port'> {
  const m = /^ssh:\/\/([^@/\s]+)@(\[[^\]]+\]|[^:/\s]+)(?::([^/\s]*))?\/?$/.exec(target)
  if (!m) throw new TunnelSetupError(`"${target}" is not an SSH tunnel target: ${USAGE}.`)
  let user: string
  try {
    user = decodeURIComponent(m[1]!)
  } catch {
    throw new TunnelSetupError(`The user in "${target}" has a broken %-escape: ${USAGE}.`)
  }
  if (!USER.test(user)) {
    throw new TunnelSetupError(
      user.startsWith('-')
        ? `The user "${user}" starts with "-", which ssh would read as an option: ${USAGE}.`
        : `The user "${user}" has characters an SSH user name cannot have: ${USAGE}.`
    )
  }
  const bracketed = m[2]!.startsWith('[')
  const host = m[2]!.replace(/^\[|\]$/g, '')
  if (!HOST.test(host) || (bracketed && !host.includes(':')))
    throw new TunnelSetupError(`"${host}" is not a host name or IP address: ${USAGE}.`)
  const port = m[3] === undefined ? 22 : /^\d{1,5}$/.test(m[3]) ? Number(m[3]) : NaN
  if (!(port >= 1 && port <= 65535)) throw new TunnelSetupError(`The port "${m[3]}" is not 1–65535: ${USAGE}.`)
  return { user, host, port }
}

export const CONNECT_TIMEOUT_S = 15

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
  const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host
  const permanentUrl = o.publicHost
    ? `https://${o.publicHost}`
    : o.remotePort
      ? `http://${hostInUrl}:${o.remotePort}`
      : undefined
  return {
    name: 'ssh',
    ...(permanentUrl ? { permanentUrl } : {}),
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
        // A server that accepts the connection but never speaks is given up on (the banner wait too).
        `ConnectTimeout=${CONNECT_TIMEOUT_S}`,
        '-o',
        `StrictHostKeyChecking=${o.knownHostsFile ? 'yes' : 'accept-new'}`,
        ...(o.knownHostsFile ? ['-o', `UserKnownHostsFile=${o.knownHostsFile}`] : []),
        ...(o.identityFile ? ['-i', o.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
        '-p',
        String(o.port),
        // Only the capture port: the UI/API port is never forwarded.
        '-R',
        `${o.remotePort ?? 0}:127.0.0.1:${localPort}`,
        // Options end here: the destination can never be read as one.
        '--',
        `${o.user}@${o.host}`
      ]
      return toolSession(o.bin ?? 'ssh', args, {
        name: 'SSH',
        findUrl: (line) => {
          // A fixed port behind a known host: up once the server granted the forward.
          if (o.publicHost) return /remote forward success for: listen/.test(line) ? permanentUrl! : null
          const printed = /\bhttps?:\/\/[^\s"']+/.exec(line)
          if (printed && !line.startsWith('debug')) return printed[0]
          const allocated = /Allocated port (\d+) for remote forward/.exec(line)
          if (allocated) return `http://${hostInUrl}:${allocated[1]}`
          const fixed = /remote forward success for: listen (?:[^:\s]*:)?(\d+)/.exec(line)
          return fixed && Number(fixed[1]) !== 0 ? `http://${hostInUrl}:${fixed[1]}` : null
        },
        errorLine: (line) =>
          !line.startsWith('debug') && !line.startsWith('OpenSSH_') && line.trim() ? line.trim() : null,
        missing:
          'The OpenSSH client (ssh) is not installed: install openssh-client (apt install openssh-client) and try again.',
        final: SETUP_ERRORS
      })
    }
  }
}
