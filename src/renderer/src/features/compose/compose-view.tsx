import { useEffect, useRef, useState } from 'react'
import { CodeEditor } from './code-editor'
import { FormFieldsEditor } from './form-fields-editor'
import type { ComposeResult, ProbeReportView, SentSummary } from '@shared/api/contract'
import { parseContentType } from '@shared/decode/text'
import { headerValue } from '@shared/http/headers'
import { escapeBytes } from '@shared/signatures'
import { TEMPLATES, withPublicUrl } from '@shared/templates/templates'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { SigningKeySelect } from '../../ui/signing-key-select'
import { BodyInspector } from '../inspect/body-inspector'
import { HeadersTable } from '../inspect/headers-table'

interface Draft {
  method: string
  url: string
  headers: string
  body: string
  scheme: string
  keyId: number | null
  insecureTls?: boolean
  mode?: 'json' | 'form' | 'raw'
}

const DRAFTS_KEY = 'hookscope.drafts'
const enc = new TextEncoder()
const NEW_DRAFT: Draft = {
  method: 'POST',
  url: 'http://localhost:3000/webhooks',
  headers: 'Content-Type: application/json',
  body: '{\n  "hello": "world"\n}',
  scheme: '',
  keyId: null
}

/** Draft tabs survive restarts (this browser profile / window). */
function loadDrafts(): { drafts: Draft[]; active: number } {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '') as { drafts: Draft[]; active: number }
    if (Array.isArray(d.drafts) && d.drafts.length && d.drafts.every((x) => typeof x.url === 'string'))
      return { drafts: d.drafts, active: Math.min(d.active, d.drafts.length - 1) }
  } catch {
    /* first use */
  }
  return { drafts: [NEW_DRAFT], active: 0 }
}

function tabName(d: Draft): string {
  try {
    return `${d.method} ${new URL(d.url).pathname}`
  } catch {
    return d.method
  }
}

function parseHeaders(text: string): [string, string][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(':')
      return (at < 0 ? [l, ''] : [l.slice(0, at).trim(), l.slice(at + 1).trim()]) as [string, string]
    })
}

function wire(r: ComposeResult['request']): string {
  const u = new URL(r.url)
  const head = [
    `${r.method} ${u.pathname}${u.search} HTTP/1.1`,
    `Host: ${u.host}`,
    ...r.headers.map(([n, v]) => `${n}: ${v}`),
    `Content-Length: ${r.body.length}`
  ]
  return head.join('\n') + '\n\n' + escapeBytes(r.body, 16384)
}

/** A TruBit create-webhook response carries the key that will sign its pushes. */
function publicKeyIn(body: Uint8Array): boolean {
  try {
    const j = JSON.parse(new TextDecoder().decode(body)) as { data?: { publicKey?: unknown } }
    return typeof j.data?.publicKey === 'string'
  } catch {
    return false
  }
}

