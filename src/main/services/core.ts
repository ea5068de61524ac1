import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { HookscopeEvents, HookscopeMethods, HostEventName } from '@shared/api/contract'
import type { CaptureSummary, ListenerStatus, TunnelSpec, TunnelState } from '@shared/model/capture'
import type { Settings } from '@shared/model/settings'
import {
  CaptureDescriber,
  RemovedNotices,
  retainPolicy,
  Verdicts,
  CaptureListener,
  DEFAULT_BODY_LIMIT,
  DEFAULT_LISTEN_PORT,
  type ListenerOptions,
  type Download
} from './capture'
import { Composer, Delivery, type OwnPorts } from './delivery'
import { CustomSchemes, DATABASE_FILE, installKey, Endpoints, SettingsError, SettingsStore } from './configuration'
import { coreMethods } from './core-methods'
import {
  CaptureStore,
  type NewCapture,
  forwardOps,
  inlineCaptureDb,
  startCaptureThreads,
  type CaptureDb,
  type CaptureOps
} from './store'
import { TunnelControl } from './tunnel'
import { type SecretBox, Vault } from './vault'

export interface CoreOptions {
  dataDir: string
  listen?: { host?: string; port?: number }
  listener?: Omit<ListenerOptions, 'record' | 'onCaptured' | 'host' | 'port'>
  now?: () => number
  /** Built store-worker module: capture reads, commits and upkeep then run off this thread. Without it they run inline. */
  storeWorkerUrl?: URL
  /** How secrets are sealed at rest; session-only (memory) until a passphrase is set when not given. */
  secretBox?: SecretBox | null
  /** Why no persistent box is offered (e.g. a weak OS keychain), said in the vault status. */
  secretBoxWeakReason?: string
  /** How signing certificates are downloaded (default: https fetch; tests serve their own). */
  download?: Download
}

/** Typed events the transports forward to the UI. */
export class CoreEvents {
  private readonly emitter = new EventEmitter()
  constructor() {
    this.emitter.setMaxListeners(100)
  }
  emit<E extends HostEventName>(event: E, payload: HookscopeEvents[E]): void {
    this.emitter.emit(event, payload)
  }
  on<E extends HostEventName>(event: E, listener: (payload: HookscopeEvents[E]) => void): () => void {
    this.emitter.on(event, listener)
    return () => this.emitter.off(event, listener)
  }
}

/**
 * The composition root behind both shells (Electron main and the web-mode host): it builds the
 * services over one store, starts the listener, and maps each contract method to the service that
 * owns it. Logic lives in the services; this file only wires them.
 */
export class HookscopeCore {
  readonly events = new CoreEvents()
  /** The main thread's connection: migrations, and the small tables (vault, endpoints, settings, schemes, history). */
  readonly store: CaptureStore
  /** Captures: read, written and kept up off this thread once started (see CaptureDb). */
  readonly captures: CaptureOps = forwardOps(() => this.db)
  private db_: CaptureDb | null = null
  private threaded = false
  readonly vault: Vault
  readonly endpoints: Endpoints
  readonly schemes: CustomSchemes
  readonly settings: SettingsStore
  readonly composer: Composer
  readonly verdicts: Verdicts
  /** The capture path's one detection of provider and event (listener and import alike). */
  readonly describer: CaptureDescriber
  readonly delivery: Delivery
  readonly tunnel: TunnelControl
  readonly now: () => number
  readonly download: Download | undefined
  private listener_: CaptureListener
  private listenError: string | null = null
  private host: string
  private port: number

  constructor(private readonly options: CoreOptions) {
    this.now = options.now ?? Date.now
    this.download = options.download
    this.store = CaptureStore.open(join(options.dataDir, DATABASE_FILE), this.now)
    this.vault = new Vault(
      this.store.connection,
      options.secretBox ?? null,
      this.now,
      options.secretBoxWeakReason ?? null,
      installKey(options.dataDir)
    )
    this.endpoints = new Endpoints(this.store.connection, this.now)
    this.schemes = new CustomSchemes(this.store.connection, this.now)
    // Command-line / launch options win over stored settings for where to listen.
    this.settings = new SettingsStore(this.store.connection, {
      listenHost: options.listen?.host ?? '127.0.0.1',
      listenPort: options.listen?.port ?? DEFAULT_LISTEN_PORT,
      bodyLimit: options.listener?.bodyLimit ?? DEFAULT_BODY_LIMIT,
      keepLast: 0,
      keepDays: 0,
      forwardToLinkLocal: false
    })
    const resolveScheme = (id: string) => this.schemes.resolve(id)
    this.composer = new Composer({
      db: this.store.connection,
      resolveScheme,
      signingKey: (id) => this.vault.signingMaterial(id),
      maskFor: (id) => this.vault.maskFor([id]),
      now: this.now
    })
    this.describer = new CaptureDescriber(() => this.schemes.list())
    this.verdicts = new Verdicts({
      describer: this.describer,
      store: this.captures,
      vault: this.vault,
      endpoints: this.endpoints,
      schemes: this.schemes,
      onUpdated: (summaries) => this.events.emit('captures:updated', summaries)
    })
    this.delivery = new Delivery({
      store: this.captures,
      vault: this.vault,
      endpoints: this.endpoints,
      composer: this.composer,
      resolveScheme,
      now: this.now,
      ownPorts: () => this.ownPorts(),
      instance: randomBytes(6).toString('hex'),
      allowLinkLocal: () => this.settings.get().forwardToLinkLocal,
      onUpdated: (summaries) => this.events.emit('captures:updated', summaries)
    })
    this.tunnel = new TunnelControl(
      () => this.events.emit('listener:status', this.status()),
      () => process.env.NGROK_AUTHTOKEN ?? this.vault.secretNamed('ngrok') ?? '',
      () => process.env.TUNNEL_TOKEN ?? this.vault.secretNamed('cloudflared') ?? ''
    )
    const stored = this.settings.get()
    this.host = options.listen?.host ?? stored.listenHost
    this.port = options.listen?.port ?? stored.listenPort
    this.listener_ = this.makeListener(stored.bodyLimit)
  }

