import { useEffect } from 'react'
import { useAppStore } from '../store'

/** "Deleted #12 · Undo" while a deletion can still be taken back (⌘/Ctrl+Z too). */
export function UndoToast() {
  const undo = useAppStore((s) => s.undo)
  const undoDelete = useAppStore((s) => s.undoDelete)
  useEffect(() => {
    if (!undo) return
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key === 'z') {
        e.preventDefault()
        undoDelete()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, undoDelete])
  if (!undo) return null
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      Deleted #{undo.summary.id}{' '}
      <span className="mono muted">
        {undo.summary.method} {undo.summary.target.slice(0, 40)}
      </span>
      <button type="button" className="btn btn-small" onClick={undoDelete}>
        Undo
      </button>
    </div>
  )
}
