import { app, BrowserWindow, ipcMain, protocol, safeStorage } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { HookscopeCore } from './services/core'
import { serveAppRequest } from './electron/app-protocol'
import { APP_SCHEME, APP_URL, hardenWebContents, windowOptions } from './electron/hardening'
import { forwardEvents, registerIpc } from './api/ipc'
import { parseHostPort } from './cli/args'
import { SafeStorageBox } from './services/vault'

app.enableSandbox()
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])
app.on('web-contents-created', (_e, contents) => hardenWebContents(contents))

const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { 'data-dir': { type: 'string' }, listen: { type: 'string' } },
  strict: false
})

const here = dirname(fileURLToPath(import.meta.url))
let core: HookscopeCore | null = null

async function createWindow(c: HookscopeCore): Promise<void> {
  const win = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs')))
  const off = forwardEvents(c.events, (channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload)
  })
  win.on('closed', off)
  win.once('ready-to-show', () => win.show())
  await win.loadURL(APP_URL)
}

void app.whenReady().then(async () => {
  const rendererDir = join(here, '../renderer')
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url))
  const dataDir = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : app.getPath('userData')
  const listen = typeof flags.listen === 'string' ? parseHostPort(flags.listen, '--listen') : undefined
  // OS keychain when it is real; Linux basic_text is a fixed key, so the user picks session or passphrase.
  const keychain = safeStorage.isEncryptionAvailable() ? new SafeStorageBox(safeStorage) : null
  core = new HookscopeCore({
    dataDir,
    secretBox: keychain && !keychain.weak ? keychain : null,
    ...(keychain?.weak
      ? { secretBoxWeakReason: keychain.description }
      : !keychain
        ? { secretBoxWeakReason: 'OS keychain unavailable.' }
        : {}),
    ...(listen ? { listen } : {}),
    storeWorkerUrl: new URL('./store-worker.js', import.meta.url)
  })
  registerIpc(ipcMain, core.methods)
  // A busy port is shown in the UI's status, not fatal: the stored captures are still useful.
  await core.start().catch(() => undefined)
  // The tunnel last started from the app, started again (a permanent URL is back as it was).
  if (core.status().listening) core.startSavedTunnel()
  await createWindow(core)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) void createWindow(core)
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !core) return
  event.preventDefault()
  quitting = true
  void core.close().finally(() => app.quit())
})