  /** Inline on this thread until start() brings up the store threads (and in tests without them). */
  private get db(): CaptureDb {
    return (this.db_ ??= inlineCaptureDb(this.store, this.storeEvents))
  }

  /** Tells the window which captures went, with the count after. */
  removed(ids: number[]): void {
    this.events.emit('captures:removed', { ids, count: this.db.knownCount() })
  }

  /** What retention removed (in commits and in the background), told to the window a few times a second. */
  readonly retained = new RemovedNotices((ids) => this.removed(ids))

  private readonly storeEvents = {
    removed: (ids: number[]) => this.retained.add(ids),
    upkeep: () => this.events.emit('listener:status', this.status())
  }

  /** Commits a batch with the retention policy of the moment (applied in the same transaction). */
  async record(batch: NewCapture[]): Promise<CaptureSummary[]> {
    const { added, removed } = await this.db.commit(batch, retainPolicy(this.settings.get(), this.now()))
    this.retained.add(removed)
    return added
  }

  /** The web UI's port when this core is served over HTTP: never a forward target or a capture port. */
  uiPort: number | null = null

  ownPorts(): OwnPorts {
    return { capture: this.listener_.address?.port ?? null, ui: this.uiPort }
  }

  get listener(): CaptureListener {
    return this.listener_
  }

  private makeListener(bodyLimit: number): CaptureListener {
    return new CaptureListener({
      ...this.options.listener,
      bodyLimit,
      host: this.host,
      port: this.port,
      now: this.now,
      record: (batch) => this.record(batch),
      prepare: (capture) => this.verdicts.prepare(capture),
      describe: (capture) => this.describer.describe(capture),
      onCaptured: (summaries) => {
        this.events.emit('captures:added', summaries)
        for (const s of summaries) if (s.endpointId !== null) void this.delivery.forward(s.id, s.endpointId)
      }
    })
  }

  /** Saves settings and, when the address or body limit changed, restarts the listener on them. */
  async updateSettings(next: Settings, allowNonLoopback: boolean): Promise<Settings> {
    const before = this.settings.get()
    if (this.uiPort !== null && next.listenPort === this.uiPort)
      throw new SettingsError(`Port ${next.listenPort} is Hookscope's own UI port: choose another for captures.`)
    const saved = this.settings.set(next, allowNonLoopback)
    if (saved.listenHost !== this.host || saved.listenPort !== this.port || saved.bodyLimit !== before.bodyLimit) {
      await this.listener_.stop()
      this.host = saved.listenHost
      this.port = saved.listenPort
      this.listener_ = this.makeListener(saved.bodyLimit)
      await this.start().catch(() => undefined)
    }
    // A lowered limit: the first batch now, the rest in the background between commits.
    const policy = retainPolicy(saved, this.now())
    if (policy) {
      this.retained.add(await this.db.prune(policy.keepLast, policy.beforeMs))
    }
    return saved
  }

  /** Starts the listener; a failure (busy port) is kept in the status rather than thrown away. */
  async start(): Promise<ListenerStatus> {
    const file = join(this.options.dataDir, DATABASE_FILE)
    if (this.options.storeWorkerUrl && !this.threaded) {
      const inline = this.db_
      this.db_ = await startCaptureThreads(file, this.options.storeWorkerUrl, this.storeEvents)
      this.threaded = true
      // Its upkeep stops here: the writer thread's takes over.
      await inline?.close()
      // This thread's own writes (settings, keys) must not run a checkpoint either: the reader thread does.
      this.store.upkeep.leaveCheckpoints()
    }
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
      captureCount: this.db.knownCount(),
      storeUpkeep: this.db.upkeep(),
      dataDir: this.options.dataDir,
      tunnel: this.tunnel.state
    }
  }

  /** The capture port (only it) made public; a running tunnel is replaced. Bad specs throw before anything starts. */
  startTunnel(spec: TunnelSpec): TunnelState {
    return this.tunnel.start(spec, this.status().port)
  }

  /**
   * The tunnel started from the app last time, started again (a permanent URL is back as it was); a spec that no
   * longer works is shown failed.
   */
  startSavedTunnel(): TunnelState | null {
    const spec = this.settings.tunnel()
    if (!spec) return null
    try {
      return this.startTunnel(spec)
    } catch (err) {
      return this.tunnel.failed(spec, (err as Error).message)
    }
  }

  /** The contract's methods, each handed to the service that owns it (core-methods.ts); transports validate arguments first. */
  readonly methods: HookscopeMethods = coreMethods(this)

  async close(): Promise<void> {
    this.retained.flush()
    this.tunnel.stop()
    await this.listener_.stop()
    await this.db_?.close()
    this.store.close()
  }
}
