import { formatCount } from '../../lib/format'
import { useEffect, useRef, useState } from 'react'
import { useAppStore } from '../../store'
import { ImportDialog } from '../import/import-dialog'

export function Toolbar() {
  const setSearch = useAppStore((s) => s.setSearch)
  const count = useAppStore((s) => s.total)
  const total = useAppStore((s) => s.status?.captureCount ?? 0)
  const search = useAppStore((s) => s.search)
  const clearAll = useAppStore((s) => s.clearAll)
  const verdictFilter = useAppStore((s) => s.verdictFilter)
  const setVerdictFilter = useAppStore((s) => s.setVerdictFilter)
  const [text, setText] = useState(search)
  const [confirming, setConfirming] = useState(false)
  const [importing, setImporting] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const t = setTimeout(() => {
      if (text !== useAppStore.getState().search) setSearch(text)
    }, 150)
    return () => clearTimeout(t)
  }, [text, setSearch])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement !== inputRef.current) {
        e.preventDefault()
        inputRef.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="toolbar">
      <input
        ref={inputRef}
        className="search"
        type="search"
        placeholder="Search method, path, headers, body  ( / )"
        aria-label="Search captures"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText('')
            e.currentTarget.blur()
          }
        }}
      />
      <select
        className="filter"
        aria-label="Filter by signature"
        value={verdictFilter ?? ''}
        onChange={(e) => setVerdictFilter((e.target.value || null) as typeof verdictFilter)}
      >
        <option value="">All</option>
        <option value="valid">Valid</option>
        <option value="invalid">Invalid</option>
        <option value="not-covered">Body not covered</option>
        <option value="unsigned">Unsigned</option>
        <option value="no-key">No key</option>
        <option value="key-locked">Key locked</option>
      </select>
      <span className="muted small count" data-testid="list-count">
        {search.trim() || verdictFilter ? `${formatCount(count)} found` : `${formatCount(total)}`}
      </span>
      <button type="button" className="btn btn-small" onClick={() => setImporting(true)} title="Paste a raw request, a curl command or a HAR file">
        Import…
      </button>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {confirming ? (
        <span className="confirm">
          <span className="small">Delete all {formatCount(total)}?</span>
          <button
            type="button"
            className="btn btn-small btn-danger"
            onClick={() => {
              setConfirming(false)
              void clearAll()
            }}
          >
            Clear all
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-small" disabled={total === 0} onClick={() => setConfirming(true)}>
          Clear…
        </button>
      )}
    </div>
  )
}
