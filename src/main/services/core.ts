import { HookscopeError } from '@shared/errors'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { HookscopeEventName, HookscopeEvents, HookscopeMethods } from '@shared/api/contract'
import type { ListenerStatus, TunnelSpec, TunnelState } from '@shared/model/capture'
import { Tunnel, tunnelProvider } from './tunnel'
import { CaptureListener, DEFAULT_BODY_LIMIT, DEFAULT_LISTEN_PORT, type ListenerOptions } from './listener/capture-listener'
import { SettingsStore } from './settings-store'
import type { Settings } from '@shared/model/settings'
import { CaptureStore } from './store/capture-store'
import { InlineCaptureWriter, WorkerCaptureWriter, type CaptureWriter } from './store/capture-writer'
import { DATABASE_FILE, installKey } from './data-dir'
import { decodeContentEncoding } from './decode-body'
import { EndpointError, Endpoints } from './endpoints'
import { prepareCapture } from './prepare-capture'
import type { SecretBox } from './vault/secret-box'
import { Vault } from './vault/vault'
import { headerValue } from '@shared/http/headers'
import type { KeyInput, SchemeDefinition } from '@shared/signatures'
import { replay } from './replay'
import { verifyStoredCapture } from './verification'
import { Composer } from './composer'
import { otherKey, probe } from './probe'
import { send } from './sender'
import { forwardUrl, loopsBack } from './forward-target'
import { CustomSchemes } from './custom-schemes'
import { keyMismatch } from '@shared/signatures/keys'
import { reverify, type ReverifyTarget } from './reverify'
import { importCaptures } from './import-captures'
import type { NewCapture } from './store/capture-store'
import type { Preparation } from './listener/capture-listener'

export interface CoreOptions {
  dataDir: string
  listen?: { host?: string; port?: number }
  listener?: Omit<ListenerOptions, 'record' | 'onCaptured' | 'host' | 'port'>
  now?: () => number
  /** Built writer-worker module: commits then run off this thread. Without it they run inline. */
  writerWorkerUrl?: URL
  /** How secrets are sealed at rest; session-only (memory) until a passphrase is set when not given. */
  secretBox?: SecretBox | null
  /** Why no persistent box is offered (e.g. a weak OS keychain), said in the vault status. */
  secretBoxWeakReason?: string
}

/** Typed events the transports forward to the UI. */
export class CoreEvents {
  private readonly emitter = new EventEmitter()
  constructor() {
    this.emitter.setMaxListeners(100)
  }
  emit<E extends HookscopeEventName>(event: E, payload: HookscopeEvents[E]): void {
    this.emitter.emit(event, payload)
  }
  on<E extends HookscopeEventName>(event: E, listener: (payload: HookscopeEvents[E]) => void): () => void {
    this.emitter.on(event, listener)
    return () => this.emitter.off(event, listener)
  }
}

/**
 * The services behind both composition roots (Electron main and the web-mode host):
 * the store, the capture listener and the methods of the contract over them.
 */
export class HookscopeCore {
  readonly events = new CoreEvents()
  readonly store: CaptureStore
  readonly vault: Vault
  readonly endpoints: Endpoints
  readonly schemes: CustomSchemes
  readonly settings: SettingsStore
  readonly composer: Composer
  private listener_: CaptureListener
  private writer: CaptureWriter | null = null
  private listenError: string | null = null
  private host: string
  private port: number

  constructor(private readonly options: CoreOptions) {
    this.store = CaptureStore.open(join(options.dataDir, DATABASE_FILE), options.now)
    this.vault = new Vault(this.store.connection, options.secretBox ?? null, options.now, options.secretBoxWeakReason ?? null, installKey(options.dataDir))
    this.endpoints = new Endpoints(this.store.connection)
    this.schemes = new CustomSchemes(this.store.connection)
    // Command-line / launch options win over stored settings for where to listen.
    this.settings = new SettingsStore(this.store.connection, {
      listenHost: options.listen?.host ?? '127.0.0.1',
      listenPort: options.listen?.port ?? DEFAULT_LISTEN_PORT,
      bodyLimit: options.listener?.bodyLimit ?? DEFAULT_BODY_LIMIT,
      keepLast: 0,
      keepDays: 0
    })
    this.composer = new Composer({
      db: this.store.connection,
      resolveScheme: (id) => this.schemes.resolve(id),
      signingKey: (id) => this.vault.signingMaterial(id),
      maskFor: (id) => this.vault.maskFor([id]),
      ...(options.now ? { now: options.now } : {})
    })
    const stored = this.settings.get()
    this.host = options.listen?.host ?? stored.listenHost
    this.port = options.listen?.port ?? stored.listenPort
    this.listener_ = this.makeListener(stored.bodyLimit)
  }

  get listener(): CaptureListener {
    return this.listener_
  }

  private makeListener(bodyLimit: number): CaptureListener {
    const options = this.options
    return new CaptureListener({
      ...options.listener,
      bodyLimit,
      host: this.host,
      port: this.port,
      ...(options.now ? { now: options.now } : {}),
      record: (batch) => this.writer!.insertMany(batch),
      prepare: (capture) => this.prepare(capture),
      onCaptured: (summaries) => {
        this.events.emit('captures:added', summaries)
        this.applyRetention()
        for (const s of summaries) if (s.endpointId !== null) void this.forward(s.id, s.endpointId)
      }
    })
  }

