import type { Dispatch, SetStateAction } from 'react'
import { CodeEditor } from './code-editor'
import { FormFieldsEditor } from './form-fields-editor'
import { NEW_DRAFT, tabName, type Draft } from './drafts'
import type { ProbeReportView } from '@shared/api/contract'

export type Tabs = { drafts: Draft[]; active: number }
export type BodyMode = 'json' | 'form' | 'raw'

/** The open drafts as tabs: switch, close (not the last), add a new one. Output shown for a draft goes with it. */
export function DraftTabs({
  tabs,
  setTabs,
  clearOutput
}: {
  tabs: Tabs
  setTabs: Dispatch<SetStateAction<Tabs>>
  clearOutput: () => void
}) {
  const switchTab = (active: number): void => {
    setTabs((t) => ({ ...t, active }))
    clearOutput()
  }
  return (
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
  )
}

/** The body editor of a mode (JSON, form fields, raw), the mode tabs and Format for JSON. */
export function BodyField({
  draft,
  mode,
  setDraft,
  latest,
  setError
}: {
  draft: Draft
  mode: BodyMode
  setDraft: (d: Draft) => void
  /** The draft as it is now (the editors' change callbacks outlive the render that made them). */
  latest: () => Draft
  setError: (e: string) => void
}) {
  return (
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
        <FormFieldsEditor body={draft.body} onChange={(body) => setDraft({ ...latest(), body })} />
      ) : (
        <CodeEditor value={draft.body} onChange={(body) => setDraft({ ...latest(), body })} mode={mode} label="Body" />
      )}
    </div>
  )
}

const VERDICT_CLASS: Record<ProbeReportView['cases'][number]['verdict'], string> = {
  fail: 'error-text',
  warn: 'warn-text',
  pass: 'ok-text',
  'n/a': 'muted'
}

/** What a probe found: each forgery, what the receiver answered and whether that was right. */
export function ProbeReportTable({ report }: { report: ProbeReportView }) {
  return (
    <div className="compose-result" data-testid="probe-report">
      <h3 className="section-title">
        Probe{' '}
        <span className={report.passed ? 'ok-text' : 'error-text'}>
          {report.passed ? 'passed: every forgery refused' : 'FAILED'}
        </span>
      </h3>
      <table className="headers setup-table">
        <tbody>
          {report.cases.map((c) => (
            <tr key={c.name}>
              <td className={VERDICT_CLASS[c.verdict]}>{c.verdict}</td>
              <td className="mono">{c.name}</td>
              <td className="muted small">{c.description}</td>
              <td className="mono">
                {!c.applicable ? 'n/a' : (c.error ?? `${c.status} ${c.accepted ? 'accepted' : 'refused'}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
