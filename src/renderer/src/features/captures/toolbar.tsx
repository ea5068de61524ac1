import { formatCount } from '../../lib/format'
import { useEffect, useRef, useState } from 'react'
import { useAppStore } from '../../store'

export function Toolbar() {
  const count = useAppStore((s) => s.total)
  const total = useAppStore((s) => s.status?.captureCount ?? 0)
  const search = useAppStore((s) => s.search)
  const verdictFilter = useAppStore((s) => s.verdictFilter)
  const setVerdictFilter = useAppStore((s) => s.setVerdictFilter)
  const setOverlay = useAppStore((s) => s.setOverlay)

  return (
    <div className="toolbar">
      <SearchField />
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
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setOverlay('import')}
        title="Paste a raw request, a curl command or a HAR file (i)"
      >
        Import…
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={total === 0}
        onClick={() => setOverlay('export')}
        title="HAR, NDJSON or .http; redacted unless asked (e)"
      >
        Export…
      </button>
      <button
        type="button"
        className="btn btn-small btn-icon"
        onClick={() => setOverlay('shortcuts')}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      <ClearAll total={total} />
    </div>
  )
}

/** The capture search: typed (a short pause before it runs), Enter or ↓ into the results, Esc clears then leaves. */
function SearchField() {
  const search = useAppStore((s) => s.search)
  const setSearch = useAppStore((s) => s.setSearch)
  const selectIndex = useAppStore((s) => s.selectIndex)
  const [text, setText] = useState(search)
  const inputRef = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const t = setTimeout(() => {
      if (text !== useAppStore.getState().search) void setSearch(text)
    }, 150)
    return () => clearTimeout(t)
  }, [text, setSearch])
  return (
    <input
      ref={inputRef}
      className="search"
      type="search"
      placeholder="Search method, path, headers, body  ( / )  Enter: results"
      aria-label="Search captures"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // The first Esc clears the search, the next lets go of the field.
          if (text) {
            e.preventDefault()
            setText('')
          } else e.currentTarget.blur()
        } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
          // Into the results: the search runs now (no debounce wait), the first result is selected, j/k move on.
          e.preventDefault()
          const input = e.currentTarget
          const ready = text !== useAppStore.getState().search ? setSearch(text) : Promise.resolve()
          void ready.then(() => selectIndex(0)).then(() => input.blur())
        }
      }}
    />
  )
}

/** Clear all, asked once more (how many) before it goes. */
function ClearAll({ total }: { total: number }) {
  const clearAll = useAppStore((s) => s.clearAll)
  const [confirming, setConfirming] = useState(false)
  return confirming ? (
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
  )
}
