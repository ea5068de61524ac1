import { toolSession } from './tool-session'
import { TunnelSetupError, type TunnelProvider, type TunnelSession } from './tunnel'

/**
 * A Cloudflare tunnel: a quick tunnel (no account: `cloudflared tunnel --url http://127.0.0.1:PORT`,
 * whose log names a new https://….trycloudflare.com URL each start), or a named tunnel — the user's
 * hostname, the same every start — run with its token (`tunnel run`, the token in TUNNEL_TOKEN, never
 * on the command line). A named tunnel is up once cloudflared registers a connection.
 */
export function cloudflaredTunnel(
  bin = 'cloudflared',
  named?: { hostname: string; token: () => string }
): TunnelProvider {
  const permanentUrl = named ? `https://${named.hostname}` : undefined
  return {
    name: 'cloudflared',
    ...(permanentUrl ? { permanentUrl } : {}),
    open(localPort: number): TunnelSession {
      const token = named?.token().trim()
      if (named && !token)
        return setupFailed(
          `The named tunnel for ${named.hostname} needs its token: store it in Keys under the name "cloudflared", or set TUNNEL_TOKEN.`
        )
      const url = `http://127.0.0.1:${localPort}`
      const args = named
        ? ['tunnel', '--no-autoupdate', 'run', '--url', url]
        : ['tunnel', '--no-autoupdate', '--url', url]
      return toolSession(bin, args, {
        name: 'cloudflared',
        ...(token ? { env: { TUNNEL_TOKEN: token } } : {}),
        findUrl: (line) =>
          permanentUrl
            ? /Registered tunnel connection/.test(line)
              ? permanentUrl
              : null
            : (/https:\/\/[a-z0-9-]+\.trycloudflare\.com/.exec(line)?.[0] ?? null),
        errorLine: (line) => (/\bERR\b|error/i.test(line) ? line.replace(/^\S+\s+ERR\s+/, '').trim() : null),
        missing:
          'cloudflared is not installed. Install it from ' +
          'https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ ' +
          '(Debian/Ubuntu: the cloudflared .deb; macOS: brew install cloudflared) and try again.'
      })
    }
  }
}

/** A session that cannot start (missing credentials): it fails once, and retrying will not help. */
function setupFailed(message: string): TunnelSession {
  const url = Promise.reject(new TunnelSetupError(message))
  url.catch(() => undefined)
  return { url, closed: Promise.resolve(message), stop: () => undefined }
}

interface NgrokListener {
  url(): string | null
  close(): Promise<void>
}
type NgrokForward = (config: {
  addr: number
  authtoken: string
  domain?: string
  onStatusChange?: (status: string) => void
}) => Promise<NgrokListener>

/**
 * ngrok through its official agent library (@ngrok/ngrok); the authtoken comes from the vault or
 * NGROK_AUTHTOKEN. With a reserved `domain` the URL is the same every start.
 */
export function ngrokTunnel(
  authtoken: string,
  load: () => Promise<{ forward: NgrokForward }> = () => import('@ngrok/ngrok') as Promise<{ forward: NgrokForward }>,
  domain?: string
): TunnelProvider {
  return {
    name: 'ngrok',
    ...(domain ? { permanentUrl: `https://${domain}` } : {}),
    open(localPort: number): TunnelSession {
      let listener: NgrokListener | null = null
      let stopped = false
      let closedWith!: (why: string) => void
      const closed = new Promise<string>((r) => (closedWith = r))
      const url = (async () => {
        if (!authtoken.trim())
          throw new TunnelSetupError(
            'ngrok needs an authtoken: store it in Keys under the name "ngrok", or set NGROK_AUTHTOKEN.'
          )
        const { forward } = await load()
        try {
          listener = await forward({
            addr: localPort,
            authtoken,
            ...(domain ? { domain } : {}),
            onStatusChange: (s) => s === 'closed' && closedWith('ngrok: the connection was lost')
          })
        } catch (err) {
          const message = (err as Error).message
          // ngrok's own words: ERR_NGROK_105 / 107 / 4018 are authtoken problems, not network ones.
          if (/authtoken|ERR_NGROK_(105|106|107|4018)/i.test(message))
            throw new TunnelSetupError(`ngrok refused the authtoken: ${message}`, { cause: err })
          throw new Error(`ngrok: ${message}`, { cause: err })
        }
        if (stopped) void listener.close()
        return listener.url() ?? Promise.reject(new Error('ngrok gave no URL'))
      })()
      url.catch((err: Error) => closedWith(err.message))
      return {
        url,
        closed,
        stop: () => {
          stopped = true
          void listener?.close()
          closedWith('stopped')
        }
      }
    }
  }
}