/** Compose, sign and send a delivery by hand; the exact bytes are previewed before they go. */
export function ComposeView() {
  const composeSend = useAppStore((s) => s.composeSend)
  const tunnel = useAppStore((s) => s.status?.tunnel)
  const loadHistory = useAppStore((s) => s.loadHistory)
  const openSent = useAppStore((s) => s.openSent)
  const probeReceiver = useAppStore((s) => s.probeReceiver)
  const importKey = useAppStore((s) => s.importKey)
  const templateSecrets = useAppStore((s) => s.templateSecrets)
  const selectedId = useAppStore((s) => s.selectedId)
  const openCompare = useAppStore((s) => s.openCompare)
  const setupError = useAppStore((s) => s.setupError)
  const [templateNote, setTemplateNote] = useState<string | null>(null)
  const [report, setReport] = useState<ProbeReportView | null>(null)
  const [tabs, setTabs] = useState(loadDrafts)
  const draft = tabs.drafts[tabs.active]!
  const setDraft = (d: Draft): void => setTabs((t) => ({ ...t, drafts: t.drafts.map((x, i) => (i === t.active ? d : x)) }))
  // The editor's change callback must see the latest draft, not the one from its first render.
  const draftRef = useRef(draft)
  draftRef.current = draft
  const mode =
    draft.mode ??
    (/form-urlencoded/i.test(draft.headers) ? 'form' : draft.body.trimStart().startsWith('{') || draft.body.trimStart().startsWith('[') ? 'json' : 'raw')
  const [result, setResult] = useState<ComposeResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [history, setHistory] = useState<SentSummary[]>([])

  useEffect(() => {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(tabs))
  }, [tabs])
  useEffect(() => {
    void loadHistory().then(setHistory)
  }, [loadHistory])

  // A form laid out one field per line goes on the wire as one line again.
  const wireBody = (): string => (mode === 'form' ? draft.body.replace(/&\s*\n/g, '&').trim() : draft.body)
  const run = (dryRun: boolean): void => {
    setBusy(true)
    setError(null)
    const sign = draft.scheme && draft.keyId ? { scheme: draft.scheme, keyId: draft.keyId } : null
    void composeSend(
      { method: draft.method, url: draft.url, headers: parseHeaders(draft.headers), body: enc.encode(wireBody()) },
      { sign, dryRun, insecureTls: draft.insecureTls === true }
    ).then(
      (r) => {
        setResult(r)
        setBusy(false)
        if (!dryRun) void loadHistory().then(setHistory)
      },
      (err: unknown) => {
        setError((err as Error).message)
        setBusy(false)
      }
    )
  }
  const contentType = result?.response ? (headerValue(result.response.headers, 'content-type') ?? null) : null

  return (
    <div className="setup compose" data-testid="compose-view">
      <h2 className="setup-title">Compose</h2>
      <div className="draft-tabs" role="tablist" aria-label="Drafts">
        {tabs.drafts.map((d, i) => (
          <span key={i} className={`draft-tab${i === tabs.active ? ' active' : ''}`}>
            <button type="button" role="tab" aria-selected={i === tabs.active} onClick={() => setTabs({ ...tabs, active: i })}>
              {tabName(d)}
            </button>
            {tabs.drafts.length > 1 && (
              <button
                type="button"
                aria-label={`Close ${tabName(d)}`}
                onClick={() => setTabs((t) => ({ drafts: t.drafts.filter((_, j) => j !== i), active: Math.max(0, t.active >= i ? t.active - 1 : t.active) }))}
              >
                ×
              </button>
            )}
          </span>
        ))}
        <button
          type="button"
          className="btn btn-small"
          aria-label="New draft"
          onClick={() => setTabs((t) => ({ drafts: [...t.drafts, NEW_DRAFT], active: t.drafts.length }))}
        >
          +
        </button>
      </div>
      <form
        className="setup-form"
        onSubmit={(e) => {
          e.preventDefault()
          run(false)
        }}
      >
        <label className="wide">
          <span className="muted small">Start from a template</span>
          <select
            aria-label="Template"
            value=""
            onChange={(e) => {
              setTemplateNote(null)
              const found = TEMPLATES.find((x) => x.id === e.target.value)
              if (!found) return
              // Registration templates point the provider at the tunnel's public URL when one is online.
              const t = withPublicUrl(found, tunnel?.status === 'online' ? tunnel.publicUrl : null)
              const base = (() => {
                try {
                  return new URL(draft.url).origin
                } catch {
                  return 'http://localhost:3000'
                }
              })()
              const { mode: _old, ...rest } = draft
              void _old
              const next = {
                ...rest,
                method: t.method,
                url: base + t.path,
                headers: t.headers.map(([n, v]) => `${n}: ${v}`).join('\n'),
                body: t.body,
                scheme: t.scheme
              }
              setDraft(next)
              if (t.secrets?.length) {
                // The registration carries secrets: the keys of those names (made once), bound to their endpoints.
                const secrets = t.secrets
                void templateSecrets(secrets).then((r) => {
                  if (!r) return
                  const doc = JSON.parse(t.body) as Record<string, unknown>
                  for (const sec of secrets) {
                    let at = doc
                    for (const p of sec.path.slice(0, -1)) at = at[p] as Record<string, unknown>
                    at[sec.path[sec.path.length - 1]!] = r.filled[sec.keyName]
                  }
                  setDraft({ ...next, body: JSON.stringify(doc, null, 2) })
                  setTemplateNote(`Secrets from Keys: ${secrets.map((x) => x.keyName).join(', ')}.` + (r.bound.length ? ` Bound: ${r.bound.join('; ')}.` : ''))
                })
              }
            }}
          >
            <option value="">Choose…</option>
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {templateNote && (
            <span className="muted small" data-testid="template-note">
              {templateNote}
            </span>
          )}
          {setupError && <span className="error-text small">{setupError}</span>}
        </label>
        <div className="wide url-row">
          <select value={draft.method} onChange={(e) => setDraft({ ...draft, method: e.target.value })} aria-label="Method">
            {['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <input value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} aria-label="URL" className="mono" />
        </div>
        <label className="wide">
          <span className="muted small">Headers (one "Name: value" per line)</span>
          <textarea
            rows={4}
            className="mono"
            value={draft.headers}
            onChange={(e) => setDraft({ ...draft, headers: e.target.value })}
            aria-label="Headers"
            spellCheck={false}
          />
        </label>
        <div className="wide body-field">
          <div className="form-actions">
            <span className="muted small">Body</span>
            <div className="tabs" role="tablist" aria-label="Body mode">
              {(['json', 'form', 'raw'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="tab"
                  aria-selected={mode === m}
                  className={`tab${mode === m ? ' active' : ''}`}
                  onClick={() => setDraft({ ...draft, mode: m })}
                >
                  {m === 'json' ? 'JSON' : m === 'form' ? 'Form' : 'Raw'}
                </button>
              ))}
            </div>
            {mode === 'json' && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  try {
                    if (mode === 'json') setDraft({ ...draft, body: JSON.stringify(JSON.parse(draft.body), null, 2) })
                  } catch {
                    setError('The body is not valid JSON.')
                  }
                }}
              >
                Format
              </button>
            )}
          </div>
          {mode === 'form' ? (
            <FormFieldsEditor body={draft.body} onChange={(body) => setDraft({ ...draftRef.current, body })} />
          ) : (
            <CodeEditor value={draft.body} onChange={(body) => setDraft({ ...draftRef.current, body })} mode={mode} label="Body" />
          )}
        </div>
        <label>
          <span className="muted small">Sign with scheme</span>
          <select value={draft.scheme} onChange={(e) => setDraft({ ...draft, scheme: e.target.value })} aria-label="Sign with scheme">
            <option value="">Don't sign</option>
            <SchemeOptions />
          </select>
        </label>
        <label>
          <span className="muted small">Key</span>
          <SigningKeySelect value={draft.keyId} onChange={(keyId) => setDraft({ ...draft, keyId })} label="Signing key" />
        </label>
        <div className="form-actions wide">
          <button type="button" className="btn" onClick={() => run(true)} disabled={busy}>
            Preview
          </button>
          <button type="submit" className="btn" disabled={busy}>
            Send
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || !draft.scheme || !draft.keyId}
            title="Send a valid delivery and forgeries; see which the receiver accepts"
            onClick={() => {
              setBusy(true)
              setReport(null)
              void probeReceiver(
                { method: draft.method, url: draft.url, headers: parseHeaders(draft.headers), body: enc.encode(wireBody()) },
                { scheme: draft.scheme, keyId: draft.keyId! }
              ).then(
                (r) => {
                  setReport(r)
                  setBusy(false)
                },
                (err: unknown) => {
                  setError((err as Error).message)
                  setBusy(false)
                }
              )
            }}
          >
            Probe receiver
          </button>
          <label className="check small">
            <input type="checkbox" checked={draft.insecureTls === true} onChange={(e) => setDraft({ ...draft, insecureTls: e.target.checked })} /> accept
            self-signed HTTPS
          </label>
          {busy && <span className="muted small">…</span>}
          {error && (
            <span className="error-text small" role="alert">
              {error}
            </span>
          )}
        </div>
      </form>
      {report && (
        <div className="compose-result" data-testid="probe-report">
          <h3 className="section-title">
            Probe <span className={report.passed ? 'ok-text' : 'error-text'}>{report.passed ? 'passed: every forgery refused' : 'FAILED'}</span>
          </h3>
          <table className="headers setup-table">
            <tbody>
              {report.cases.map((c) => (
                <tr key={c.name}>
                  <td className={c.verdict === 'fail' ? 'error-text' : c.verdict === 'warn' ? 'warn-text' : c.verdict === 'pass' ? 'ok-text' : 'muted'}>
                    {c.verdict}
                  </td>
                  <td className="mono">{c.name}</td>
                  <td className="muted small">{c.description}</td>
                  <td className="mono">{!c.applicable ? 'n/a' : (c.error ?? `${c.status} ${c.accepted ? 'accepted' : 'refused'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && (
        <div className="compose-result">
          <div className="section-bar">
            <h3 className="section-title">On the wire</h3>
            <button
              type="button"
              className="btn btn-small"
              disabled={selectedId === null}
              title={selectedId === null ? 'Select a capture in the list to compare with' : `Side by side with capture #${selectedId}`}
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
                <span className={result.response.status !== null && result.response.status < 300 ? 'ok-text' : 'error-text'} data-testid="response-status">
                  {result.response.error ?? result.response.status}
                </span>{' '}
                <span className="muted">
                  · first byte {result.response.timings.firstByteMs.toFixed(0)} ms · total {result.response.timings.totalMs.toFixed(0)} ms
                </span>
              </h3>
              <HeadersTable headers={result.response.headers} receivedAt={Date.now()} />
              {publicKeyIn(result.response.body) && (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void importKey('TruBit webhook public key', new TextDecoder().decode(result.response!.body))}
                >
                  Save the returned publicKey to Keys
                </button>
              )}
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
      )}
      {history.length > 0 && (
        <>
          <h3 className="section-title">History</h3>
          <table className="headers setup-table" data-testid="history">
            <tbody>
              {history.slice(0, 20).map((h) => (
                <tr key={h.id} className="clickable" onClick={() => void openSent(h.id).then((r) => r && setResult(r))}>
                  <td className="mono small">{new Date(h.sentAt).toISOString().slice(11, 19)}</td>
                  <td className="mono small">
                    {h.method} {h.url}
                  </td>
                  <td className={h.status !== null && h.status < 300 ? 'ok-text' : 'error-text'}>{h.error ? 'error' : h.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
