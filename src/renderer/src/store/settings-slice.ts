import type { StateCreator } from 'zustand'
import { guarded } from './guard'
import type { AppState, SettingsSlice, StoreDeps } from './types'

/** Which view is open, the setup lists behind the views, settings and the tunnel. */
export const createSettingsSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], SettingsSlice> =>
  (set, get) => {
    const run = guarded(set, get)
    return {
      view: 'captures',
      overlay: null,
      setOverlay: (overlay) => set({ overlay }),
      setupError: null,
      setView(view) {
        set({ view, setupError: null })
        if (view !== 'captures') void get().refreshSetup()
      },
      async refreshSetup() {
        try {
          const [vault, keys, endpoints, customSchemes] = await Promise.all([
            api.vaultStatus(),
            api.listKeys(),
            api.listEndpoints(),
            api.listSchemes()
          ])
          set({ vault, keys, endpoints, customSchemes })
        } catch (err) {
          set({ setupError: (err as Error).message })
        }
      },
      loadSettings: () => api.getSettings(),
      async saveSettings(settings, allowNonLoopback) {
        const ok = await run(() => api.updateSettings(settings, allowNonLoopback))
        void get().refreshStatus()
        return ok
      },
      startTunnel: (spec) => run(() => api.startTunnel(spec)),
      stopTunnel: () => run(() => api.stopTunnel())
    }
  }
