import { useState } from 'react'
import type { CertificateFetch, SubscriptionConfirmed } from '@shared/api/contract'
import type { CapturedRequest } from '@shared/model/capture'
import { certificateUrl, signableOf, subscribeUrl, type SchemeDefinition } from '@shared/signatures'
import { useAppStore } from '../../store'

/**
 * For schemes whose key is a certificate the delivery names (PayPal, Amazon SNS): what URL it names,
 * whether Hookscope may fetch it (https, a host the provider documents), and a button that has the
 * host fetch it into Keys — only when clicked. `onKey` then checks with it.
 */
export function FetchCertificate(props: {
  capture: CapturedRequest
  scheme: SchemeDefinition
  onKey: (keyId: number) => void
}) {
  const fetchCertificate = useAppStore((st) => st.fetchCertificate)
  const [state, call] = useHostCall<CertificateFetch>()
  const where = certificateUrl(signableOf(props.capture), props.scheme)
  if (!where) return null
  if ('error' in where)
    return (
      <p className="muted small" data-testid="certificate-refused">
        Certificate: {where.error}
      </p>
    )
  const host = new URL(where.url).hostname
  const run = (): Promise<void> =>
    call(async () => {
      const done = await fetchCertificate({ id: props.capture.id, scheme: props.scheme.id })
      props.onKey(done.key.id)
      return done
    })
  return (
    <div className="certificate-row small" data-testid="certificate">
      <button type="button" className="btn btn-small" disabled={state.busy} onClick={() => void run()}>
        {state.busy ? 'Fetching…' : `Fetch the certificate from ${host}`}
      </button>
      <span className="muted mono clamp" title={where.url}>
        {where.url}
      </span>
      {state.done && (
        <span className="ok-text" role="status">
          {state.done.cached
            ? `Already in Keys: ${state.done.key.name}`
            : `Kept in Keys: ${state.done.subject ?? state.done.key.name}, valid to ${state.done.validTo}`}
        </span>
      )}
      {state.error && (
        <span className="error-text" role="alert">
          {state.error}
        </span>
      )}
    </div>
  )
}

/**
 * An Amazon SNS SubscriptionConfirmation: a button that has the host visit its SubscribeURL (only on
 * the hosts SNS uses, over https) — after the signature checked valid, as AWS advises.
 */
export function ConfirmSubscription(props: { capture: CapturedRequest; scheme: SchemeDefinition; valid: boolean }) {
  const confirm = useAppStore((st) => st.confirmSubscription)
  const [state, call] = useHostCall<SubscriptionConfirmed>()
  const where = subscribeUrl(signableOf(props.capture), props.scheme)
  if (!where) return null
  if ('error' in where)
    return (
      <p className="muted small" data-testid="subscription-refused">
        Subscription: {where.error}
      </p>
    )
  const run = (): Promise<void> => call(() => confirm({ id: props.capture.id, scheme: props.scheme.id }))
  return (
    <div className="certificate-row small" data-testid="subscription">
      <button type="button" className="btn btn-small" disabled={state.busy || !props.valid} onClick={() => void run()}>
        {state.busy ? 'Confirming…' : `Confirm the subscription at ${new URL(where.url).hostname}`}
      </button>
      {!props.valid && <span className="muted">once the signature checks valid</span>}
      {state.done && (
        <span className="ok-text" role="status">
          Confirmed{state.done.subscriptionArn ? `: ${state.done.subscriptionArn}` : ''}
        </span>
      )}
      {state.error && (
        <span className="error-text" role="alert">
          {state.error}
        </span>
      )}
    </div>
  )
}

/** One host call a button starts: busy while it runs, then its result or its error's message. */
function useHostCall<T>(): [
  { busy: boolean; done: T | null; error: string | null },
  (work: () => Promise<T>) => Promise<void>
] {
  const [state, setState] = useState<{ busy: boolean; done: T | null; error: string | null }>({
    busy: false,
    done: null,
    error: null
  })
  const call = async (work: () => Promise<T>): Promise<void> => {
    setState({ busy: true, done: null, error: null })
    try {
      setState({ busy: false, done: await work(), error: null })
    } catch (e) {
      setState({ busy: false, done: null, error: (e as Error).message })
    }
  }
  return [state, call]
}
