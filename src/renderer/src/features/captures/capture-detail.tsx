import { useState } from 'react'
import { headerValue } from '@shared/http/headers'
import { captureCurl } from '@shared/http/curl'
import { serializeRawRequest } from '@shared/http/raw-message'
import type { CapturedRequest } from '@shared/model/capture'
import { formatBytes } from '@shared/http/text'
import { BodyInspector } from '../inspect/body-inspector'
import { HeadersTable } from '../inspect/headers-table'
import { VerifyPanel } from '../verify/verify-panel'
import { ReplayPanel } from '../replay/replay-panel'
import { VerdictBadge } from '../verify/verdict-badge'
import { formatDateTime, statusClass } from '../../lib/format'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'
import { ShownText } from '../../ui/shown-text'

export function CaptureDetail() {
  const detail = useAppStore((s) => s.detail)
  const selectedId = useAppStore((s) => s.selectedId)
  const detailError = useAppStore((s) => s.detailError)
  const decoded = useAppStore((s) => s.decoded)
  const endpoints = useAppStore((s) => s.endpoints)
  const [note, setNote] = useState<Note | null>(null)
  if (selectedId === null) {
    return <div className="detail-empty muted">Select a request to see its headers and body. ↑/↓ or j/k move.</div>
  }
  if (detailError) return <div className="detail-empty error-text">{detailError}</div>
  if (!detail || detail.id !== selectedId) return <div className="detail-empty muted">Loading…</div>
  const endpoint = detail.endpointId !== null ? endpoints.find((e) => e.id === detail.endpointId) : undefined
  const requestLine = `${detail.method} ${detail.target} HTTP/${detail.httpVersion}`
  const encoded = headerValue(detail.rawHeaders, 'content-encoding') !== undefined
  const waitingForDecode = encoded && decoded === null
  return (
    <div className="detail" data-testid="capture-detail" data-detail-id={detail.id}>
      <header className="detail-head">
        <DetailTitle detail={detail} endpointName={endpoint?.name ?? null} requestLine={requestLine} />
        <DetailActions
          detail={detail}
          endpointName={endpoint?.name ?? null}
          requestLine={requestLine}
          setNote={setNote}
        />
      </header>
      {note?.id === detail.id && (
        <p className="small muted" role="status" data-testid="detail-note">
          {note.text}
        </p>
      )}
      <DetailMeta detail={detail} />
      <section className="detail-section">
        <div className="section-bar">
          <h3 className="section-title">Headers ({detail.rawHeaders.length})</h3>
          <CopyButton text={() => detail.rawHeaders.map(([n, v]) => `${n}: ${v}`).join('\n')} label="Copy headers" />
        </div>
        <HeadersTable headers={detail.rawHeaders} receivedAt={detail.receivedAt} />
      </section>
      <section className="detail-section">
        <h3 className="section-title">
          Body{' '}
          <span className="muted">
            · {formatBytes(detail.bodySize)}
            {detail.truncated ? ` (truncated: ${formatBytes(detail.body.length)} stored)` : ''}
          </span>
        </h3>
        {detail.body.length === 0 ? (
          <p className="muted small">
            {detail.truncated ? 'Body not stored: it was over the size limit.' : 'No body.'}
          </p>
        ) : waitingForDecode ? (
          <p className="muted small">Decompressing…</p>
        ) : (
          <BodyInspector
            bytes={decoded?.body ?? detail.body}
            contentType={detail.contentType}
            encodings={decoded?.encodings ?? []}
            decodeError={decoded?.error ?? null}
          />
        )}
      </section>
      <VerifyPanel key={`verify-${detail.id}`} capture={detail} />
      <ReplayPanel key={`replay-${detail.id}`} capture={detail} />
    </div>
  )
}

/** Downloads the request as an HTTP/1.1 message with its exact body bytes (what `hookscope verify --request` reads). */
function saveHttp(c: CapturedRequest): void {
  const bytes = serializeRawRequest(c)
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'message/http' }))
  a.download = `capture-${c.id}.http`
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

type Note = { id: number; text: string }

