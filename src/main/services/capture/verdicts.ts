import type { VaultStatus } from '@shared/model/vault'
import type { CaptureSummary } from '@shared/model/capture'
import type { SchemeDefinition, VerifyResult } from '@shared/signatures'
import type { CaptureDescriber } from './describe'
import type { Endpoints } from '../configuration'
import type { Preparation } from './listener/capture-listener'
import { prepareCapture } from './prepare-capture'
import { reverify, type ReverifyResult, type ReverifyTarget } from './reverify'
import type { CaptureOps, NewCapture } from '../store'
import { verifyStoredCapture, type VerifyCaptureArgs } from './verification'
import type { Vault } from '../vault'

interface Deps {
  store: CaptureOps
  vault: Vault
  endpoints: Endpoints
  schemes: { resolve(id: string): SchemeDefinition | undefined; list(): SchemeDefinition[] }
  /** Provider and event, detected once per capture (capture/describe.ts). */
  describer: CaptureDescriber
  onUpdated: (summaries: CaptureSummary[]) => void
}

/**
 * Signature verdicts with stored keys, always in the host: at capture time, on demand in the
 * detail, again when asked (Re-verify) and when the vault is unlocked.
 */
export class Verdicts {
  constructor(private readonly d: Deps) {}

  private get checkDeps() {
    return {
      endpoints: this.d.endpoints,
      vault: this.d.vault,
      resolveScheme: (id: string) => this.d.schemes.resolve(id),
      customSchemes: () => this.d.schemes.list(),
      describe: (c: Parameters<CaptureDescriber['describe']>[0]) => this.d.describer.describe(c)
    }
  }

  /** Which endpoint a request belongs to, its reply and its verdict (before it is stored). */
  prepare(capture: NewCapture): Promise<Preparation> | null {
    return prepareCapture(capture, this.checkDeps)
  }

  /** Checks stored captures again with their endpoints' current schemes and keys; changes reach the UI. */
  reverify(target: ReverifyTarget): Promise<ReverifyResult> {
    return reverify({ ...this.checkDeps, store: this.d.store, onUpdated: this.d.onUpdated }, target)
  }

  verify(id: number, args: VerifyCaptureArgs): Promise<VerifyResult | null> {
    return verifyStoredCapture(this.d, id, args)
  }

  /** Gives the vault its passphrase; verdicts that waited for it are checked again in the background. */
  unlock(passphrase: string): VaultStatus {
    const wasLocked = this.d.vault.status().locked
    const status = this.d.vault.usePassphrase(passphrase)
    if (wasLocked) void this.reverify({ verdict: 'key-locked' }).catch(() => undefined)
    return status
  }
}
