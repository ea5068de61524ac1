import type { BrowserWindowConstructorOptions, Event, IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENT_NAMES, METHOD_CHANNELS, type HookscopeMethodName, type HookscopeMethods } from '@shared/api/contract'
import type { CoreEvents } from '../services/core'
import { dispatch, toApiError } from '../services/dispatch'

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

export interface IpcSurface {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void
}

/**
 * One handler per contract method: check the sender frame, validate arguments, call the
 * service. Errors cross as `{ error }` values so the renderer gets a code, not a stack.
 */
export function registerIpc(ipc: IpcSurface, methods: HookscopeMethods): void {
  for (const [name, channel] of Object.entries(METHOD_CHANNELS) as [HookscopeMethodName, string][]) {
    ipc.handle(channel, async (event, ...args) => {
      if (!isTrustedUrl(event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } }
      try {
        return { ok: true, value: await dispatch(methods, name, args) }
      } catch (err) {
        return { ok: false, error: toApiError(err) }
      }
    })
  }
}

/** Forwards backend events to one window's renderer. Returns the unsubscribe function. */
export function forwardEvents(events: CoreEvents, send: (channel: string, payload: unknown) => void): () => void {
  const offs = EVENT_NAMES.map((name) => events.on(name, (payload) => send(name, payload)))
  return () => offs.forEach((off) => off())
}
