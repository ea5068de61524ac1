import { formatCount } from '../../lib/format'
import { useState } from 'react'
import { useAppStore } from '../../store'

/** Under the list: how many captures it covers, and jumps to the newest, the oldest or a time. */
export function ListFooter() {
  const total = useAppStore((s) => s.total)
  const selectIndex = useAppStore((s) => s.selectIndex)
  const indexAtTime = useAppStore((s) => s.indexAtTime)
  const [time, setTime] = useState('')
  const [note, setNote] = useState<string | null>(null)

  const goToTime = async (): Promise<void> => {
    const ms = new Date(time).getTime()
    if (!Number.isFinite(ms)) return
    const index = await indexAtTime(ms)
    if (index >= total) {
      setNote('Nothing that early: showing the oldest.')
      await selectIndex(total - 1)
    } else {
      setNote(null)
      await selectIndex(index)
    }
  }

  return (
    <div className="list-footer" data-testid="list-footer">
      <span className="muted" data-testid="list-total">
        {formatCount(total)} {total === 1 ? 'capture' : 'captures'}
      </span>
      <span className="list-footer-jumps">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void selectIndex(0)}
          disabled={total === 0}
          title="Newest (Home)"
        >
          Newest
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void selectIndex(total - 1)}
          disabled={total === 0}
          title="Oldest (End)"
        >
          Oldest
        </button>
        <form
          className="go-to-time"
          onSubmit={(e) => {
            e.preventDefault()
            void goToTime()
          }}
        >
          <input
            type="datetime-local"
            step="1"
            aria-label="Go to time"
            value={time}
            onChange={(e) => {
              setTime(e.target.value)
              setNote(null)
            }}
          />
          <button type="submit" className="btn btn-small" disabled={!time || total === 0}>
            Go
          </button>
        </form>
        {note && <span className="muted">{note}</span>}
      </span>
    </div>
  )
}
