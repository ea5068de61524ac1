import { useEffect, useRef, useState } from 'react'
import { CodeEditor } from './code-editor'
import { FormFieldsEditor } from './form-fields-editor'
import { ComposeResultPanel } from './compose-result'
import { TemplatePicker } from './template-picker'
import { SentHistory } from './sent-history'
import { loadDrafts, NEW_DRAFT, parseHeaders, tabName, DRAFTS_KEY, type Draft } from './drafts'
import type { ComposeResult, ProbeReportView, SentSummary } from '@shared/api/contract'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { SigningKeySelect } from '../../ui/signing-key-select'

/** Compose, sign and send a delivery by hand; the exact bytes are previewed before they go. */
export function ComposeView() {
  const composeSend = useAppStore((s) => s.composeSend)
  const loadHistory = useAppStore((s) => s.loadHistory)
  const openSent = useAppStore((s) => s.openSent)
  const probeReceiver = useAppStore((s) => s.probeReceiver)
  const [report, setReport] = useState<ProbeReportView | null>(null)
  const [tabs, setTabs] = useState(loadDrafts)
  const draft = tabs.drafts[tabs.active]!
  const setDraft = (d: Draft): void => setTabs((t) => ({ ...t, drafts: t.drafts.map((x, i) => (i === t.active ? d : x)) }))
  // The editor's change callback must see the latest draft, not the one from its first render.
  const draftRef = useRef(draft)
  draftRef.current = draft
  const mode =
    draft.mode ??
    (/form-urlencoded/i.test(draft.headers)
      ? 'form'
      : draft.body.trimStart().startsWith('{') || draft.body.trimStart().startsWith('[')
        ? 'json'
        : 'raw')
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

  /** What was shown for another draft or template (its wire view, response, probe) goes with it. */
  const clearOutput = (): void => {
    setResult(null)
    setReport(null)
    setError(null)
  }
  const applyTemplate = (d: Draft): void => {
    setDraft(d)
    clearOutput()
  }
  const switchTab = (active: number): void => {
    setTabs((t) => ({ ...t, active }))
    clearOutput()
  }
  // A scheme with no key would go out unsigned: sending is held until a key is chosen or "Don't sign" is.
  const unsignedReason =
    draft.scheme && !draft.keyId ? `Choose a signing key for ${draft.scheme}, or "Don't sign" to send it unsigned.` : null

  // A form laid out one field per line goes on the wire as one line again.
  const wireBody = (): string => (mode === 'form' ? draft.body.replace(/&\s*\n/g, '&').trim() : draft.body)
  const run = (dryRun: boolean): void => {
    setBusy(true)
    setError(null)
    const sign = draft.scheme && draft.keyId ? { scheme: draft.scheme, keyId: draft.keyId } : null
    void composeSend(
      { method: draft.method, url: draft.url, headers: parseHeaders(draft.headers), body: new TextEncoder().encode(wireBody()) },
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

  return (
    <div className="setup compose" data-testid="compose-view">
      <h2 className="setup-title">Compose</h2>
      <div className="draft-tabs" role="tablist" aria-label="Drafts">
        {tabs.drafts.map((d, i) => (
          <span key={i} className={`draft-tab${i === tabs.active ? ' active' : ''}`}>
            <button type="button" role="tab" aria-selected={i === tabs.active} onClick={() => switchTab(i)}>
              {tabName(d)}
            </button>
            {tabs.drafts.length > 1 && (
              <button
                type="button"
                aria-label={`Close ${tabName(d)}`}
                onClick={() => {
                  setTabs((t) => ({
                    drafts: t.drafts.filter((_, j) => j !== i),
                    active: Math.max(0, t.active >= i ? t.active - 1 : t.active)
                  }))
                  clearOutput()
                }}
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
          onClick={() => {
            setTabs((t) => ({ drafts: [...t.drafts, NEW_DRAFT], active: t.drafts.length }))
            clearOutput()
          }}
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
        <TemplatePicker draft={draft} onDraft={applyTemplate} />
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
          <button
            type="button"
            className="btn"
            onClick={() => run(true)}
            disabled={busy || unsignedReason !== null}
            title={unsignedReason ?? undefined}
          >
            Preview
          </button>
          <button type="submit" className="btn" disabled={busy || unsignedReason !== null} title={unsignedReason ?? undefined}>
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
                { method: draft.method, url: draft.url, headers: parseHeaders(draft.headers), body: new TextEncoder().encode(wireBody()) },
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
            <input
              type="checkbox"
              checked={draft.insecureTls === true}
              onChange={(e) => setDraft({ ...draft, insecureTls: e.target.checked })}
            />{' '}
            accept self-signed HTTPS
          </label>
          {unsignedReason && (
            <span className="warn-text small" data-testid="unsigned-reason">
              {unsignedReason}
            </span>
          )}
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
            Probe{' '}
            <span className={report.passed ? 'ok-text' : 'error-text'}>{report.passed ? 'passed: every forgery refused' : 'FAILED'}</span>
          </h3>
          <table className="headers setup-table">
            <tbody>
              {report.cases.map((c) => (
                <tr key={c.name}>
                  <td
                    className={
                      c.verdict === 'fail' ? 'error-text' : c.verdict === 'warn' ? 'warn-text' : c.verdict === 'pass' ? 'ok-text' : 'muted'
                    }
                  >
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
      {result && <ComposeResultPanel result={result} registersEndpoint={draft.registersEndpoint ?? null} />}
      <SentHistory history={history} onOpen={(id) => void openSent(id).then((r) => r && setResult(r))} />
    </div>
  )
}
