import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { serveAppRequest } from '@main/electron/app-protocol'
import { APP_URL, DESKTOP_CSP, hardenWebContents, isTrustedUrl, windowOptions } from '@main/electron/hardening'
import { forwardEvents, registerIpc } from '@main/api/ipc'
import { METHOD_CHANNELS, type HookscopeMethods } from '@shared/api/contract'
import { CoreEvents } from '@main/services/core'
import type { ListQuery } from '@shared/model/capture'
import { tempDir } from '../helpers/tmp'

/** A fake of the few WebContents members Hookscope uses, recording what was registered. */
function fakeContents() {
  const handlers: Record<string, (event: { preventDefault(): void }) => void> = {}
  let openHandler: (() => { action: string }) | null = null
  let permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null
  let permissionCheck: (() => boolean) | null = null
  const contents = {
    setWindowOpenHandler: (h: () => { action: string }) => void (openHandler = h),
    on: (name: string, h: (event: { preventDefault(): void }) => void) => void (handlers[name] = h),
    session: {
      setPermissionRequestHandler: (h: typeof permissionRequest) => void (permissionRequest = h),
      setPermissionCheckHandler: (h: typeof permissionCheck) => void (permissionCheck = h)
    }
  }
  return {
    contents,
    handlers,
    open: () => openHandler!(),
    permissionRequest: () => permissionRequest!,
    permissionCheck: () => permissionCheck!
  }
}

function fakeIpc() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>()
  return {
    handlers,
    ipc: {
      handle: (c: string, h: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) =>
        void handlers.set(c, h)
    }
  }
}

const frameEvent = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent

// Only the methods these tests call; the rest of the contract is not exercised here.
const methods = {
  getStatus: async () => ({
    listening: true,
    url: 'http://127.0.0.1:8787',
    host: '127.0.0.1',
    port: 8787,
    error: null,
    captureCount: 0,
    dataDir: '/d'
  }),
  listCaptures: async (q: ListQuery) => ({ items: [], nextCursor: q.cursor ?? null }),
  getCapture: async () => null,
  deleteCapture: async () => true,
  clearCaptures: async () => 3,
  getDecodedBody: async () => null
} as unknown as HookscopeMethods

describe('Electron window and handlers', () => {
  it('turns isolation on explicitly and leaves no Node in the renderer', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences!
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs'
    })
  })

  it('denies window.open, navigation, redirects, <webview> and permission requests', () => {
    const f = fakeContents()
    hardenWebContents(f.contents as never)
    expect(f.open()).toEqual({ action: 'deny' })
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      f.handlers[name]!({ preventDefault: () => void (prevented = true) })
      expect(prevented, name).toBe(true)
    }
    let granted: boolean | null = null
    f.permissionRequest()(null, 'media', (ok) => void (granted = ok))
    expect(granted).toBe(false)
    expect(f.permissionCheck()()).toBe(false)
  })

  it('trusts only the app:// UI as an IPC sender', () => {
    expect(isTrustedUrl(APP_URL)).toBe(true)
    expect(isTrustedUrl('app://evil/index.html')).toBe(false)
    expect(isTrustedUrl('https://example.com/')).toBe(false)
    expect(isTrustedUrl('file:///etc/passwd')).toBe(false)
    expect(isTrustedUrl(undefined)).toBe(false)
  })

  it('registers one handler per contract method that checks the sender and validates arguments', async () => {
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, methods)
    expect([...handlers.keys()].sort()).toEqual(Object.values(METHOD_CHANNELS).sort())
    const list = handlers.get('captures:list')!
    expect(await list(frameEvent(APP_URL), { cursor: 5 })).toEqual({ ok: true, value: { items: [], nextCursor: 5 } })
    expect(await list(frameEvent('https://evil.test/'), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await list(frameEvent(APP_URL), { limit: 100_000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' }
    })
    expect(await handlers.get('captures:get')!(frameEvent(APP_URL), '1 OR 1=1')).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' }
    })
    expect(await handlers.get('captures:clear')!(frameEvent(APP_URL))).toEqual({ ok: true, value: 3 })
  })

  it('forwards backend events to the window until unsubscribed', () => {
    const events = new CoreEvents()
    const sent: [string, unknown][] = []
    const off = forwardEvents(events, (c, p) => sent.push([c, p]))
    events.emit('captures:removed', { ids: 'all' })
    off()
    events.emit('captures:removed', { ids: [1] })
    expect(sent).toEqual([['captures:removed', { ids: 'all' }]])
  })

  it('serves the renderer from app:// with a strict CSP and nothing outside it', async () => {
    const root = tempDir()
    const rendererDir = join(root, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
    writeFileSync(join(root, 'secret'), 'no')
    const ok = await serveAppRequest(rendererDir, APP_URL)
    expect(ok.status).toBe(200)
    const csp = ok.headers.get('content-security-policy')!
    expect(csp).toBe(DESKTOP_CSP)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
    expect((await serveAppRequest(rendererDir, 'app://hookscope/..%2fsecret')).status).toBe(404)
    expect((await serveAppRequest(rendererDir, 'app://other/index.html')).status).toBe(404)
  })
})
