import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'

/** What the detail pane shows while several captures are selected: what can be done with them together. */
export function SelectionPane() {
  const marked = useAppStore((s) => s.marked)
  const openCompare = useAppStore((s) => s.openCompare)
  const setOverlay = useAppStore((s) => s.setOverlay)
  const clearMarks = useAppStore((s) => s.clearMarks)
  return (
    <div className="detail selection-pane" data-testid="selection-pane">
      <h2 className="setup-title">{formatCount(marked.length)} captures selected</h2>
      <p className="muted small">
        Shift-click or Shift+↓/↑ selects a range, Ctrl/⌘-click or x adds one capture. Esc clears the selection.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={marked.length !== 2}
          title={marked.length === 2 ? 'Side by side (c)' : 'Compare takes two captures'}
          onClick={() => openCompare(Math.min(...marked), Math.max(...marked))}
        >
          Compare the two <kbd>c</kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOverlay('export')}>
          Export {formatCount(marked.length)}… <kbd>e</kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={clearMarks}>
          Clear selection <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  )
}
