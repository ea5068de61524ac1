import { toolSession } from './tool-session'
import { TunnelSetupError, type TunnelProvider, type TunnelSession } from './tunnel'

/**
 * A Cloudflare quick tunnel (no account): `cloudflared tunnel --url http://127.0.0.1:PORT`, whose
 * log names the https://….trycloudflare.com URL.
 */
export function cloudflaredTunnel(bin = 'cloudflared'): TunnelProvider {
  return {
    name: 'cloudflared',
    open(localPort: number): TunnelSession {
      return toolSession(bin, ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${localPort}`], {
        name: 'cloudflared',
        findUrl: (line) => /https:\/\/[a-z0-9-]+\.trycloudflare\.com/.exec(line)?.[0] ?? null,
        errorLine: (line) => (/\bERR\b|error/i.test(line) ? line.replace(/^\S+\s+ERR\s+/, '').trim() : null),
        missing:
          'cloudflared is not installed. Install it from https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (Debian/Ubuntu: the cloudflared .deb; macOS: brew install cloudflared) and try again.'
      })
    }
  }
}

interface NgrokListener {
  url(): string | null
  close(): Promise<void>
}
type NgrokForward = (config: { addr: number; authtoken: string; onStatusChange?: (status: string) => void }) => Promise<NgrokListener>

/** ngrok through its official agent library (@ngrok/ngrok); the authtoken comes from the vault or NGROK_AUTHTOKEN. */
export function ngrokTunnel(
  authtoken: string,
  load: () => Promise<{ forward: NgrokForward }> = () => import('@ngrok/ngrok') as Promise<{ forward: NgrokForward }>
): TunnelProvider {
  return {
    name: 'ngrok',
    open(localPort: number): TunnelSession {
      let listener: NgrokListener | null = null
      let stopped = false
      let closedWith!: (why: string) => void
      const closed = new Promise<string>((r) => (closedWith = r))
      const url = (async () => {
        if (!authtoken.trim()) throw new TunnelSetupError('ngrok needs an authtoken: store it in Keys under the name "ngrok", or set NGROK_AUTHTOKEN.')
        const { forward } = await load()
        try {
          listener = await forward({ addr: localPort, authtoken, onStatusChange: (s) => s === 'closed' && closedWith('ngrok: the connection was lost') })
        } catch (err) {
          const message = (err as Error).message
          // ngrok's own words: ERR_NGROK_105 / 107 / 4018 are authtoken problems, not network ones.
          if (/authtoken|ERR_NGROK_(105|106|107|4018)/i.test(message)) throw new TunnelSetupError(`ngrok refused the authtoken: ${message}`, { cause: err })
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
