import type { StateCreator } from 'zustand'
import { guarded } from './guard'
import type { AppState, EndpointsSlice, StoreDeps } from './types'

/** Endpoints, the user's schemes, and the verdicts they produce (checked in the host, which holds the keys). */
export const createEndpointsSlice =
  ({ api }: StoreDeps): StateCreator<AppState, [], [], EndpointsSlice> =>
  (set, get) => {
    const run = guarded(set, get)
    return {
      endpoints: [],
      customSchemes: [],
      saveEndpoint: (input) => run(() => api.saveEndpoint(input)),
      deleteEndpoint: (id) => run(() => api.deleteEndpoint(id)),
      saveScheme: (definition) => run(() => api.saveScheme(definition)),
      deleteScheme: (id) => run(() => api.deleteScheme(id)),
      reverify: (target) => api.reverifyCaptures(target),
      async useForPath(input) {
        const r = await api.useForPath(input)
        await get().refreshSetup()
        return r
      },
      async bindReturnedKey(input) {
        const r = await api.bindReturnedKey(input)
        await get().refreshSetup()
        return r
      },
      async fetchCertificate(input) {
        const r = await api.fetchCertificate(input)
        await get().refreshSetup()
        return r
      },
      confirmSubscription: (input) => api.confirmSubscription(input),
      verifyStored: (id, options) => api.verifyCapture(id, options)
    }
  }
