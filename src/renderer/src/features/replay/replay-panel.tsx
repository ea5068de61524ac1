import { useEffect, useRef, useState } from 'react'
import type { ReplayResultView } from '@shared/api/contract'
import type { CapturedRequest } from '@shared/model/capture'
import type { Endpoint } from '@shared/model/vault'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { SigningKeySelect } from '../../ui/signing-key-select'
import { ShownText } from '../../ui/shown-text'
import { forwardPath } from '@shared/http/forward-path'
import { usePanelRequest } from '../keyboard/use-panel-request'

/** Send the capture again — byte-exact, or re-signed with a fresh timestamp and a stored key. */
export function ReplayPanel({ capture }: { capture: CapturedRequest }) {
  const replay = useAppStore((s) => s.replay)
  const keys = useAppStore((s) => s.keys)
  const endpoint = useAppStore((s) => s.endpoints.find((e) => e.id === capture.endpointId))
  // Pre-filled from the endpoint that caught it: its forward target, its scheme, and its key that can sign.
  const signers = keys.filter((k) => k.kind !== 'public' && k.state === 'ready')
  const endpointSigner = endpoint?.keyIds.map((id) => signers.find((k) => k.id === id)).find(Boolean) ?? null
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState(
    () =>
      (endpoint?.forwardTo ? forwardPath(endpoint.forwardTo, capture.target) : null) ??
      `http://localhost:3000${capture.target}`
  )
  const [resign, setResign] = useState(false)
  const [scheme, setScheme] = useState(endpoint?.scheme ?? capture.provider ?? 'generic-hmac')
  const [keyId, setKeyId] = useState<number | null>(endpointSigner?.id ?? null)
  const [result, setResult] = useState<ReplayResultView | null>(null)
  const [all, setAll] = useState(false)
  const [concurrency, setConcurrency] = useState(4)
  const [results, setResults] = useState<ReplayResultView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const { section, urlField } = useReplayFocus(capture.id, () => setOpen(true))

  return (
    <section ref={section} className="detail-section" data-testid="replay-panel">
      <div className="section-bar">
        <h3 className="section-title">Replay</h3>
        <button type="button" className="btn btn-small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Hide' : 'Replay…'}
        </button>
      </div>
      {open && (
        <form
          className="verify-form"
          onSubmit={(e) => {
            e.preventDefault()
            setError(null)
            setResult(null)
            setResults(null)
            const ids = all ? listIds() : [capture.id]
            void replay(ids, {
              url,
              resign: resign && keyId ? { scheme, keyId } : null,
              concurrency: all ? concurrency : 1
            }).then(
              (r) => (all ? setResults(r) : setResult(r[0] ?? null)),
              (err: unknown) => setError((err as Error).message)
            )
          }}
        >
          <ReplayTargets
            url={url}
            setUrl={setUrl}
            urlField={urlField}
            all={all}
            setAll={setAll}
            concurrency={concurrency}
            setConcurrency={setConcurrency}
          />
          <ResignFields
            resign={resign}
            setResign={setResign}
            scheme={scheme}
            setScheme={setScheme}
            keyId={keyId}
            setKeyId={setKeyId}
          />
          <ReplayActions
            resign={resign}
            keyId={keyId}
            signers={signers.length}
            endpoint={endpoint}
            result={result}
            error={error}
          />
          {result?.response && <ReceiverAnswer response={result.response} />}
          {results && <ReplayResults results={results} />}
        </form>
      )}
    </section>
  )
}

/** The whole list (oldest first, up to 1 000) goes to the same URL; a single capture goes to the URL as given. */
function listIds(): number[] {
  return useAppStore
    .getState()
    .items.map((i) => i.id)
    .reverse()
    .slice(0, 1000)
}

/** The keyboard's "replay" opens the panel, scrolls to it and puts the cursor in its URL. */
function useReplayFocus(captureId: number, open: () => void) {
  const section = useRef<HTMLElement>(null)
  const urlField = useRef<HTMLInputElement>(null)
  const [focusUrl, setFocusUrl] = useState(0)
  usePanelRequest('replay', captureId, () => {
    open()
    setFocusUrl((n) => n + 1)
  })
  useEffect(() => {
    if (!focusUrl) return
    section.current?.scrollIntoView({ block: 'start' })
    urlField.current?.focus()
  }, [focusUrl])
  return { section, urlField }
}

