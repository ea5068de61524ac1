import type { StateCreator } from 'zustand'
import { guarded } from './guard'
import type { AppState, KeysSlice, StoreDeps } from './types'

/** The vault and its keys: what the UI may know of them (never a secret unless revealed). */
export const createKeysSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], KeysSlice> =>
  (set, get) => {
    const run = guarded(set, get)
    return {
      vault: null,
      keys: [],
      importKey: (name, material) => run(() => api.importKey({ name, material })),
      generateKey: (kind, name) => run(() => api.generateKey({ kind, name })),
      async revealKey(id) {
        let secret: string | null = null
        await run(async () => void (secret = await api.revealKey(id)))
        return secret
      },
      deleteKey: (id) => run(() => api.deleteKey(id)),
      unlockVault: (passphrase) => run(() => api.useVaultPassphrase(passphrase)),
      keepKeysForSession: () => run(() => api.keepKeysForSession())
    }
  }
