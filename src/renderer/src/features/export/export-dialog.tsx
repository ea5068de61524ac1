import { useEffect, useRef, useState } from 'react'
import type { ExportFormat } from '@shared/http/export'
import type { ListQuery } from '@shared/model/capture'
import { formatCount } from '../../lib/format'
import { useModal } from '../../ui/use-modal'
import { useAppStore } from '../../store'

const FORMATS: { id: ExportFormat; label: string; note: string; ext: string; type: string }[] = [
  {
    id: 'har',
    label: 'HAR 1.2',
    note: 'browsers, proxies and HTTP Toolkit open it; bodies byte-exact',
    ext: 'har',
    type: 'application/json'
  },
  {
    id: 'ndjson',
    label: 'NDJSON',
    note: 'one capture a line, exact bytes as base64',
    ext: 'ndjson',
    type: 'application/x-ndjson'
  },
  {
    id: 'http',
    label: '.http',
    note: 'requests to re-send from an editor (text bodies only)',
    ext: 'http',
    type: 'text/plain'
  }
]

/**
 * Export the selected captures, or the list as filtered (search, signature filter), as HAR, NDJSON or
 * a .http file — redacted as the CLI's export is unless the user asks for secrets. Pages are fetched
 * one after another, with progress, and saved as one file.
 */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const marked = useAppStore((s) => s.marked)
  const search = useAppStore((s) => s.search)
  const verdict = useAppStore((s) => s.verdictFilter)
  const listed = useAppStore((s) => s.total)
  const [scope, setScope] = useState<'marked' | 'list'>(marked.length > 1 ? 'marked' : 'list')
  const [format, setFormat] = useState<ExportFormat>('har')
  const [includeSecrets, setIncludeSecrets] = useState(false)
  // Enter exports at once: the dialog would otherwise focus its first choice.
  const submit = useRef<HTMLButtonElement>(null)
  const ref = useModal(submit)
  const filtered = search.trim() !== '' || verdict !== null
  const count = scope === 'marked' ? marked.length : listed

  const request = (): ExportRequest =>
    scope === 'marked'
      ? { format, includeSecrets, ids: marked }
      : { format, includeSecrets, filter: listFilter(search, verdict) }
  const { progress, error, saved, run, cancelled } = useExportRun(request, count, format)

  return (
    <dialog
      ref={ref}
      className="dialog export-dialog"
      aria-label="Export captures"
      data-testid="export-dialog"
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          if (!progress) void run()
        }}
      >
        <h2 className="setup-title">Export captures</h2>
        <ExportChoices
          c={{
            scope,
            setScope,
            format,
            setFormat,
            includeSecrets,
            setIncludeSecrets,
            filtered,
            listed,
            marked: marked.length
          }}
        />
        <ExportFooter
          progress={progress}
          saved={saved}
          error={error}
          submit={submit}
          count={count}
          onStop={() => {
            cancelled.current = true
            if (!progress) onClose()
          }}
        />
      </form>
    </dialog>
  )
}

type ExportRequest = Parameters<ReturnType<typeof useAppStore.getState>['exportCaptures']>[0]

function listFilter(search: string, verdict: ListQuery['verdict'] | null) {
  return { ...(search.trim() ? { search } : {}), ...(verdict ? { verdict } : {}) }
}

/** Runs an export page by page (progress, stop, error) and saves it as one file. */
function useExportRun(request: () => ExportRequest, count: number, format: ExportFormat) {
  const exportCaptures = useAppStore((s) => s.exportCaptures)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const cancelled = useRef(false)
  useEffect(() => () => void (cancelled.current = true), [])
  const run = async (): Promise<void> => {
    setError(null)
    setSaved(null)
    cancelled.current = false
    setProgress({ done: 0, total: count })
    try {
      const parts = await exportCaptures(
        request(),
        (done, total) => setProgress({ done, total }),
        () => cancelled.current
      )
      if (parts) setSaved(saveFile(parts, format))
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setProgress(null)
    }
  }
  return { progress, error, saved, run, cancelled }
}

/** The export saved as one file named for now (hookscope-YYYY-MM-DD-HH-MM-SS.ext); its name. */
function saveFile(parts: BlobPart[], format: ExportFormat): string {
  const f = FORMATS.find((x) => x.id === format)!
  const name = `hookscope-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${f.ext}`
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob(parts, { type: f.type }))
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  return name
}

interface Choices {
  scope: 'marked' | 'list'
  setScope: (s: 'marked' | 'list') => void
  format: ExportFormat
  setFormat: (f: ExportFormat) => void
  includeSecrets: boolean
  setIncludeSecrets: (b: boolean) => void
  filtered: boolean
  listed: number
  marked: number
}

/** Which captures (the selected ones, or the list as filtered), the format, and whether secrets stay in. */
function ExportChoices({ c }: { c: Choices }) {
  const { scope, setScope, format, setFormat, includeSecrets, setIncludeSecrets, filtered, listed, marked } = c
  return (
    <>
      <fieldset className="choices">
        <legend className="muted small">Which</legend>
        {marked > 1 && (
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'marked'} onChange={() => setScope('marked')} />
            <span className="small">The {formatCount(marked)} selected</span>
          </label>
        )}
        <label className="check">
          <input type="radio" name="scope" checked={scope === 'list'} onChange={() => setScope('list')} />
          <span className="small">
            {filtered
              ? `The ${formatCount(listed)} the list shows (as filtered)`
              : `All ${formatCount(listed)} captures`}
          </span>
        </label>
      </fieldset>
      <fieldset className="choices">
        <legend className="muted small">Format</legend>
        {FORMATS.map((f) => (
          <label key={f.id} className="check">
            <input type="radio" name="format" checked={format === f.id} onChange={() => setFormat(f.id)} />
            <span className="small">
              {f.label} <span className="muted">— {f.note}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
        <span className="small">
          Include secrets{' '}
          <span className="muted">
            — Authorization, cookies, signature headers and key-like query values are redacted otherwise
          </span>
        </span>
      </label>
    </>
  )
}

/** Progress, where it was saved or what failed, and Export / Stop / Done. */
function ExportFooter(props: {
  progress: { done: number; total: number } | null
  saved: string | null
  error: string | null
  submit: React.RefObject<HTMLButtonElement | null>
  count: number
  onStop: () => void
}) {
  const { progress, saved, error, submit, count, onStop } = props
  return (
    <>
      {progress && (
        <p className="small" role="status" data-testid="export-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} /> {formatCount(progress.done)} of{' '}
          {formatCount(progress.total)}
        </p>
      )}
      {saved && (
        <p className="small ok-text" role="status" data-testid="export-saved">
          Saved {saved}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button ref={submit} type="submit" className="btn" disabled={progress !== null || count === 0}>
          {progress ? 'Exporting…' : `Export ${formatCount(count)}`}
        </button>
        <button type="button" className="btn btn-small" onClick={onStop}>
          {progress ? 'Stop' : saved ? 'Done' : 'Cancel'}
        </button>
      </div>
    </>
  )
}