  /** Which endpoint a request belongs to, its reply and its signature verdict (before it is stored). */
  private prepare(capture: NewCapture): Promise<Preparation> | null {
    return prepareCapture(capture, {
      endpoints: this.endpoints,
      vault: this.vault,
      store: this.store,
      resolveScheme: (id) => this.schemes.resolve(id),
      customSchemes: () => this.schemes.list()
    })
  }

  /** Checks stored captures again with their endpoints' current schemes and keys; changes reach the UI. */
  reverify(target: ReverifyTarget): Promise<{ checked: number; changed: number }> {
    return reverify(
      {
        store: this.store,
        endpoints: this.endpoints,
        vault: this.vault,
        resolveScheme: (id) => this.schemes.resolve(id),
        customSchemes: () => this.schemes.list(),
        onUpdated: (summaries) => this.events.emit('captures:updated', summaries)
      },
      target
    )
  }

  /** Live forwarding, after the sender has its answer: byte-exact, the target's reply kept with the capture. */
  private async forward(id: number, endpointId: number): Promise<void> {
    const target = this.endpoints.list().find((e) => e.id === endpointId)?.forwardTo
    if (!target) return
    const c = this.store.get(id)
    if (!c) return
    let r: { status: number | null; error: string | null }
    try {
      r = loopsBack(target, this.listener_.address)
        ? { status: null, error: `Not forwarded: ${target} is Hookscope's own capture port, so every delivery would be forwarded again.` }
        : await send({ method: c.method, url: forwardUrl(target, c.target), headers: c.rawHeaders, body: c.body }, { timeoutMs: 15_000 })
    } catch (e) {
      r = { status: null, error: (e as Error).message }
    }
    try {
      this.store.recordForward(id, r.status, r.error)
    } catch {
      /* the capture was deleted meanwhile */
    }
  }

  private applyRetention(): void {
    const { keepLast, keepDays } = this.settings.get()
    if (!keepLast && !keepDays) return
    const removed = this.store.prune(keepLast, keepDays ? (this.options.now ?? Date.now)() - keepDays * 86_400_000 : 0)
    if (removed > 0) this.events.emit('captures:removed', { ids: 'all' })
  }

  /** Saves settings and, when the address or body limit changed, restarts the listener on them. */
  async updateSettings(next: Settings, allowNonLoopback: boolean): Promise<Settings> {
    const before = this.settings.get()
    const saved = this.settings.set(next, allowNonLoopback)
    if (saved.listenHost !== this.host || saved.listenPort !== this.port || saved.bodyLimit !== before.bodyLimit) {
      await this.listener_.stop()
      this.host = saved.listenHost
      this.port = saved.listenPort
      this.listener_ = this.makeListener(saved.bodyLimit)
      await this.start().catch(() => undefined)
    }
    this.applyRetention()
    return saved
  }

  /** Starts the listener; a failure (busy port) is kept in the status rather than thrown away. */
  async start(): Promise<ListenerStatus> {
    const file = join(this.options.dataDir, DATABASE_FILE)
    this.writer ??= this.options.writerWorkerUrl ? await WorkerCaptureWriter.start(file, this.options.writerWorkerUrl) : new InlineCaptureWriter(this.store)
    try {
      await this.listener_.start()
      this.listenError = null
    } catch (err) {
      this.listenError = (err as Error).message
      throw err
    } finally {
      this.events.emit('listener:status', this.status())
    }
    return this.status()
  }

  status(): ListenerStatus {
    const a = this.listener_.address
    return {
      listening: a !== null,
      url: a?.url ?? null,
      host: a?.host ?? this.host,
      port: a?.port ?? this.port,
      error: this.listenError,
      captureCount: this.store.count(),
      dataDir: this.options.dataDir,
      tunnel: this.tunnel
    }
  }

  private tunnel: TunnelState | null = null
  private tunnelRunner: Tunnel | null = null
  /** The tunnel's state, shown beside the local URL; every change reaches the UI. */
  private setTunnel(state: TunnelState | null): void {
    this.tunnel = state
    this.events.emit('listener:status', this.status())
  }

  /** The capture port (only it) made public; a running tunnel is replaced. Bad specs throw before anything starts. */
  startTunnel(spec: TunnelSpec): TunnelState {
    const provider = tunnelProvider({ ...spec, ngrokAuthtoken: () => process.env.NGROK_AUTHTOKEN ?? this.vault.secretNamed('ngrok') ?? '' })
    this.stopTunnel()
    const runner = new Tunnel(provider, this.status().port)
    runner.on('status', (s) => {
      if (this.tunnelRunner === runner) this.setTunnel(s)
    })
    this.tunnelRunner = runner
    this.setTunnel(runner.state)
    runner.start()
    return runner.state
  }

  stopTunnel(): void {
    const runner = this.tunnelRunner
    this.tunnelRunner = null
    runner?.stop()
    if (this.tunnel) this.setTunnel(null)
  }

