import type { StateCreator } from 'zustand'
import type { AppState, SetupSlice, StoreDeps } from './types'

export const createSetupSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SetupSlice> =>
  (set, get) => ({
    view: 'captures',
    vault: null,
    keys: [],
    endpoints: [],
    customSchemes: [],
    setupError: null,
    verdictFilter: null,
    setView(view) {
      set({ view, setupError: null })
      if (view !== 'captures') void get().refreshSetup()
    },
    async refreshSetup() {
      try {
        const [vault, keys, endpoints, customSchemes] = await Promise.all([api.vaultStatus(), api.listKeys(), api.listEndpoints(), api.listSchemes()])
        set({ vault, keys, endpoints, customSchemes })
      } catch (err) {
        set({ setupError: (err as Error).message })
      }
    },
    async runSetup(action) {
      set({ setupError: null })
      try {
        await action(api)
        await get().refreshSetup()
        return true
      } catch (err) {
        set({ setupError: (err as Error).message })
        return false
      }
    },
    async templateSecrets(secrets) {
      const filled: Record<string, string> = {}
      const bound: string[] = []
      const ok = await get().runSetup(async () => {
        for (const s of secrets) {
          const keys = await api.listKeys()
          const existing = keys.findLast((k) => k.name === s.keyName && k.kind === 'secret' && k.state !== 'lost')
          if (existing?.state === 'locked') throw new Error(`"${s.keyName}" is locked: unlock the vault first.`)
          const key = existing ?? (await api.generateKey({ kind: s.kind, name: s.keyName }))
          filled[s.keyName] = (await api.revealKey(key.id)) ?? ''
          for (const e of await api.listEndpoints()) {
            const receives = s.receivePath === e.pathPrefix || s.receivePath.startsWith(e.pathPrefix.replace(/\/?$/, '/'))
            if (e.scheme !== s.scheme || !receives || e.keyIds.includes(key.id)) continue
            await api.saveEndpoint({ ...e, keyIds: [...e.keyIds, key.id] })
            bound.push(`${e.name} ← ${s.keyName}`)
          }
        }
      })
      return ok ? { filled, bound } : null
    },
    async unlockVault(passphrase) {
      return get().runSetup(() => api.useVaultPassphrase(passphrase))
    },
    async keepKeysForSession() {
      return get().runSetup(() => api.keepKeysForSession())
    },
    reverify(target) {
      return api.reverifyCaptures(target)
    },
    importCaptures(data, name) {
      return api.importCaptures({ data, ...(name ? { name } : {}) })
    },
    replay(ids, options) {
      return api.replayCaptures(ids, options)
    },
    composeSend(request, options) {
      return api.sendRequest(request, options)
    },
    loadHistory() {
      return api.listSent()
    },
    probeReceiver(request, options) {
      return api.probeReceiver(request, options)
    },
    openSent(id) {
      return api.getSent(id)
    },
    loadSettings() {
      return api.getSettings()
    },
    verifyStored(id, options) {
      return api.verifyCapture(id, options)
    },
    setVerdictFilter(verdict) {
      set({ verdictFilter: verdict })
      void get().loadFirstPage()
    }
  })
