/**
 * Where a capture is forwarded: the target's origin and path, then the request's own path and
 * query. The request target is only ever a path there, so a target such as "@evil.example/x" or
 * "//evil.example" cannot move the request to another host (null if it would).
 */
export function forwardPath(target: string, requestTarget: string): string | null {
  const base = new URL(target)
  const q = requestTarget.indexOf('?')
  const path = q < 0 ? requestTarget : requestTarget.slice(0, q)
  const url = new URL(base.origin)
  url.pathname = joinOnce(base.pathname, path.startsWith('/') ? path : `/${path}`)
  url.search = q < 0 ? '' : requestTarget.slice(q)
  return url.origin === base.origin ? url.href : null
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
    if (base.slice(base.length - n).join('/') === head.slice(0, n).join('/'))
      return '/' + [...base, ...head.slice(n)].join('/')
  }
  return basePath.replace(/\/$/, '') + requestPath
}
