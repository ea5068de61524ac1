import { useEffect, useMemo, useState } from 'react'
import { addressedUrl } from '@shared/model/http'
import { detect, signableOf, SCHEMES, type Detection, type SchemeDefinition } from '@shared/signatures'
import type { CapturedRequest } from '@shared/model/capture'
import type { Endpoint } from '@shared/model/vault'
import { paramHint, resolveScheme } from '../../lib/schemes'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import type { TimeMode } from './use-verification'

export interface Choices {
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
  storedIds: number[]
}

/** What to check with: the scheme (auto, the endpoint's or chosen), the keys (pasted or stored), settings, URL and time. */
export function VerifyChoices({ c }: { c: Choices }) {
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
          <input
            value={params[p] ?? ''}
            onChange={(e) => setParams({ ...params, [p]: e.target.value })}
            aria-label={p}
            {...paramHint(scheme, p)}
          />
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

/** The verify panel's choices for a capture: auto-detected scheme, the endpoint's keys when it has some, its URL, receipt time. */
export function useVerifyChoices(capture: CapturedRequest): Choices {
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
  const scheme =
    resolveScheme(schemeId === 'auto' ? autoId : schemeId, custom) ?? resolveScheme('generic-hmac', custom)!
  const storedIds = source === 'endpoint' ? (endpoint?.keyIds ?? []) : source === 'paste' ? [] : [Number(source)]
  const usesUrl = JSON.stringify(scheme.signedContent).includes('"url"')

  // Another capture starts afresh at its own URL.
  const addressed = addressedUrl(capture)
  useEffect(() => setUrl(addressed), [capture.id, addressed])
  return {
    ...{ schemeId, setSchemeId, endpoint, detected, source, setSource, key, setKey, scheme, params, setParams },
    ...{ usesUrl, url, setUrl, timeMode, setTimeMode, storedIds }
  }
}
