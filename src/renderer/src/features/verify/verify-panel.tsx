import { useEffect, useRef } from 'react'
import { addressedUrl } from '@shared/model/http'
import type { VerifyResult } from '@shared/signatures'
import type { CapturedRequest } from '@shared/model/capture'
import { ConfirmSubscription, FetchCertificate } from './fetch-certificate'
import { ReceiverCode } from './receiver-code'
import { UseForPath } from './use-for-path'
import { VerifyResultView } from './verify-result'
import { usePanelRequest } from '../keyboard/use-panel-request'
import { useVerification } from './use-verification'
import { useVerifyChoices, VerifyChoices } from './verify-choices'

/**
 * Verifies the selected capture two ways. With a key pasted here, the key stays in this component:
 * the check runs in the renderer with the shared engine and the key is neither stored nor sent.
 * (A certificate the delivery names is fetched by the host only when the user asks: FetchCertificate.)
 * With stored keys (the endpoint's or chosen ones), the host checks it (`verifyCapture`): only key
 * ids travel, and the result comes back with every secret masked.
 */
export function VerifyPanel({ capture }: { capture: CapturedRequest }) {
  const c = useVerifyChoices(capture)
  const { scheme, source, setSource, key, storedIds, endpoint, params } = c
  const { result, setResult, busy } = useVerification({ ...c, capture })

  // Another capture starts afresh; the same capture updated (its endpoint or verdict) keeps the result on screen.
  const addressed = addressedUrl(capture)
  useEffect(() => setResult(null), [capture.id, addressed, setResult])

  const section = useVerifyFocus(capture.id, source === 'paste' && !key)

  return (
    <section ref={section} className="detail-section verify" data-testid="verify-panel">
      <div className="section-bar">
        <h3 className="section-title">Signature</h3>
        {result && <ResultBadge result={result} />}
      </div>
      <VerifyChoices c={c} />
      <p className="muted small clamp" title={scheme.description}>
        {scheme.description}
      </p>
      <FetchCertificate capture={capture} scheme={scheme} onKey={(id) => setSource(String(id))} />
      <ConfirmSubscription capture={capture} scheme={scheme} valid={result?.valid === true} />
      {busy && !result && <p className="muted small">Checking…</p>}
      {result && <VerifyResultView result={result} publicKey={/^(rsa|ecdsa|ed25519)/.test(scheme.algorithm)} />}
      {result?.valid && (
        <UseForPath
          capture={capture}
          scheme={scheme.id}
          key={`${capture.id}:${scheme.id}:${source}`}
          input={source === 'paste' ? { material: key.trim() } : { keyIds: storedIds }}
          params={params}
          already={
            endpoint !== undefined && endpoint.scheme === scheme.id && storedIds.length > 0 && source === 'endpoint'
          }
        />
      )}
      <ReceiverCode scheme={scheme} />
    </section>
  )
}

function ResultBadge({ result }: { result: VerifyResult }) {
  return (
    <span className={`badge ${result.valid ? 'badge-ok' : 'badge-bad'}`} data-testid="verify-badge">
      {result.valid ? 'valid' : (result.reason ?? 'invalid')}
    </span>
  )
}

/** The keyboard's "verify" scrolls to the panel and focuses the key field when a key is still to be pasted, else the scheme. */
function useVerifyFocus(captureId: number, keyToPaste: boolean) {
  const section = useRef<HTMLElement>(null)
  usePanelRequest('verify', captureId, () => {
    section.current?.scrollIntoView({ block: 'start' })
    section.current?.querySelector<HTMLElement>(keyToPaste ? 'textarea.key-input' : 'select')?.focus()
  })
  return section
}
