import type { HookscopeEvents, HookscopeMethods, HostEventName } from '@shared/api/contract'
import { headerValue } from '@shared/http/headers'
import type { Endpoint, EndpointInput } from '@shared/model/vault'
import { version } from '../../../package.json'
import {
  bindReturnedKey,
  setUpForPath,
  exportPage,
  confirmSubscription,
  fetchCertificate,
  type CertificateDeps,
  type Download,
  decodeContentEncoding,
  importCaptures,
  type CaptureDescriber,
  type RemovedNotices,
  type Verdicts
} from './capture'
import { checkBinding, type CustomSchemes, type Endpoints, type SettingsStore } from './configuration'
import type { Composer, Delivery, OwnPorts } from './delivery'
import type { CaptureOps, NewCapture } from './store'
import type { TunnelControl } from './tunnel'
import type { Vault } from './vault'
import type { CaptureSummary, ListenerStatus, TunnelSpec, TunnelState } from '@shared/model/capture'
import type { Settings } from '@shared/model/settings'

/** What the method table reads of the core (CoreParts is one): its services and a few of its own acts. */
export interface CoreParts {
  captures: CaptureOps
  composer: Composer
  delivery: Delivery
  describer: CaptureDescriber
  endpoints: Endpoints
  events: { emit<E extends HostEventName>(event: E, payload: HookscopeEvents[E]): void }
  now: () => number
  /** How signing certificates are downloaded (https; tests serve their own). */
  download?: Download
  retained: RemovedNotices
  schemes: CustomSchemes
  settings: SettingsStore
  tunnel: TunnelControl
  vault: Vault
  verdicts: Verdicts
  ownPorts(): OwnPorts
  record(batch: NewCapture[]): Promise<CaptureSummary[]>
  removed(ids: number[]): void
  startTunnel(spec: TunnelSpec): TunnelState
  status(): ListenerStatus
  updateSettings(next: Settings, allowNonLoopback: boolean): Promise<Settings>
}

/** Saves an endpoint after what it must not be bound to is ruled out (checkBinding). */
async function saveChecked(core: CoreParts, input: EndpointInput): Promise<Endpoint> {
  await checkBinding(input, {
    resolveScheme: (id) => core.schemes.resolve(id),
    key: (id) => core.vault.get(id),
    ownPorts: () => core.ownPorts(),
    allowLinkLocal: core.settings.get().forwardToLinkLocal,
    others: () => core.endpoints.list()
  })
  return core.endpoints.save(input)
}

/** What setting an endpoint up from a capture or a provider's answer needs: the same checks as the Endpoints view. */
function setupDeps(core: CoreParts) {
  return {
    vault: core.vault,
    endpoints: core.endpoints,
    resolveScheme: (id: string) => core.schemes.resolve(id),
    save: (e: EndpointInput) => saveChecked(core, e),
    reverify: (endpointId: number) => core.verdicts.reverify({ endpointId })
  }
}

/** The contract's methods, each handed to the service of the core that owns it. */
/** What fetching from a provider's pinned hosts needs (certificates, SNS subscriptions). */
const providerFetch = (core: CoreParts): CertificateDeps => ({
  captures: core.captures,
  vault: core.vault,
  resolveScheme: (id) => core.schemes.resolve(id),
  now: core.now,
  download: core.download
})

export function coreMethods(core: CoreParts): HookscopeMethods {
  return {
    getStatus: async () => core.status(),
    listCaptures: (query) => core.captures.list(query),
    countCaptures: (query) => core.captures.count(query),
    getCapture: (id) => core.captures.get(id),
    deleteCapture: async (id) => {
      const removed = await core.captures.delete(id)
      if (removed) core.removed([id])
      return removed
    },
    pinCapture: (id, pinned) => core.captures.setPinned(id, pinned),
    clearCaptures: async () => {
      // At once: the rows are hidden now and go (and give their space back) in the background.
      const n = await core.captures.clear()
      // Everything went: removals still waiting to be told are part of it.
      core.retained.drop()
      core.events.emit('captures:removed', { ids: 'all', count: 0 })
      return n
    },
    getDecodedBody: async (id) => {
      const c = await core.captures.get(id)
      return c ? decodeContentEncoding(c.body, headerValue(c.rawHeaders, 'content-encoding')) : null
    },
    importCaptures: async ({ data, name }) => {
      const r = await importCaptures(
        {
          now: core.now,
          retention: () => core.settings.get(),
          prepare: (c) => core.verdicts.prepare(c),
          describe: (c) => core.describer.describe(c),
          record: (batch) => core.record(batch)
        },
        data,
        name
      )
      if (r.captures.length) core.events.emit('captures:added', r.captures)
      return r
    },
    exportCaptures: (request) => exportPage(core.captures, request, version),
    verifyCapture: async (id, args) => core.verdicts.verify(id, args),
    fetchCertificate: async (input) => fetchCertificate(providerFetch(core), input),
    confirmSubscription: async (input) => confirmSubscription(providerFetch(core), input),
    reverifyCaptures: async (target) => core.verdicts.reverify(target),
    vaultStatus: async () => core.vault.status(),
    useVaultPassphrase: async (passphrase) => core.verdicts.unlock(passphrase),
    keepKeysForSession: async () => core.vault.keepForSession(),
    listKeys: async () => core.vault.list(),
    importKey: async ({ name, material }) => core.vault.importKey(name, material),
    generateKey: async ({ name, kind }) => core.vault.generate(kind, name),
    revealKey: async (id) => core.vault.reveal(id),
    deleteKey: async (id) => core.vault.delete(id),
    listEndpoints: async () => core.endpoints.list(),
    saveEndpoint: async (input) => {
      const saved = await saveChecked(core, input)
      // Its captures (and the default endpoint's under its prefix) are checked again in the background, in pages.
      void core.verdicts.reverify({ endpointId: saved.id }).catch(() => undefined)
      return saved
    },
    useForPath: async (input) => setUpForPath(setupDeps(core), input),
    bindReturnedKey: async (input) => bindReturnedKey(setupDeps(core), input),
    deleteEndpoint: async (id) => core.endpoints.delete(id),
    listSchemes: async () => core.schemes.list(),
    saveScheme: async (definition) => core.schemes.save(definition),
    deleteScheme: async (id) => core.schemes.delete(id),
    sendRequest: async (request, options) => core.composer.send(request, options),
    listSent: async () => core.composer.history(),
    getSent: async (id) => core.composer.get(id),
    replayCaptures: async (ids, options) => core.delivery.replay(ids, options),
    probeReceiver: async (request, options) => core.delivery.probe(request, options),
    startTunnel: async (spec) => {
      const state = core.startTunnel(spec)
      // Started from the app: started again at the next launch.
      core.settings.setTunnel(spec)
      return state
    },
    stopTunnel: async () => {
      core.tunnel.stop()
      core.settings.setTunnel(null)
    },
    getSettings: async () => core.settings.get(),
    updateSettings: async (next, allowNonLoopback) => core.updateSettings(next, allowNonLoopback)
  }
}
