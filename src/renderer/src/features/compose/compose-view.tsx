import { useEffect, useRef, useState } from 'react'
import { ComposeResultPanel } from './compose-result'
import { TemplatePicker } from './template-picker'
import { SentHistory } from './sent-history'
import { BodyField, DraftTabs, ProbeReportTable, type BodyMode, type Tabs } from './compose-parts'
import { loadDrafts, parseHeaders, DRAFTS_KEY, type Draft } from './drafts'
import type { ComposeResult, ProbeReportView, SentSummary } from '@shared/api/contract'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { SigningKeySelect } from '../../ui/signing-key-select'

/** The body mode a draft is in: as chosen, else from its Content-Type or its first character. */
function modeOf(draft: Draft): BodyMode {
  if (draft.mode) return draft.mode
  if (/form-urlencoded/i.test(draft.headers)) return 'form'
  const t = draft.body.trimStart()
  return t.startsWith('{') || t.startsWith('[') ? 'json' : 'raw'
}

/** The drafts (kept in local storage), the active one and how to change it. */
function useDrafts() {
  const [tabs, setTabs] = useState<Tabs>(loadDrafts)
  const draft = tabs.drafts[tabs.active]!
  const setDraft = (d: Draft): void =>
    setTabs((t) => ({ ...t, drafts: t.drafts.map((x, i) => (i === t.active ? d : x)) }))
  // The editor's change callback must see the latest draft, not the one from its first render.
  const draftRef = useRef(draft)
  draftRef.current = draft
  useEffect(() => {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(tabs))
  }, [tabs])
  return { tabs, setTabs, draft, setDraft, latest: () => draftRef.current }
}

/** The draft as it goes on the wire: a form laid out one field per line goes as one line again. */
function outgoingOf(draft: Draft, mode: BodyMode) {
  const body = mode === 'form' ? draft.body.replace(/&\s*\n/g, '&').trim() : draft.body
  return {
    method: draft.method,
    url: draft.url,
    headers: parseHeaders(draft.headers),
    body: new TextEncoder().encode(body)
  }
}

/** The busy mark, and a way to run a host call with it on; the call's failure is shown, not thrown. */
function useBusy(setError: (e: string) => void) {
  const [busy, setBusy] = useState(false)
  const busyWhile = <T,>(work: Promise<T>, done: (r: T) => void): void => {
    setBusy(true)
    void work.then(
      (r) => {
        done(r)
        setBusy(false)
      },
      (err: unknown) => {
        setError((err as Error).message)
        setBusy(false)
      }
    )
  }
  return { busy, busyWhile }
}

/** Compose, sign and send a delivery by hand; the exact bytes are previewed before they go. */
export function ComposeView() {
  const composeSend = useAppStore((s) => s.composeSend)
  const loadHistory = useAppStore((s) => s.loadHistory)
  const openSent = useAppStore((s) => s.openSent)
  const probeReceiver = useAppStore((s) => s.probeReceiver)
  const [report, setReport] = useState<ProbeReportView | null>(null)
  const { tabs, setTabs, draft, setDraft, latest } = useDrafts()
  const mode = modeOf(draft)
  const [result, setResult] = useState<ComposeResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { busy, busyWhile } = useBusy(setError)
  const [history, setHistory] = useState<SentSummary[]>([])
  useEffect(() => {
    void loadHistory().then(setHistory)
  }, [loadHistory])

  /** What was shown for another draft or template (its wire view, response, probe) goes with it. */
  const clearOutput = (): void => {
    setResult(null)
    setReport(null)
    setError(null)
  }
  const outgoing = () => outgoingOf(draft, mode)
  const run = (dryRun: boolean): void => {
    setError(null)
    const sign = draft.scheme && draft.keyId ? { scheme: draft.scheme, keyId: draft.keyId } : null
    busyWhile(composeSend(outgoing(), { sign, dryRun, insecureTls: draft.insecureTls === true }), (r) => {
      setResult(r)
      if (!dryRun) void loadHistory().then(setHistory)
    })
  }
  const probe = (): void => {
    setReport(null)
    busyWhile(probeReceiver(outgoing(), { scheme: draft.scheme, keyId: draft.keyId! }), setReport)
  }

  return (
    <div className="setup compose" data-testid="compose-view">
      <h2 className="setup-title">Compose</h2>
      <DraftTabs tabs={tabs} setTabs={setTabs} clearOutput={clearOutput} />
      <form
        className="setup-form"
        onSubmit={(e) => {
          e.preventDefault()
          run(false)
        }}
      >
        <TemplatePicker
          draft={draft}
          onDraft={(d) => {
            setDraft(d)
            clearOutput()
          }}
        />
        <RequestFields draft={draft} mode={mode} setDraft={setDraft} latest={latest} setError={setError} />
        <ComposeActions
          draft={draft}
          setDraft={setDraft}
          busy={busy}
          error={error}
          onPreview={() => run(true)}
          onProbe={probe}
        />
      </form>
      {report && <ProbeReportTable report={report} />}
      {result && <ComposeResultPanel result={result} registersEndpoint={draft.registersEndpoint ?? null} />}
      <SentHistory history={history} onOpen={(id) => void openSent(id).then((r) => r && setResult(r))} />
    </div>
  )
}

/** Preview, Send (the form's submit), Probe receiver, the self-signed switch, and why sending is held. */
function ComposeActions(props: {
  draft: Draft
  setDraft: (d: Draft) => void
  busy: boolean
  error: string | null
  onPreview: () => void
  onProbe: () => void
}) {
  const { draft, setDraft, busy, error } = props
  // A scheme with no key would go out unsigned: sending is held until a key is chosen or "Don't sign" is.
  const unsignedReason =
    draft.scheme && !draft.keyId
      ? `Choose a signing key for ${draft.scheme}, or "Don't sign" to send it unsigned.`
      : null
  return (
    <div className="form-actions wide">
      <button
        type="button"
        className="btn"
        onClick={props.onPreview}
        disabled={busy || unsignedReason !== null}
        title={unsignedReason ?? undefined}
      >
        Preview
      </button>
      <button
        type="submit"
        className="btn"
        disabled={busy || unsignedReason !== null}
        title={unsignedReason ?? undefined}
      >
        Send
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy || !draft.scheme || !draft.keyId}
        title="Send a valid delivery and forgeries; see which the receiver accepts"
        onClick={props.onProbe}
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
  )
}

/** The request itself: method and URL, headers, body, and the scheme and key it is signed with. */
function RequestFields(props: {
  draft: Draft
  mode: BodyMode
  setDraft: (d: Draft) => void
  latest: () => Draft
  setError: (e: string) => void
}) {
  const { draft, setDraft } = props
  return (
    <>
      <div className="wide url-row">
        <select
          value={draft.method}
          onChange={(e) => setDraft({ ...draft, method: e.target.value })}
          aria-label="Method"
        >
          {['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          value={draft.url}
          onChange={(e) => setDraft({ ...draft, url: e.target.value })}
          aria-label="URL"
          className="mono"
        />
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
      <BodyField {...props} />
      <label>
        <span className="muted small">Sign with scheme</span>
        <select
          value={draft.scheme}
          onChange={(e) => setDraft({ ...draft, scheme: e.target.value })}
          aria-label="Sign with scheme"
        >
          <option value="">Don't sign</option>
          <SchemeOptions />
        </select>
      </label>
      <label>
        <span className="muted small">Key</span>
        <SigningKeySelect value={draft.keyId} onChange={(keyId) => setDraft({ ...draft, keyId })} label="Signing key" />
      </label>
    </>
  )
}
