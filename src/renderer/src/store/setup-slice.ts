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
