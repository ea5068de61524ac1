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
      keepKeysForSession: () => run(() => api.keepKeysForSession()),
      async templateSecrets(secrets) {
        const filled: Record<string, string> = {}
        const bound: string[] = []
        const ok = await run(async () => {
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
      }
    }
  }
