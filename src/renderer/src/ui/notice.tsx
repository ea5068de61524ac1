import { useAppStore } from '../store'

/** What a shortcut just did ("Copied #12 as curl"), for a moment, where the undo toast would be. */
export function Notice() {
  const notice = useAppStore((s) => s.notice)
  const undo = useAppStore((s) => s.undo)
  if (!notice || undo) return null
  return (
    <div className="toast" role="status" data-testid="notice">
      {notice.text}
    </div>
  )
}
