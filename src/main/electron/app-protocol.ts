import { loadStatic } from '../api/web/static-files'
import { APP_HOST, DESKTOP_CSP } from './hardening'

/** Serves the built renderer for app://hookscope/… with the CSP header; nothing outside it. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl)
  const file = url.host === APP_HOST ? await loadStatic(rendererDir, url.pathname) : null
  if (!file) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(file.body), {
    headers: { 'Content-Type': file.type, 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff' }
  })
}
