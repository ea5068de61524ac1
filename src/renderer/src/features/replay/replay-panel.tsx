import { useState } from 'react'
import type { ReplayResultView } from '@shared/api/contract'
import type { CapturedRequest } from '@shared/model/capture'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { SigningKeySelect } from '../../ui/signing-key-select'

/** Send the capture again — byte-exact, or re-signed with a fresh timestamp and a stored key. */
export function ReplayPanel({ capture }: { capture: CapturedRequest }) {
  const replay = useAppStore((s) => s.replay)
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState(() => `http://localhost:3000${capture.target}`)
  const [resign, setResign] = useState(false)
  const [scheme, setScheme] = useState(capture.provider ?? 'generic-hmac')
  const [keyId, setKeyId] = useState<number | null>(null)
  const [result, setResult] = useState<ReplayResultView | null>(null)
  // Only the count re-renders this panel; the ids are read when the replay starts.
  const listCount = useAppStore((s) => s.items.length)
  const [all, setAll] = useState(false)
  const [concurrency, setConcurrency] = useState(4)
  const [results, setResults] = useState<ReplayResultView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  return (
    <section className="detail-section" data-testid="replay-panel">
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
            // The whole list (oldest first) goes to the same URL; a single capture goes to the URL as given.
            const ids = all
              ? useAppStore
                  .getState()
                  .items.map((i) => i.id)
                  .reverse()
                  .slice(0, 1000)
              : [capture.id]
            void replay(ids, { url, resign: resign && keyId ? { scheme, keyId } : null, concurrency: all ? concurrency : 1 }).then(
              (r) => (all ? setResults(r) : setResult(r[0] ?? null)),
              (err: unknown) => setError((err as Error).message)
            )
          }}
        >
          <label className="wide">
            <span className="muted small">Send to</span>
            <input value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Replay URL" className="mono" />
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
          <div className="form-actions">
            <button type="submit" className="btn btn-small" disabled={resign && !keyId}>
              {resign ? 'Re-sign and send' : 'Send byte-exact'}
            </button>
            {result && (
              <span className={`small ${result.status !== null && result.status < 300 ? 'ok-text' : 'error-text'}`} data-testid="replay-result">
                {result.error ?? `${result.status}`} · {result.ms} ms
              </span>
            )}
            {error && <span className="error-text small">{error}</span>}
          </div>
          {results && (
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
          )}
        </form>
      )}
    </section>
  )
}
