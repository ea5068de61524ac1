import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * Web-mode request gate. Any web page the user has open can reach 127.0.0.1, so every
 * request must name our host (defeats DNS rebinding) and every API call or WebSocket
 * upgrade must come from our own origin and carry the per-launch token (defeats CSRF
 * and cross-site WebSocket hijacking).
 */
export class RequestGate {
  private readonly hosts: Set<string>
  private readonly origins: Set<string>
  private readonly token: Buffer

  constructor(port: number, token: string) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`))
    this.token = Buffer.from(token)
  }

  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host
    return typeof host === 'string' && this.hosts.has(host.toLowerCase())
  }

  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin
    return typeof origin === 'string' && this.origins.has(origin.toLowerCase())
  }

  tokenValid(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string') return false
    const given = Buffer.from(candidate)
    return given.length === this.token.length && timingSafeEqual(given, this.token)
  }
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Sent on every web-mode response. Deliberately no CORS headers. */
export function baseHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer'
  }
}
