import type { TunnelSpec, TunnelState } from '@shared/model/capture'
import { Tunnel } from './tunnel'
import { tunnelProvider } from './spec'

/** The one tunnel of the capture port: replaced by a new start, every state change reported. */
export class TunnelControl {
  state: TunnelState | null = null
  private runner: Tunnel | null = null

  constructor(
    private readonly onChange: () => void,
    /** The ngrok authtoken: NGROK_AUTHTOKEN, else the vault's key named "ngrok". */
    private readonly ngrokAuthtoken: () => string,
    /** A named Cloudflare tunnel's token: TUNNEL_TOKEN, else the vault's key named "cloudflared". */
    private readonly cloudflaredToken: () => string = () => ''
  ) {}

  private set(state: TunnelState | null): void {
    this.state = state
    this.onChange()
  }

  /** Makes `port` (only it) public; a bad spec throws before anything starts. */
  start(spec: TunnelSpec, port: number): TunnelState {
    const provider = tunnelProvider({
      ...spec,
      ngrokAuthtoken: this.ngrokAuthtoken,
      cloudflaredToken: this.cloudflaredToken
    })
    this.stop()
    const runner = new Tunnel(provider, port)
    runner.on('status', (s) => {
      if (this.runner === runner) this.set(s)
    })
    this.runner = runner
    this.set(runner.state)
    runner.start()
    return runner.state
  }

  /** A tunnel that could not start (a saved one that no longer works): shown failed, with why. */
  failed(spec: TunnelSpec, reason: string): TunnelState {
    this.stop()
    const provider = spec.tunnel.startsWith('ssh://') ? 'ssh' : spec.tunnel
    this.set({ provider, status: 'failed', publicUrl: null, permanentUrl: null, reason })
    return this.state!
  }

  stop(): void {
    const runner = this.runner
    this.runner = null
    runner?.stop()
    if (this.state) this.set(null)
  }
}
