import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { METHOD_CHANNELS, METHOD_NAMES } from '@shared/api/contract'

const BUILT = resolve(import.meta.dirname, '../../out/preload/index.cjs')

/** Runs the built preload as Electron's sandbox would: CommonJS, with `require('electron')` only. */
function loadPreload() {
  const exposed: Record<string, unknown> = {}
  const invoked: unknown[][] = []
  const listeners = new Map<string, unknown>()
  const required: string[] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args)
        return { ok: true, value: 'v' }
      },
      on: (c: string, l: unknown) => void listeners.set(c, l),
      off: (c: string) => void listeners.delete(c)
    }
  }
  const source = readFileSync(BUILT, 'utf8')
  const module = { exports: {} }
  runInNewContext(source, {
    require: (name: string) => {
      required.push(name)
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`)
      return electron
    },
    module,
    exports: module.exports
  })
  return { exposed, invoked, listeners, required }
}

describe('built preload (out/preload/index.cjs; run `npm run build` first)', () => {
  it('is CommonJS that requires only electron and exposes exactly the contract', () => {
    const { exposed, required } = loadPreload()
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['hookscope'])
    const api = exposed.hookscope as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort())
    for (const v of Object.values(api)) expect(typeof v).toBe('function')
  })

  it('maps each method to its channel and subscribes only to known events', async () => {
    const { exposed, invoked, listeners } = loadPreload()
    const api = exposed.hookscope as {
      getCapture(id: number): Promise<unknown>
      on(e: string, l: (p: unknown) => void): () => void
    }
    expect(await api.getCapture(7)).toBe('v')
    expect(invoked).toEqual([[METHOD_CHANNELS.getCapture, 7]])
    const off = api.on('captures:added', () => undefined)
    expect([...listeners.keys()]).toEqual(['captures:added'])
    off()
    expect(listeners.size).toBe(0)
    expect(() => api.on('anything:else', () => undefined)).toThrow(/Unknown event/)
  })
})
