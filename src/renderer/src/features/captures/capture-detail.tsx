import { useMemo, useState } from 'react'
import type { CapturedRequest } from '../../../../shared/model/capture'
import { formatBytes, hexDump, utf8OrNull } from '../../../../shared/http/text'
import { formatDateTime, statusClass } from '../../lib/format'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'

/** Above this, the body view shows a prefix first; rendering megabytes of text at once stalls the UI. */
const INITIAL_TEXT_LIMIT = 256 * 1024

function BodyView({ capture }: { capture: CapturedRequest }) {
  const [showAll, setShowAll] = useState(false)
  const text = useMemo(() => utf8OrNull(capture.body), [capture.body])
  const hex = useMemo(() => (text === null ? hexDump(capture.body) : null), [capture.body, text])
  if (capture.body.length === 0) {
    return <p className="muted small">{capture.truncated ? `Body not stored (${formatBytes(capture.bodySize)} sent, over the limit).` : 'No body.'}</p>
  }
  const shown = text !== null && !showAll && text.length > INITIAL_TEXT_LIMIT ? text.slice(0, INITIAL_TEXT_LIMIT) : text
  return (
    <>
      <div className="section-bar">
        <span className="muted small">
          {text === null ? 'Binary or invalid UTF-8 — hex dump' : 'UTF-8 text'} · {formatBytes(capture.body.length)}
          {capture.truncated && ` of ${formatBytes(capture.bodySize)} (truncated)`}
        </span>
        {text !== null && <CopyButton text={() => text} label="Copy body" />}
      </div>
      <pre className="body-text" data-testid="body-text">
        {shown ?? hex}
      </pre>
      {shown !== null && text !== null && shown.length < text.length && (
        <button type="button" className="btn btn-small" onClick={() => setShowAll(true)}>
          Show all {formatBytes(capture.body.length)}
        </button>
      )}
    </>
  )
}

export function CaptureDetail() {
  const detail = useAppStore((s) => s.detail)
  const selectedId = useAppStore((s) => s.selectedId)
  const detailError = useAppStore((s) => s.detailError)
  const deleteCapture = useAppStore((s) => s.deleteCapture)
  if (selectedId === null) {
    return <div className="detail-empty muted">Select a request to see its headers and body. ↑/↓ or j/k move.</div>
  }
  if (detailError) return <div className="detail-empty error-text">{detailError}</div>
  if (!detail || detail.id !== selectedId) return <div className="detail-empty muted">Loading…</div>
  const requestLine = `${detail.method} ${detail.target} HTTP/${detail.httpVersion}`
  return (
    <div className="detail" data-testid="capture-detail">
      <header className="detail-head">
        <code className="request-line" data-testid="request-line" title={requestLine}>
          <span className={`method m-${detail.method.toLowerCase()}`}>{detail.method}</span> {detail.target}{' '}
          <span className="muted">HTTP/{detail.httpVersion}</span>
        </code>
        <div className="detail-actions">
          <CopyButton text={() => requestLine} label="Copy line" />
          <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteCapture(detail.id)} title="Delete (Del)">
            Delete
          </button>
        </div>
      </header>
      <dl className="meta">
        <dt>Received</dt>
        <dd>{formatDateTime(detail.receivedAt)}</dd>
        <dt>From</dt>
        <dd className="mono">
          {detail.remoteAddress}:{detail.remotePort}
        </dd>
        <dt>Body</dt>
        <dd>{formatBytes(detail.bodySize)}</dd>
        <dt>Replied</dt>
        <dd className={statusClass(detail.reply.status)}>{detail.reply.status}</dd>
      </dl>
      <section className="detail-section">
        <div className="section-bar">
          <h3 className="section-title">Headers ({detail.rawHeaders.length})</h3>
          <CopyButton text={() => detail.rawHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')} label="Copy headers" />
        </div>
        <table className="headers" data-testid="headers-table">
          <tbody>
            {detail.rawHeaders.map(([name, value], i) => (
              <tr key={i}>
                <th scope="row" className="mono">
                  {name}
                </th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="detail-section">
        <h3 className="section-title">Body</h3>
        <BodyView capture={detail} />
      </section>
    </div>
  )
}
