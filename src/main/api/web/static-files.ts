import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * Reads a file of the built renderer by URL path (already without query), for both the web-mode
 * host and Electron's app:// protocol. Null when the path is malformed, escapes `root`, or is not
 * a file.
 */
export async function loadStatic(
  root: string,
  urlPath: string,
  acceptEncoding = ''
): Promise<{ body: Buffer; type: string; encoding: 'br' | 'gzip' | null } | null> {
  let path: string
  try {
    path = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  const file = normalize(join(root, path))
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  try {
    if (!(await stat(file)).isFile()) return null
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    // The build writes .br and .gz beside text assets: sent as they are when the client takes them.
    for (const [encoding, ext] of [
      ['br', '.br'],
      ['gzip', '.gz']
    ] as const) {
      if (!new RegExp(`(^|[ ,])${encoding}(?![\\w-])(?!;q=0(\\.0*)?(,|$))`).test(acceptEncoding)) continue
      const body = await readFile(file + ext).catch(() => null)
      if (body) return { body, type, encoding }
    }
    return { body: await readFile(file), type, encoding: null }
  } catch {
    return null
  }
}
