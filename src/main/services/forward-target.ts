import { EndpointError } from './endpoints'

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|\[::\]|0\.0\.0\.0|\[::ffff:127(?:\.\d{1,3}){3}\])$/i

/**
 * Where a capture is forwarded: the target's origin and path, then the request's own path and
 * query. The request target is only ever a path there, so a target such as "@evil.example/x" or
 * "//evil.example" cannot move the request to another host.
 */
export function forwardUrl(target: string, requestTarget: string): string {
  const base = new URL(target)
  const q = requestTarget.indexOf('?')
  const path = q < 0 ? requestTarget : requestTarget.slice(0, q)
  const url = new URL(base.origin)
  url.pathname = joinOnce(base.pathname, path.startsWith('/') ? path : `/${path}`)
  url.search = q < 0 ? '' : requestTarget.slice(q)
  if (url.origin !== base.origin) throw new EndpointError(`Forwarding ${requestTarget} would leave ${base.origin}.`)
  return url.href
}

/**
 * The target's path, then the request's, with the segments they share written once: a target of
 * /app/trubit and a request to /trubit/callback forward to /app/trubit/callback, not /app/trubit/trubit/callback.
 */
function joinOnce(basePath: string, requestPath: string): string {
  const base = basePath.split('/').filter(Boolean)
  const req = requestPath.split('/')
  const head = req.slice(1)
  for (let n = Math.min(base.length, head.length); n > 0; n--) {
    if (base.slice(base.length - n).join('/') === head.slice(0, n).join('/')) return '/' + [...base, ...head.slice(n)].join('/')
  }
  return basePath.replace(/\/$/, '') + requestPath
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