/** The receiver's answer to a single replay: its headers and body as text (escapes shown), or a byte count. */
function ReceiverAnswer({ response }: { response: NonNullable<ReplayResultView['response']> }) {
  let text: string | null
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(response.body)
  } catch {
    text = null
  }
  return (
    <div className="wide receiver-answer" data-testid="replay-response">
      <table className="headers">
        <tbody>
          {response.headers.map(([n, v], i) => (
            <tr key={i}>
              <td className="mono">{n}</td>
              <td className="mono">
                <ShownText text={v} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {response.size === 0 ? (
        <p className="muted small">Empty body.</p>
      ) : text !== null ? (
        <pre className="mono code-snippet" data-testid="replay-response-body">
          <ShownText text={text} />
          {response.size > response.body.length ? `\n… ${response.size - response.body.length} more bytes` : ''}
        </pre>
      ) : (
        <p className="muted small">{response.size} bytes of binary.</p>
      )}
    </div>
  )
}

/** Where to send, and whether the whole list goes (how many at a time). */
function ReplayTargets(props: {
  url: string
  setUrl: (u: string) => void
  urlField: React.RefObject<HTMLInputElement | null>
  all: boolean
  setAll: (a: boolean) => void
  concurrency: number
  setConcurrency: (n: number) => void
}) {
  const { url, setUrl, urlField, all, setAll, concurrency, setConcurrency } = props
  // Only the count re-renders this panel; the ids are read when the replay starts.
  const listCount = useAppStore((s) => s.items.length)
  return (
    <>
      <label className="wide">
        <span className="muted small">Send to</span>
        <input
          ref={urlField}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-label="Replay URL"
          className="mono"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <span className="small">All {listCount} captures in the list</span>
      </label>
      {all && (
        <label>
          <span className="muted small">At a time</span>
          <input
            type="number"
            min={1}
            max={16}
            value={concurrency}
            onChange={(e) => setConcurrency(Math.min(16, Math.max(1, Number(e.target.value))))}
            aria-label="Concurrency"
          />
        </label>
      )}
    </>
  )
}

/** Send (byte-exact or re-signed), why re-signing waits, and a single replay's outcome. */
function ReplayActions(props: {
  resign: boolean
  keyId: number | null
  signers: number
  endpoint: Endpoint | undefined
  result: ReplayResultView | null
  error: string | null
}) {
  const { resign, keyId, endpoint, result, error } = props
  return (
    <div className="form-actions wide">
      <button type="submit" className="btn btn-small" disabled={resign && !keyId} aria-describedby="replay-why">
        {resign ? 'Re-sign and send' : 'Send byte-exact'}
      </button>
      {resign && !keyId && (
        <span id="replay-why" className="muted small" data-testid="replay-why">
          {props.signers === 0
            ? 'No stored key can sign: public keys only verify. Add the secret or the private key in Keys.'
            : endpoint && endpoint.keyIds.length > 0
              ? `${endpoint.name}'s keys are public keys, which cannot sign: choose a secret or a private key.`
              : 'Choose the key to sign with.'}
        </span>
      )}
      {result && (
        <span
          className={`small ${result.status !== null && result.status < 300 ? 'ok-text' : 'error-text'}`}
          data-testid="replay-result"
        >
          {result.error ?? `${result.status}`} · {result.ms} ms
        </span>
      )}
      {error && <span className="error-text small">{error}</span>}
    </div>
  )
}

/** Each capture of a list replay and what its target answered. */
function ReplayResults({ results }: { results: ReplayResultView[] }) {
  return (
    <table className="headers setup-table wide" data-testid="replay-results">
      <tbody>
        {results.map((r) => (
          <tr key={r.id}>
            <td className="mono">#{r.id}</td>
            <td className={r.status !== null && r.status < 300 ? 'ok-text' : 'error-text'}>{r.error ?? r.status}</td>
            <td className="muted">{r.ms} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Re-signing with a fresh timestamp: the scheme and a key that can sign. */
function ResignFields(props: {
  resign: boolean
  setResign: (r: boolean) => void
  scheme: string
  setScheme: (s: string) => void
  keyId: number | null
  setKeyId: (k: number | null) => void
}) {
  const { resign, setResign, scheme, setScheme, keyId, setKeyId } = props
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={resign} onChange={(e) => setResign(e.target.checked)} />
        <span className="small">Re-sign with a fresh timestamp</span>
      </label>
      {resign && (
        <>
          <label>
            <span className="muted small">Scheme</span>
            <select value={scheme} onChange={(e) => setScheme(e.target.value)} aria-label="Replay scheme">
              <SchemeOptions />
            </select>
          </label>
          <label>
            <span className="muted small">Signing key</span>
            <SigningKeySelect value={keyId} onChange={setKeyId} label="Replay key" />
          </label>
        </>
      )}
    </>
  )
}
