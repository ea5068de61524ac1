import { formatCount } from '../../lib/format'
import { useState } from 'react'
import { useModal } from '../../ui/use-modal'
import { useAppStore } from '../../store'

/**
 * Paste or drop a delivery from elsewhere — a raw HTTP request (a provider dashboard's log entry, a
 * proxy's dump), a curl command, or a HAR file — and it becomes a capture marked imported, opened.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const importCaptures = useAppStore((s) => s.importCaptures)
  const select = useAppStore((s) => s.select)
  const [text, setText] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notes, setNotes] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const ref = useModal()

  const run = async (data: Uint8Array, name?: string): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const r = await importCaptures(data, name)
      setNotes(r.notes)
      if (r.captures.length > 0) {
        void select(r.captures[0]!.id)
        if (r.notes.length === 0) onClose()
      } else setError('Nothing was imported.')
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog import-dialog"
      aria-label="Import a delivery"
      data-testid="import-dialog"
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          if (file) void file.arrayBuffer().then((b) => run(new Uint8Array(b), file.name))
          else void run(new TextEncoder().encode(text))
        }}
      >
        <h2 className="setup-title">Import a delivery</h2>
        <p className="muted small">
          A raw HTTP request (<code>POST /path HTTP/1.1</code>, headers, blank line, body), a curl command, or a HAR
          file. It is stored as a capture marked <em>imported</em>, checked by the endpoint its path matches, and
          opened.
        </p>
        <DropZone text={text} setText={setText} file={file} setFile={setFile} />
        {error && (
          <p className="error-text small" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
        <ImportNotes notes={notes} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={busy || (!file && !text.trim())}>
            {busy ? 'Importing…' : 'Import'}
          </button>
          <label className="btn btn-small file-pick">
            Choose file…
            <input
              type="file"
              accept=".har,.http,.txt,.json,application/json,text/plain"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              hidden
            />
          </label>
          <button type="button" className="btn btn-small" onClick={onClose}>
            {notes.length ? 'Done' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/** Where the delivery goes: pasted as text, or a file dropped or chosen (shown with its size, removable). */
function DropZone(props: {
  text: string
  setText: (t: string) => void
  file: File | null
  setFile: (f: File | null) => void
}) {
  const { text, setText, file, setFile } = props
  const [dragging, setDragging] = useState(false)
  return (
    <div
      className={`drop-zone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        const f = e.dataTransfer.files[0]
        if (f) setFile(f)
      }}
    >
      {file ? (
        <p className="small">
          <strong>{file.name}</strong> <span className="muted">({formatCount(file.size)} bytes)</span>{' '}
          <button type="button" className="btn btn-small" onClick={() => setFile(null)}>
            Remove
          </button>
        </p>
      ) : (
        <textarea
          className="mono"
          rows={12}
          autoFocus
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Delivery to import"
          placeholder={
            'POST /webhooks/orders HTTP/1.1\nHost: example.com\nContent-Type: ' +
            'application/json\n\n{"id":"evt_1"}\n\n— or a curl command, or drop a .har / .http file here'
          }
        />
      )}
    </div>
  )
}

/** What the import says about what it read (skipped entries, guesses it made). */
function ImportNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null
  return (
    <ul className="small muted" data-testid="import-notes">
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  )
}