  /** The contract's methods; transports validate arguments before calling these. */
  readonly methods: HookscopeMethods = {
    getStatus: async () => this.status(),
    listCaptures: async (query) => this.store.list(query),
    getCapture: async (id) => this.store.get(id),
    deleteCapture: async (id) => {
      const removed = this.store.delete(id)
      if (removed) this.events.emit('captures:removed', { ids: [id] })
      return removed
    },
    pinCapture: async (id, pinned) => this.store.setPinned(id, pinned),
    getDecodedBody: async (id) => {
      const c = this.store.get(id)
      return c ? decodeContentEncoding(c.body, headerValue(c.rawHeaders, 'content-encoding')) : null
    },
    vaultStatus: async () => this.vault.status(),
    useVaultPassphrase: async (passphrase) => {
      const wasLocked = this.vault.status().locked
      const status = this.vault.usePassphrase(passphrase)
      // Verdicts that waited for the passphrase are checked now, in the background.
      if (wasLocked) void this.reverify({ verdict: 'key-locked' }).catch(() => undefined)
      return status
    },
    keepKeysForSession: async () => this.vault.keepForSession(),
    reverifyCaptures: async (target) => this.reverify(target),
    importCaptures: async ({ data, name }) => {
      const r = await importCaptures(
        { now: this.options.now ?? Date.now, prepare: (c) => this.prepare(c), record: (batch) => this.writer!.insertMany(batch) },
        data,
        name
      )
      if (r.captures.length) this.events.emit('captures:added', r.captures)
      return r
    },
    listKeys: async () => this.vault.list(),
    importKey: async ({ name, material }) => this.vault.importKey(name, material),
    generateKey: async ({ name, kind }) => this.vault.generate(kind, name),
    revealKey: async (id) => this.vault.reveal(id),
    deleteKey: async (id) => this.vault.delete(id),
    listEndpoints: async () => this.endpoints.list(),
    saveEndpoint: async (input) => {
      if (input.forwardTo && /^https?:\/\//.test(input.forwardTo.trim()) && loopsBack(input.forwardTo.trim(), this.listener_.address)) {
        throw new EndpointError(
          `Forward to ${input.forwardTo.trim()} is Hookscope's own capture port: every delivery would be forwarded again. Point it at your app.`
        )
      }
      // A key that cannot check this scheme's signatures would make every verdict wrong: refuse it here.
      const def = input.scheme ? this.schemes.resolve(input.scheme) : undefined
      for (const id of def ? input.keyIds : []) {
        const key = this.vault.get(id)
        const why = key && keyMismatch(def!, key)
        if (why) throw new EndpointError(`${why} Choose another key for this endpoint.`)
      }
      return this.endpoints.save(input)
    },
    deleteEndpoint: async (id) => this.endpoints.delete(id),
    verifyCapture: async (id, args) => verifyStoredCapture(this, id, args),
    listSchemes: async () => this.schemes.list(),
    saveScheme: async (definition) => this.schemes.save(definition),
    deleteScheme: async (id) => this.schemes.delete(id),
    getSettings: async () => this.settings.get(),
    sendRequest: async (request, options) => this.composer.send(request, options),
    listSent: async () => this.composer.history(),
    probeReceiver: async (request, { scheme, keyId, params }) => {
      const def = this.schemes.resolve(scheme)
      const key = this.vault.signingMaterial(keyId)
      if (!def) throw new HookscopeError('invalid-arguments', `Unknown scheme "${scheme}".`)
      if (!key) throw new HookscopeError('invalid-arguments', 'That key cannot sign (a public key cannot; choose a secret or a private key).')
      return probe({
        scheme: def,
        key,
        wrongKey: otherKey(def, key),
        base: request,
        now: Date.now(),
        params: params ?? {},
        send: (r) => send(r, { timeoutMs: 10_000 })
      })
    },
    getSent: async (id) => this.composer.get(id),
    replayCaptures: async (ids, { url, resign, concurrency }) => {
      let re: { scheme: SchemeDefinition; key: KeyInput } | undefined
      if (resign) {
        const scheme = this.schemes.resolve(resign.scheme)
        const key = this.vault.signingMaterial(resign.keyId)
        if (!scheme) throw new HookscopeError('invalid-arguments', `Unknown scheme "${resign.scheme}".`)
        if (!key) throw new HookscopeError('invalid-arguments', 'That key cannot sign (it is a public key, or gone).')
        re = { scheme, key }
      }
      return replay(this.store, ids, { url, ...(re ? { resign: re } : {}), ...(concurrency ? { concurrency } : {}) })
    },
    startTunnel: async (spec) => this.startTunnel(spec),
    stopTunnel: async () => this.stopTunnel(),
    updateSettings: async (next, allowNonLoopback) => this.updateSettings(next, allowNonLoopback),
    clearCaptures: async () => {
      const n = this.store.clear()
      this.events.emit('captures:removed', { ids: 'all' })
      return n
    }
  }

  async close(): Promise<void> {
    this.stopTunnel()
    await this.listener_.stop()
    await this.writer?.close()
    this.store.close()
  }
}
