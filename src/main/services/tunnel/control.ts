import type { TunnelSpec, TunnelState } from '@shared/model/capture'
import { Tunnel } from './tunnel'
import { tunnelProvider } from './index'

/** The one tunnel of the capture port: replaced by a new start, every state change reported. */
export class TunnelControl {
  state: TunnelState | null = null
  private runner: Tunnel | null = null

  constructor(
    private readonly onChange: () => void,
    /** The ngrok authtoken: NGROK_AUTHTOKEN, else the vault's key named "ngrok". */
    private readonly ngrokAuthtoken: () => string
  ) {}

  private set(state: TunnelState | null): void {
    this.state = state
    this.onChange()
  }

  /** Makes `port` (only it) public; a bad spec throws before anything starts. */
  start(spec: TunnelSpec, port: number): TunnelState {
    const provider = tunnelProvider({ ...spec, ngrokAuthtoken: this.ngrokAuthtoken })
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

  stop(): void {
    const runner = this.runner
    this.runner = null
    runner?.stop()
    if (this.state) this.set(null)
  }
}
