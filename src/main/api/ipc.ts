import type { IpcMainInvokeEvent } from 'electron'
import {
  HOST_EVENT_NAMES,
  METHOD_CHANNELS,
  type HookscopeMethodName,
  type HookscopeMethods
} from '@shared/api/contract'
import type { CoreEvents } from '../services/core'
import { isTrustedUrl } from '../electron/hardening'
import { dispatch, toApiError } from './dispatch'

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
      if (!isTrustedUrl(event.senderFrame?.url))
        return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } }
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
  const offs = HOST_EVENT_NAMES.map((name) => events.on(name, (payload) => send(name, payload)))
  return () => offs.forEach((off) => off())
}
