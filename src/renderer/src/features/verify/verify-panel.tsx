import { useEffect, useMemo, useRef, useState } from 'react'
import { addressedUrl } from '@shared/model/http'
import {
  signableOf,
  detect,
  PROVIDER_SCHEMES,
  SCHEMES,
  verify,
  type Detection,
  type SchemeDefinition,
  type VerifyResult
} from '@shared/signatures'
import type { CapturedRequest } from '@shared/model/capture'
import type { Endpoint } from '@shared/model/vault'
import { resolveScheme } from '../../lib/schemes'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { ConfirmSubscription, FetchCertificate } from './fetch-certificate'
import { ReceiverCode } from './receiver-code'
import { UseForPath } from './use-for-path'
import { VerifyResultView } from './verify-result'
import { usePanelRequest } from '../keyboard/use-panel-request'

type TimeMode = 'receipt' | 'now'

/**
 * Verifies the selected capture two ways. With a key pasted here, the key stays in this component:
 * the check runs in the renderer with the shared engine and the key is neither stored nor sent.
 * (A certificate the delivery names is fetched by the host only when the user asks: FetchCertificate.)
 * With stored keys (the endpoint's or chosen ones), the host checks it (`verifyCapture`): only key
 * ids travel, and the result comes back with every secret masked.
 */
export function VerifyPanel({ capture }: { capture: CapturedRequest }) {
  const custom = useAppStore((st) => st.customSchemes)
  const detected = useMemo(() => detect(signableOf(capture), [...SCHEMES, ...custom]), [capture, custom])
  const [schemeId, setSchemeId] = useState<string>('auto')
  const [key, setKey] = useState('')
  const endpoints = useAppStore((st) => st.endpoints)
  const endpoint = capture.endpointId !== null ? endpoints.find((e) => e.id === capture.endpointId) : undefined
  // 'paste', 'endpoint', or a stored key id.
  const [source, setSource] = useState<string>(() => (endpoint?.keyIds.length ? 'endpoint' : 'paste'))
  const [url, setUrl] = useState(() => addressedUrl(capture))
  const [timeMode, setTimeMode] = useState<TimeMode>('receipt')
  const [params, setParams] = useState<Record<string, string>>({})

  const autoId = endpoint?.scheme ?? detected[0]?.scheme ?? 'generic-hmac'
  const scheme = resolveScheme(schemeId === 'auto' ? autoId : schemeId, custom) ?? resolveScheme('generic-hmac', custom)!
  const storedIds = source === 'endpoint' ? (endpoint?.keyIds ?? []) : source === 'paste' ? [] : [Number(source)]
  const usesUrl = JSON.stringify(scheme.signedContent).includes('"url"')

  const { result, setResult, busy } = useVerification({ capture, scheme, source, key, storedIds, url, timeMode, params, endpoint })

  // Another capture starts afresh; the same capture updated (its endpoint or verdict) keeps the result on screen.
  const addressed = addressedUrl(capture)
  useEffect(() => {
    setUrl(addressed)
    setResult(null)
  }, [capture.id, addressed, setResult])

  const section = useRef<HTMLElement>(null)
  usePanelRequest('verify', capture.id, () => {
    section.current?.scrollIntoView({ block: 'start' })
    // The key field when a key is still to be pasted, else the scheme.
    section.current?.querySelector<HTMLElement>(source === 'paste' && !key ? 'textarea.key-input' : 'select')?.focus()
  })

  return (
    <section ref={section} className="detail-section verify" data-testid="verify-panel">
      <div className="section-bar">
        <h3 className="section-title">Signature</h3>
        {result && (
          <span className={`badge ${result.valid ? 'badge-ok' : 'badge-bad'}`} data-testid="verify-badge">
            {result.valid ? 'valid' : (result.reason ?? 'invalid')}
          </span>
        )}
      </div>
      <VerifyChoices
        c={{
          schemeId,
          setSchemeId,
          endpoint,
          detected,
          source,
          setSource,
          key,
          setKey,
          scheme,
          params,
          setParams,
          usesUrl,
          url,
          setUrl,
          timeMode,
          setTimeMode
        }}
      />
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
          already={endpoint !== undefined && endpoint.scheme === scheme.id && storedIds.length > 0 && source === 'endpoint'}
        />
      )}
      <ReceiverCode scheme={scheme} />
    </section>
  )
}

interface Check {
  capture: CapturedRequest
  scheme: SchemeDefinition
  source: string
  key: string
  storedIds: number[]
  url: string
  timeMode: TimeMode
  params: Record<string, string>
  endpoint: Endpoint | undefined
}

/**
 * The verdict for the current choices, checked a moment after they stop changing: in this window with
 * a pasted key, else by the host with stored keys (only their ids travel).
 */