/** Provider, event and verdict (with why), where an import came from, and the request line. */
function DetailTitle({
  detail,
  endpointName,
  requestLine
}: {
  detail: CapturedRequest
  endpointName: string | null
  requestLine: string
}) {
  return (
    <div className="detail-title">
      {(detail.provider || detail.event || detail.verdict) && (
        <div className="detail-provider small" data-testid="detail-provider">
          {detail.provider && <span className="tag">{detail.provider}</span>}
          {detail.event && <span className="mono">{detail.event}</span>}
          {detail.verdict && (
            <VerdictBadge verdict={detail.verdict} reason={detail.verdictReason} replay={detail.replay} />
          )}
          {detail.verdictReason && (
            <span className="error-text" data-testid="verdict-reason">
              {detail.verdictReason}
            </span>
          )}
          {endpointName && <span className="muted">caught by {endpointName}</span>}
        </div>
      )}
      {detail.imported && (
        <div className="small muted" data-testid="imported">
          <span className="tag">imported</span> from{' '}
          {detail.imported === 'http'
            ? 'a raw HTTP request'
            : detail.imported === 'curl'
              ? 'a curl command'
              : 'a HAR file'}
        </div>
      )}
      <code className="request-line" data-testid="request-line" title={requestLine}>
        <span className={`method m-${detail.method.toLowerCase()}`}>{detail.method}</span>{' '}
        <ShownText text={detail.target} /> <span className="muted">HTTP/{detail.httpVersion}</span>
      </code>
    </div>
  )
}

/** Copy the line, compare with the previous delivery, re-verify, copy as curl, save .http, pin, delete. */
function DetailActions(props: {
  detail: CapturedRequest
  endpointName: string | null
  requestLine: string
  setNote: (n: Note) => void
}) {
  const { detail, endpointName, requestLine, setNote } = props
  const deleteCapture = useAppStore((s) => s.deleteCapture)
  const togglePin = useAppStore((s) => s.togglePin)
  const listenerUrl = useAppStore((s) => s.status?.url ?? null)
  const reverify = useAppStore((s) => s.reverify)
  const compareWithPrevious = useAppStore((s) => s.compareWithPrevious)
  return (
    <div className="detail-actions">
      <CopyButton text={() => requestLine} label="Copy line" />
      <button
        type="button"
        className="btn btn-small"
        title="Side by side with the previous delivery of this event (Shift-click a row to compare with any capture)"
        onClick={() =>
          void compareWithPrevious(detail.id).then((found) => {
            if (!found) setNote({ id: detail.id, text: 'No earlier delivery of this event to compare with.' })
          })
        }
      >
        Compare with previous
      </button>
      {endpointName && (
        <button
          type="button"
          className="btn btn-small"
          title={`Check the signature again with ${endpointName}'s current scheme and keys`}
          onClick={() =>
            void reverify({ ids: [detail.id] }).then(
              (r) =>
                setNote({
                  id: detail.id,
                  text: r.changed ? 'Re-verified: the verdict changed.' : 'Re-verified: same verdict.'
                }),
              (err: unknown) => setNote({ id: detail.id, text: (err as Error).message })
            )
          }
        >
          Re-verify
        </button>
      )}
      {listenerUrl && <CopyButton text={() => captureCurl(detail, listenerUrl)} label="Copy as curl" />}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => saveHttp(detail)}
        title="The request as sent, byte-exact (.http)"
      >
        Save .http
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={detail.pinned === true}
        onClick={() => void togglePin(detail.id)}
        title="Pinned captures are kept by retention"
      >
        {detail.pinned ? 'Unpin' : 'Pin'}
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => void deleteCapture(detail.id)}
        title="Delete (Del)"
      >
        Delete
      </button>
    </div>
  )
}

/** When and from where it came, its size, what was replied and what forwarding got. */
function DetailMeta({ detail }: { detail: CapturedRequest }) {
  return (
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
      <dd className={statusClass(detail.reply.status)}>{detail.imported ? '— (imported)' : detail.reply.status}</dd>
      {detail.forward && (
        <>
          <dt>Forwarded</dt>
          <dd
            className={detail.forward.error ? 'error-text' : statusClass(detail.forward.status ?? 500)}
            data-testid="forward-status"
          >
            {detail.forward.error ?? detail.forward.status}
          </dd>
        </>
      )}
    </dl>
  )
}
