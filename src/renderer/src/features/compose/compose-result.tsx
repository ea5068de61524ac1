import type { ComposedRequest, ComposeResult } from '@shared/api/contract'
import { parseContentType } from '@shared/decode/text'
import { headerValue } from '@shared/http/headers'
import { serializeRawRequest } from '@shared/http/raw-message'
import { escapeBytes, SCHEMES, type SchemeDefinition, keyInResponse } from '@shared/signatures'
import { useState } from 'react'
import { useAppStore } from '../../store'
import { BodyInspector } from '../inspect/body-inspector'
import { HeadersTable } from '../inspect/headers-table'

/** The request as it goes on the wire: head as text (Host and Content-Length as the sender adds them), body with escapes. */
function wire(r: ComposedRequest): string {
  const u = new URL(r.url)
  const bytes = serializeRawRequest({
    method: r.method,
    target: u.pathname + u.search,
    httpVersion: '1.1',
    rawHeaders: [['Host', u.host], ...r.headers, ['Content-Length', String(r.body.length)]],
    body: r.body
  })
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, bytes.length - r.body.length))
  return head.replace(/\r\n/g, '\n') + escapeBytes(r.body, 16384)
}

/** The scheme whose API response this is, when it carries the key that will sign the provider's pushes. */
function keyHandedOut(body: Uint8Array): { scheme: SchemeDefinition; key: string } | null {
  try {
    return keyInResponse(JSON.parse(new TextDecoder().decode(body)), SCHEMES)
  } catch {
    return null
  }
}

/** What a send or a preview produced: the exact request, what was signed, and the receiver's answer. */
export function ComposeResultPanel({
  result,
  registersEndpoint
}: {
  result: ComposeResult
  registersEndpoint: number | null
}) {
  const selectedId = useAppStore((s) => s.selectedId)
  const openCompare = useAppStore((s) => s.openCompare)
  const handed = result.response ? keyHandedOut(result.response.body) : null
  const contentType = result.response ? (headerValue(result.response.headers, 'content-type') ?? null) : null
  return (
    <div className="compose-result">
      <div className="section-bar">
        <h3 className="section-title">On the wire</h3>
        <button
          type="button"
          className="btn btn-small"
          disabled={selectedId === null}
          title={
            selectedId === null
              ? 'Select a capture in the list to compare with'
              : `Side by side with capture #${selectedId}`
          }
          onClick={() => {
            const r = result.request
            const u = new URL(r.url)
            openCompare(selectedId!, {
              label: 'composed',
              request: { method: r.method, target: u.pathname + u.search, rawHeaders: r.headers, body: r.body }
            })
          }}
        >
          Compare with #{selectedId ?? '…'}
        </button>
      </div>
      <pre className="body-text" data-testid="wire-preview">
        {wire(result.request)}
      </pre>
      {result.signedContent && (
        <>
          <div className="muted small">Signed content · {result.signedContent.length} bytes</div>
          <pre className="body-text signed">{escapeBytes(result.signedContent, 4096)}</pre>
        </>
      )}
      {result.response && (
        <>
          <h3 className="section-title">
            Response{' '}
            <span
              className={result.response.status !== null && result.response.status < 300 ? 'ok-text' : 'error-text'}
              data-testid="response-status"
            >
              {result.response.error ?? result.response.status}
            </span>{' '}
            <span className="muted">
              · first byte {result.response.timings.firstByteMs.toFixed(0)} ms · total{' '}
              {result.response.timings.totalMs.toFixed(0)} ms
            </span>
          </h3>
          <HeadersTable headers={result.response.headers} receivedAt={Date.now()} />
          {handed && <ReturnedKey handed={handed} endpointId={registersEndpoint} />}
          {result.response.body.length > 0 && (
            <BodyInspector
              bytes={result.response.body}
              contentType={contentType && parseContentType(contentType).mime ? contentType : null}
              encodings={[]}
              decodeError={null}
            />
          )}
        </>
      )}
    </div>
  )
}

/** The key a provider's API answer carries: saved once and bound to the endpoint the call registered. */
function ReturnedKey({
  handed,
  endpointId
}: {
  handed: { scheme: SchemeDefinition; key: string }
  endpointId: number | null
}) {
  const bindReturnedKey = useAppStore((s) => s.bindReturnedKey)
  const endpoint = useAppStore((s) => s.endpoints.find((e) => e.id === endpointId))
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const keyName = handed.scheme.keyInResponse!.keyName
  if (!endpoint)
    return (
      <p className="small error-text" data-testid="returned-key">
        The answer carries {keyName}. Start from the registration template for one of your {handed.scheme.name}{' '}
        endpoints to bind it there.
      </p>
    )
  return (
    <p className="small" data-testid="returned-key">
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void bindReturnedKey({ endpointId: endpoint.id, name: keyName, material: handed.key }).then(
            (r) =>
              setNote({
                ok: true,
                text: r.alreadyBound
                  ? `Already bound to ${endpoint.name} (${r.key.name}, ${r.key.fingerprint}): nothing changed.`
                  : r.reused
                    ? `This key is already in Keys as “${r.key.name}” (same fingerprint): not stored again; ` +
                      `now bound to ${endpoint.name}.`
                    : `Saved as “${r.key.name}” and bound to ${endpoint.name}; its captures are checked again.`
              }),
            (err: unknown) => setNote({ ok: false, text: (err as Error).message })
          )
        }
      >
        Save the returned {keyName} and bind it to {endpoint.name}
      </button>{' '}
      {note && (
        <span className={note.ok ? 'muted' : 'error-text'} role="status" data-testid="returned-key-note">
          {note.text}
        </span>
      )}
    </p>
  )
}
