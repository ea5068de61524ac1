import { forwardPath } from '@shared/http/forward-path'
import { HookscopeError } from '@shared/errors'

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|\[::\]|0\.0\.0\.0|\[::ffff:127(?:\.\d{1,3}){3}\])$/i

/** Where a capture is forwarded (see forwardPath); a target that would leave the origin is refused. */
export function forwardUrl(target: string, requestTarget: string): string {
  const url = forwardPath(target, requestTarget)
  if (url === null) throw new HookscopeError('invalid-endpoint', `Forwarding ${requestTarget} would leave ${new URL(target).origin}.`)
  return url
}

/** True when a forward target is this listener itself: forwarding there would repeat forever. */
export function loopsBack(target: string, listener: { host: string; port: number } | null): boolean {
  if (!listener) return false
  const u = new URL(target)
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80))
  if (port !== listener.port) return false
  const host = u.hostname.toLowerCase()
  const own = listener.host.includes(':') ? `[${listener.host}]` : listener.host
  return LOOPBACK.test(host) || host === own.toLowerCase() || (LOOPBACK.test(own) && LOOPBACK.test(host))
}
