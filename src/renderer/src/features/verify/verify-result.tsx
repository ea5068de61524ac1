import type { VerifyResult } from '@shared/signatures'
import { escapeBytes } from '@shared/signatures'
import { useAppStore } from '../../store'

function age(sec: number): string {
  const a = Math.abs(sec)
  const s =
    a < 120 ? `${a.toFixed(a < 10 ? 1 : 0)} s` : a < 7200 ? `${Math.round(a / 60)} min` : `${(a / 3600).toFixed(1)} h`
  return sec >= 0 ? `${s} old` : `${s} in the future`
}

/** A verdict: its message, what was found and how to fix it, then the values compared and the bytes signed. */
export function VerifyResultView({ result, publicKey }: { result: VerifyResult; publicKey: boolean }) {
  return (
    <div className="verify-result" data-testid="verify-result">
      <p className={result.valid ? 'ok-text' : 'error-text'} data-testid="verify-message">
        {result.message}
      </p>
      <Findings result={result} />
      <ComparedValues result={result} publicKey={publicKey} />
    </div>
  )
}

/** Per-item verdicts, the reading that matched, what the signature covers, notices and the diagnosis. */
function Findings({ result }: { result: VerifyResult }) {
  const select = useAppStore((st) => st.select)
  return (
    <>
      {result.items && (
        <table className="headers verify-items" data-testid="verify-items">
          <tbody>
            {result.items.map((i) => (
              <tr key={i.index}>
                <th scope="row" className="mono">
                  item {i.index + 1}
                  {i.label ? ` · ${i.label}` : ''}
                </th>
                <td className={i.valid ? 'ok-text' : 'error-text'}>{i.valid ? 'valid' : (i.reason ?? 'invalid')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.variant && (
        <p className="small" data-testid="verify-variant">
          <span className="muted">Signed content read as </span>
          {result.variant}
        </p>
      )}
      {result.coverage.kind === 'fields' && (
        <p className="small" data-testid="verify-coverage">
          <span className="muted">Signed body fields: </span>
          <span className="mono">{result.coverage.fields.join(', ')}</span>
          <span className="muted"> — the rest of the body is not covered.</span>
        </p>
      )}
      {result.notices.map((n) => (
        <p key={n} className="note small">
          {n}
        </p>
      ))}
      {result.diagnosis.length > 0 && (
        <ul className="diagnosis" data-testid="diagnosis">
          {result.diagnosis.map((f) => (
            <li key={f.kind}>
              <strong>{f.message}</strong> <span className="muted">{f.fix}</span>
              {f.captureId !== undefined && (
                <>
                  {' '}
                  <button type="button" className="btn btn-small" onClick={() => void select(f.captureId!)}>
                    Show #{f.captureId}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** The timestamp and its age, the key that matched, expected against received, and the signed bytes. */
function ComparedValues({ result, publicKey }: { result: VerifyResult; publicKey: boolean }) {
  return (
    <>
      <dl className="meta verify-meta">
        {result.timestamp && (
          <>
            <dt>Timestamp</dt>
            <dd className="mono">
              {result.timestamp.value} · {age(result.timestamp.ageSec)}
              {result.timestamp.toleranceSec !== null ? ` · tolerance ${result.timestamp.toleranceSec} s` : ''}
            </dd>
          </>
        )}
        {result.matchedKey !== null && (
          <>
            <dt>Matched</dt>
            <dd>key {result.matchedKey + 1}</dd>
          </>
        )}
      </dl>
      {(result.expected || result.received) && (
        <div className="sig-compare mono small">
          <span className="muted">expected</span>
          <span className="sig">
            {result.expected ??
              (publicKey
                ? '(public-key signature: nothing to compute)'
                : '(not computed: the check stopped before it, see above)')}
          </span>
          <span className="muted">received</span>
          <span className="sig">{result.received}</span>
        </div>
      )}
      {result.signedContent && (
        <>
          <div className="muted small">
            Signed content · {result.signedContentLength ?? result.signedContent.length} bytes
          </div>
          <pre className="body-text signed" data-testid="signed-content">
            {escapeBytes(result.signedContent, 8192)}
          </pre>
        </>
      )}
    </>
  )
}
