import { EventEmitter } from 'node:events'
import { HookscopeError } from '@shared/errors'
import type { TunnelState } from '@shared/model/capture'

/** A tunnel that cannot work as configured (missing binary, refused credentials): retrying will not help. */
export class TunnelSetupError extends HookscopeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-tunnel', message, options)
  }
}

/** One connection of a tunnel tool: resolves its public URL, and settles when it ends (with why). */
export interface TunnelSession {
  url: Promise<string>
  closed: Promise<string>
  stop(): void
}

/** An existing, trusted tunnel tool (ssh -R, cloudflared, ngrok) that exposes one local port. */
export interface TunnelProvider {
  name: string
  /** Known before it connects when the address is reserved (ngrok domain, named tunnel, fixed SSH port). */
  permanentUrl?: string
  open(localPort: number): TunnelSession
}

export interface TunnelOptions {
  /** Delay before reconnect attempt n (from 0); default 0.5 s doubling to 30 s. */
  backoffMs?: (attempt: number) => number
  /** A start that gives no public URL within this long is ended and counted as failed (default 45 s). */
  handshakeMs?: number
  /** Attempts in a row without getting online before the tunnel is "failed" (default 8, about 2 minutes). */
  maxAttempts?: number
}

const DEFAULT_HANDSHAKE_MS = 45_000
const DEFAULT_MAX_ATTEMPTS = 8

const defaultBackoff = (n: number): number => Math.min(30_000, 500 * 2 ** n)

/**
 * Keeps a tunnel to the capture port up: start → public URL, status events (connecting, online,
 * reconnecting, failed), reconnects with backoff when the tool's connection drops, stop.
 * Only the capture listener's port is ever given to a provider — never the UI/API port.
 */
export class Tunnel extends EventEmitter<{ status: [TunnelState] }> {
  private session: TunnelSession | null = null
  private stopped = false
  private wake: (() => void) | null = null
  state: TunnelState

  constructor(
    private readonly provider: TunnelProvider,
    private readonly capturePort: number,
    private readonly options: TunnelOptions = {}
  ) {
    super()
    this.state = {
      provider: provider.name,
      status: 'connecting',
      publicUrl: null,
      permanentUrl: provider.permanentUrl ?? null,
      reason: null
    }
  }

  private set(next: Partial<TunnelState>): void {
    this.state = { ...this.state, ...next }
    this.emit('status', this.state)
  }

  start(): void {
    void this.run()
  }

  private async run(): Promise<void> {
    let attempt = 0
    while (!this.stopped) {
      const session = this.provider.open(this.capturePort)
      this.session = session
      let reason: string
      const handshakeMs = this.options.handshakeMs ?? DEFAULT_HANDSHAKE_MS
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `${this.provider.name}: no public URL within ${Math.round(handshakeMs / 1000)} s (the server did not answer).`
              )
            ),
          handshakeMs
        )
      })
      try {
        const url = await Promise.race([
          session.url,
          session.closed.then((why) => Promise.reject(new Error(why))),
          timedOut
        ]).finally(() => clearTimeout(timer))
        attempt = 0
        this.set({ status: 'online', publicUrl: url, reason: null })
        reason = await session.closed
      } catch (err) {
        session.stop()
        if (err instanceof TunnelSetupError) {
          this.set({ status: 'failed', publicUrl: null, reason: err.message })
          return
        }
        reason = (err as Error).message
      }
      if (this.stopped) break
      const max = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
      if (attempt + 1 >= max) {
        this.set({
          status: 'failed',
          publicUrl: null,
          reason: `Gave up after ${max} attempts in a row. Last: ${reason}`
        })
        return
      }
      this.set({ status: 'reconnecting', publicUrl: null, reason })
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, (this.options.backoffMs ?? defaultBackoff)(attempt++))
        this.wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
    }
  }

  stop(): void {
    this.stopped = true
    this.session?.stop()
    this.wake?.()
    this.set({ status: 'stopped', publicUrl: null, reason: null })
  }
}
