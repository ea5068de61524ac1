import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_NAMES, METHOD_CHANNELS, type ApiResponse, type HookscopeApi, type HookscopeEventName } from '@shared/api/contract'

// Exposes exactly HookscopeApi as named functions: no channel names, no ipcRenderer, no process.

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, ...args)) as ApiResponse<T>
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
  return reply.value
}

const api: HookscopeApi = {
  getStatus: () => invoke(METHOD_CHANNELS.getStatus),
  listCaptures: (query) => invoke(METHOD_CHANNELS.listCaptures, query),
  getCapture: (id) => invoke(METHOD_CHANNELS.getCapture, id),
  deleteCapture: (id) => invoke(METHOD_CHANNELS.deleteCapture, id),
  pinCapture: (id, pinned) => invoke(METHOD_CHANNELS.pinCapture, id, pinned),
  clearCaptures: () => invoke(METHOD_CHANNELS.clearCaptures),
  getDecodedBody: (id) => invoke(METHOD_CHANNELS.getDecodedBody, id),
  vaultStatus: () => invoke(METHOD_CHANNELS.vaultStatus),
  useVaultPassphrase: (passphrase) => invoke(METHOD_CHANNELS.useVaultPassphrase, passphrase),
  listKeys: () => invoke(METHOD_CHANNELS.listKeys),
  importKey: (input) => invoke(METHOD_CHANNELS.importKey, input),
  generateKey: (input) => invoke(METHOD_CHANNELS.generateKey, input),
  revealKey: (id) => invoke(METHOD_CHANNELS.revealKey, id),
  deleteKey: (id) => invoke(METHOD_CHANNELS.deleteKey, id),
  listEndpoints: () => invoke(METHOD_CHANNELS.listEndpoints),
  saveEndpoint: (input) => invoke(METHOD_CHANNELS.saveEndpoint, input),
  deleteEndpoint: (id) => invoke(METHOD_CHANNELS.deleteEndpoint, id),
  verifyCapture: (id, options) => invoke(METHOD_CHANNELS.verifyCapture, id, options),
  listSchemes: () => invoke(METHOD_CHANNELS.listSchemes),
  getSettings: () => invoke(METHOD_CHANNELS.getSettings),
  replayCaptures: (ids, options) => invoke(METHOD_CHANNELS.replayCaptures, ids, options),
  sendRequest: (request, options) => invoke(METHOD_CHANNELS.sendRequest, request, options),
  listSent: () => invoke(METHOD_CHANNELS.listSent),
  probeReceiver: (request, options) => invoke(METHOD_CHANNELS.probeReceiver, request, options),
  getSent: (id) => invoke(METHOD_CHANNELS.getSent, id),
  updateSettings: (settings, allowNonLoopback) => invoke(METHOD_CHANNELS.updateSettings, settings, allowNonLoopback),
  startTunnel: (spec) => invoke(METHOD_CHANNELS.startTunnel, spec),
  stopTunnel: () => invoke(METHOD_CHANNELS.stopTunnel),
  saveScheme: (definition) => invoke(METHOD_CHANNELS.saveScheme, definition),
  deleteScheme: (id) => invoke(METHOD_CHANNELS.deleteScheme, id),
  on(event, listener) {
    if (!EVENT_NAMES.includes(event as HookscopeEventName)) throw new Error(`Unknown event ${String(event)}`)
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(event, wrapped)
    return () => void ipcRenderer.off(event, wrapped)
  }
}

contextBridge.exposeInMainWorld('hookscope', api)
