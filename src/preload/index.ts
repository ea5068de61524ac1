import { contextBridge, ipcRenderer } from 'electron'
import { HookscopeError } from '@shared/errors'
import {
  EVENT_NAMES,
  METHOD_CHANNELS,
  METHOD_NAMES,
  type ApiResponse,
  type HookscopeApi,
  type HookscopeEventName,
  type HookscopeMethods
} from '@shared/api/contract'

// Exposes exactly HookscopeApi as named functions: no channel names, no ipcRenderer, no process.

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, ...args)) as ApiResponse<T>
  if (!reply.ok) throw new HookscopeError(reply.error.code, reply.error.message)
  return reply.value
}

// Each method is a named function that sends its arguments on the method's channel.
const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (...args: unknown[]) => invoke(METHOD_CHANNELS[name], ...args)])
) as unknown as HookscopeMethods

const api: HookscopeApi = {
  ...methods,
  on(event, listener) {
    if (!EVENT_NAMES.includes(event as HookscopeEventName)) throw new Error(`Unknown event ${String(event)}`)
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(event, wrapped)
    return () => void ipcRenderer.off(event, wrapped)
  }
}

contextBridge.exposeInMainWorld('hookscope', api)
