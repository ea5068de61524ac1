import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { APP_HOST, DESKTOP_CSP } from './hardening'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

/** Serves the built renderer for app://hookscope/… with the CSP header; nothing outside it. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl)
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return new Response('Bad request', { status: 400 })
  }
  const file = normalize(join(rendererDir, path === '/' ? '/index.html' : path))
  if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(file)
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': DESKTOP_CSP,
        'X-Content-Type-Options': 'nosniff'
      }
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