function useVerification({ capture, scheme, source, key, storedIds, url, timeMode, params, endpoint }: Check) {
  const custom = useAppStore((st) => st.customSchemes)
  const verifyStored = useAppStore((st) => st.verifyStored)
  const [result, setResult] = useState<VerifyResult | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (source === 'paste' ? !key.trim() : storedIds.length === 0) {
      setResult(null)
      return
    }
    let live = true
    setBusy(true)
    const t = setTimeout(() => {
      const now = timeMode === 'receipt' ? capture.receivedAt : Date.now()
      const run =
        source === 'paste'
          ? verify(signableOf(capture, url), [{ material: key.trim() }], scheme, {
              now,
              params,
              otherSchemes: [...PROVIDER_SCHEMES, ...custom]
            })
          : verifyStored(capture.id, { scheme: scheme.id, keyIds: storedIds, now, params: { ...(endpoint?.params ?? {}), ...params } })
      void run.then(
        (r: VerifyResult | null) => {
          if (live) {
            setResult(r)
            setBusy(false)
          }
        },
        (err: unknown) => {
          if (live) {
            setResult(null)
            setBusy(false)
            console.warn('verification failed to run', (err as Error).name)
          }
        }
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(t)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, scheme, url, timeMode, params, capture, source, storedIds.join(',')])
  return { result, setResult, busy }
}

interface Choices {
  schemeId: string
  setSchemeId: (id: string) => void
  endpoint: Endpoint | undefined
  detected: Detection[]
  source: string
  setSource: (s: string) => void
  key: string
  setKey: (k: string) => void
  scheme: SchemeDefinition
  params: Record<string, string>
  setParams: (p: Record<string, string>) => void
  usesUrl: boolean
  url: string
  setUrl: (u: string) => void
  timeMode: TimeMode
  setTimeMode: (m: TimeMode) => void
}

/** What to check with: the scheme (auto, the endpoint's or chosen), the keys (pasted or stored), settings, URL and time. */
function VerifyChoices({ c }: { c: Choices }) {
  const { schemeId, setSchemeId, endpoint, detected, source, setSource, key, setKey, scheme, params, setParams } = c
  const { usesUrl, url, setUrl, timeMode, setTimeMode } = c
  const storedKeys = useAppStore((st) => st.keys)
  const [showKey, setShowKey] = useState(false)
  return (
    <div className="verify-form">
      <label>
        <span className="muted small">Scheme</span>
        <select value={schemeId} onChange={(e) => setSchemeId(e.target.value)} aria-label="Scheme">
          <option value="auto">
            {endpoint?.scheme
              ? `Endpoint ${endpoint.name}: ${endpoint.scheme}`
              : `Auto: ${detected[0] ? `${detected[0].name} (${detected[0].evidence.join(', ')})` : 'nothing detected — generic HMAC'}`}
          </option>
          <SchemeOptions />
        </select>
      </label>
      <label>
        <span className="muted small">Keys</span>
        <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Key source">
          <option value="paste">Paste a key for this check</option>
          {endpoint && endpoint.keyIds.length > 0 && <option value="endpoint">Keys of endpoint {endpoint.name}</option>}
          {storedKeys.map((k) => (
            <option key={k.id} value={String(k.id)}>
              Stored: {k.name} ({k.kind})
            </option>
          ))}
        </select>
      </label>
      {source === 'paste' && (
        <label>
          <span className="muted small">
            Key <span className="muted">(stays in this window; not saved)</span>
          </span>
          <div className="key-row">
            <textarea
              className={`key-input${showKey ? '' : ' masked'}`}
              rows={key.includes('\n') ? 4 : 1}
              spellCheck={false}
              autoComplete="off"
              placeholder={scheme.key.form === 'public-key' ? 'Public key: PEM, base64 DER, JWK…' : 'Secret'}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-label="Key"
            />
            <button type="button" className="btn btn-small" onClick={() => setShowKey((v) => !v)}>
              {showKey ? 'Hide' : 'Show'}
            </button>
          </div>
        </label>
      )}
      {(scheme.params ?? []).map((p) => (
        <label key={p}>
          <span className="muted small">{p}</span>
          <input value={params[p] ?? ''} onChange={(e) => setParams({ ...params, [p]: e.target.value })} aria-label={p} />
        </label>
      ))}
      {usesUrl && (
        <label>
          <span className="muted small">URL the sender signed</span>
          <input value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Signed URL" className="mono" />
        </label>
      )}
      <label>
        <span className="muted small">Check the timestamp at</span>
        <select value={timeMode} onChange={(e) => setTimeMode(e.target.value as TimeMode)} aria-label="Check time">
          <option value="receipt">the time it was received</option>
          <option value="now">now</option>
        </select>
      </label>
    </div>
  )
}
