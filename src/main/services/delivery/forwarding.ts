import type { ComposedRequest, ProbeReportView, ReplayResultView } from '@shared/api/contract'
import type { CaptureSummary } from '@shared/model/capture'
import { HookscopeError } from '@shared/errors'
import type { KeyInput, SchemeDefinition } from '@shared/signatures'
import type { Composer } from './composer'
import type { Endpoint } from '@shared/model/vault'
import { cameBack, checkForwardTarget, forwardUrl, viaMark, type OwnPorts } from './forward-target'
import { otherKey, probe } from './probe'
import { replay } from './replay'
import { send } from './sender'
import type { CaptureOps } from '../store'
import type { Vault } from '../vault'

interface Deps {
  store: CaptureOps
  vault: Vault
  /** The saved endpoints (configuration's Endpoints): where each one forwards. */
  endpoints: { list(): readonly Endpoint[] }
  composer: Composer
  resolveScheme: (id: string) => SchemeDefinition | undefined
  now: () => number
  /** Hookscope's capture and UI ports, so nothing is ever forwarded back into them. */
  ownPorts: () => OwnPorts
  /** This Hookscope's mark in the `Via` header of what it forwards: a delivery that comes back with it is not forwarded again. */
  instance: string
  /** Settings: whether link-local and metadata addresses may be forward targets. */
  allowLinkLocal: () => boolean
  /** A capture's summary changed (its forward outcome): the list shows it. */
  onUpdated: (summaries: CaptureSummary[]) => void
}

/** Everything Hookscope sends out: live forwarding, replays, composed requests and receiver probes. */
export class Delivery {
  constructor(private readonly d: Deps) {}

  /** A scheme and a key that can sign with it, or a clear error. */
  private signer(schemeId: string, keyId: number): { scheme: SchemeDefinition; key: KeyInput } {
    const scheme = this.d.resolveScheme(schemeId)
    const key = this.d.vault.signingMaterial(keyId)
    if (!scheme) throw new HookscopeError('invalid-arguments', `Unknown scheme "${schemeId}".`)
    if (!key)
      throw new HookscopeError(
        'invalid-arguments',
        'That key cannot sign (a public key cannot, or it is gone): choose a secret or a private key.'
      )
    return { scheme, key }
  }

  /** Live forwarding, after the sender has its answer: byte-exact, the target's reply kept with the capture. */
  async forward(id: number, endpointId: number): Promise<void> {
    const target = this.d.endpoints.list().find((e) => e.id === endpointId)?.forwardTo
    if (!target) return
    const c = await this.d.store.get(id)
    if (!c) return
    let r: { status: number | null; error: string | null }
    try {
      if (cameBack(c.rawHeaders, this.d.instance)) {
        r = {
          status: null,
          error:
            "Not forwarded: this delivery came back from Hookscope's own forwarding (its " +
            "Via header carries this Hookscope's mark), so it would loop."
        }
      } else {
        const checked = await checkForwardTarget(target, this.d.ownPorts(), { allowLinkLocal: this.d.allowLinkLocal() })
        const headers: [string, string][] = [...c.rawHeaders, ['Via', viaMark(this.d.instance)]]
        r = await send(
          { method: c.method, url: forwardUrl(target, c.target), headers, body: c.body },
          { timeoutMs: 15_000, pinned: checked }
        )
      }
    } catch (e) {
      r = { status: null, error: `Not forwarded: ${(e as Error).message}` }
    }
    try {
      const s = await this.d.store.recordForward(id, r.status, r.error)
      if (s) this.d.onUpdated([s])
    } catch {
      /* the capture was deleted meanwhile */
    }
  }

  /** Sends captures again: byte-exact, or re-signed with a stored key and a fresh timestamp. */
  replay(
    ids: number[],
    o: { url: string; resign?: { scheme: string; keyId: number } | null; concurrency?: number }
  ): Promise<ReplayResultView[]> {
    const resign = o.resign ? this.signer(o.resign.scheme, o.resign.keyId) : undefined
    return replay(this.d.store, ids, {
      url: o.url,
      now: this.d.now,
      ...(resign ? { resign } : {}),
      ...(o.concurrency ? { concurrency: o.concurrency } : {})
    })
  }

  /** A valid delivery and the classic forgeries, sent to a receiver. */
  probe(
    request: ComposedRequest,
    o: { scheme: string; keyId: number; params?: Record<string, string> }
  ): Promise<ProbeReportView> {
    const { scheme, key } = this.signer(o.scheme, o.keyId)
    return probe({
      scheme,
      key,
      wrongKey: otherKey(scheme, key),
      base: request,
      now: this.d.now(),
      params: o.params ?? {},
      send: (r) => send(r, { timeoutMs: 10_000 })
    })
  }
}
