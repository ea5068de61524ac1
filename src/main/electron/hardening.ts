import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'hookscope'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** The only window options Hookscope uses; isolation switches are explicit, never defaults. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 480,
    show: false,
    title: 'Hookscope',
    backgroundColor: '#1b1d22',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false
    }
  }
}

export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** True only for our own UI: the app:// origin, never a navigated or embedded page. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  } catch {
    return false
  }
}

type ContentsSurface = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'session'>

/** Denies new windows, navigation, redirects, <webview> and every permission request. */
export function hardenWebContents(contents: ContentsSurface): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event: Event) => event.preventDefault())
  contents.on('will-redirect', (event: Event) => event.preventDefault())
  contents.on('will-attach-webview', (event: Event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}
