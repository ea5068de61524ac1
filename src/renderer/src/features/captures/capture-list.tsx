import { useEffect, useLayoutEffect, useRef } from 'react'
import { formatBytes } from '@shared/http/text'
import type { CaptureSummary } from '@shared/model/capture'
import { formatListTime, fullTimestamp, shortContentType, statusClass } from '../../lib/format'
import { useAppStore } from '../../store'
import { VerdictBadge } from '../verify/verdict-badge'
import { ShownText } from '../../ui/shown-text'
import { ResizeHandle, useStoredWidth } from '../../ui/resize-handle'
import { indexOf, rowAt } from '../../store/captures-slice'
import { useScaledRows } from './scaled-rows'
import { ListFooter } from './list-footer'

const ROW_HEIGHT = 26

export function CaptureList() {
  const items = useAppStore((s) => s.items)
  const rowWindow = useAppStore((s) => s.window)
  const total = useAppStore((s) => s.total)
  const inserted = useAppStore((s) => s.inserted)
  const selectedId = useAppStore((s) => s.selectedId)
  const select = useAppStore((s) => s.select)
  const marked = useAppStore((s) => s.marked)
  const markRange = useAppStore((s) => s.markRange)
  const toggleMark = useAppStore((s) => s.toggleMark)
  const ensureRows = useAppStore((s) => s.ensureRows)
  const endpoints = useAppStore((s) => s.endpoints)
  const parentRef = useRef<HTMLDivElement>(null)
  const { columns, setPathWidth, setEventWidth } = useColumnWidths()
  const rows = useScaledRows(total, ROW_HEIGHT, parentRef, 12)
  const { first, last } = rows

  // Rows not loaded yet are fetched once the view settles (a drag across the scrollbar asks once, at the end).
  useEffect(() => {
    const t = setTimeout(() => void ensureRows(first, last), 40)
    return () => clearTimeout(t)
  }, [first, last, total, items, rowWindow, ensureRows])

  useKeepPlace(inserted, rows, parentRef)

  const selectedIndex = selectedId === null ? -1 : indexOf({ items, window: rowWindow }, selectedId)
  const scrollToRow = rows.scrollToRow
  useEffect(() => {
    if (selectedIndex >= 0) scrollToRow(selectedIndex)
    // Only when the selection moves, not as rows arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId])

  const shown: number[] = []
  for (let i = first; i <= last; i++) shown.push(i)

  return (
    <>
      <div className="list" role="grid" aria-label="Captured requests" aria-rowcount={total} style={columns}>
        <ListHead onPathWidth={setPathWidth} onEventWidth={setEventWidth} />
        <div ref={parentRef} className="list-scroll" data-testid="capture-list">
          <div style={{ height: rows.height, position: 'relative' }}>
            {shown.map((index) => {
              const c = rowAt({ items, window: rowWindow }, index)
              const style = { transform: `translateY(${rows.offsetOf(index)}px)`, height: ROW_HEIGHT }
              if (!c)
                return (
                  <div
                    key={`at-${index}`}
                    role="row"
                    aria-rowindex={index + 1}
                    className="row list-row placeholder"
                    style={style}
                    aria-busy="true"
                  >
                    <span className="muted">…</span>
                  </div>
                )
              return (
                <CaptureRow
                  key={c.id}
                  c={c}
                  index={index}
                  style={style}
                  selected={c.id === selectedId}
                  inRange={marked.includes(c.id)}
                  endpointName={
                    c.endpointId !== null
                      ? (endpoints.find((e) => e.id === c.endpointId)?.name ?? `#${c.endpointId}`)
                      : null
                  }
                  onClick={(e) => {
                    if (e.shiftKey) void markRange(c.id)
                    else if (e.metaKey || e.ctrlKey) toggleMark(c.id)
                    else void select(c.id)
                  }}
                />
              )
            })}
          </div>
        </div>
      </div>
      <ListFooter />
    </>
  )
}

/** Live forwarding's outcome beside the reply: ↪ and the target's status, or ↪✗ with the reason on hover. */
function ForwardMark({ forward }: { forward: { status: number | null; error: string | null } }) {
  const ok = forward.status !== null && forward.status < 400
  return (
    <span
      className={`forward-mark ${ok ? 'ok-text' : 'error-text'}`}
      title={forward.error ?? `Forwarded; the target answered ${forward.status}`}
      data-testid="forward-mark"
    >
      {' '}
      ↪{forward.status ?? '✗'}
    </span>
  )
}

/** The column headings; Path and Event take the width the user drags them to. */
function ListHead({
  onPathWidth,
  onEventWidth
}: {
  onPathWidth: (w: number | null) => void
  onEventWidth: (w: number | null) => void
}) {
  return (
    <div className="list-head row" role="row">
      <span role="columnheader">Time</span>
      <span role="columnheader">Method</span>
      <span role="columnheader" className="resizable">
        Path
        <ResizeHandle label="Resize the Path column" min={60} max={1200} onResize={onPathWidth} />
      </span>
      <span role="columnheader" className="resizable">
        Event
        <ResizeHandle label="Resize the Event column" min={60} max={800} onResize={onEventWidth} />
      </span>
      <span role="columnheader">Sig</span>
      <span role="columnheader" className="col-type">
        Type
      </span>
      <span role="columnheader" className="num">
        Size
      </span>
      <span role="columnheader" className="num">
        Reply
      </span>
    </div>
  )
}

/** One capture's row: time (★ when pinned), method, path and endpoint, event and provider, verdict, type, size, reply. */
function CaptureRow(props: {
  c: CaptureSummary
  index: number
  style: React.CSSProperties
  selected: boolean
  inRange: boolean
  endpointName: string | null
  onClick: (e: React.MouseEvent) => void
}) {
  const { c, index, style, selected, inRange, endpointName, onClick } = props
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected || inRange}
      data-capture-id={c.id}
      className={`row list-row${selected ? ' selected' : ''}${inRange ? ' marked' : ''}`}
      style={style}
      // Shift-click extends a range: the browser must not select the text between.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={onClick}
    >
      <span className="mono muted" title={fullTimestamp(c.receivedAt)}>
        {c.pinned ? '★ ' : ''}
        {formatListTime(c.receivedAt)}
      </span>
      <span className={`method m-${c.method.toLowerCase()}`}>{c.method}</span>
      {/* The text first, its tag after: when the column is narrow the tag gives way first. */}
      <span className="mono path" title={c.target}>
        <span className="cell-text">
          <ShownText text={c.target} />
        </span>
        {endpointName !== null && (
          <span className="tag-slot">
            <span className="tag" title="Endpoint that caught it">
              {endpointName}
            </span>
          </span>
        )}
      </span>
      <span className="event" title={[c.event, c.provider].filter(Boolean).join(' · ')}>
        <span className="mono cell-text">
          <ShownText text={c.event ?? ''} />
        </span>
        {c.provider && (
          <span className="tag-slot">
            <span className="tag">{c.provider}</span>
          </span>
        )}
      </span>
      <span>{c.verdict && <VerdictBadge verdict={c.verdict} reason={c.verdictReason} replay={c.replay} />}</span>
      <span className="muted col-type">{shortContentType(c.contentType)}</span>
      <span className="num muted" title={c.contentType ?? 'no Content-Type'}>
        {formatBytes(c.bodySize)}
        {c.truncated ? ' ✂' : ''}
      </span>
      {c.imported ? (
        <span className="num muted" title={`Imported (${c.imported}): nothing was replied`}>
          imp
        </span>
      ) : (
        <span className="num">
          <span className={statusClass(c.replyStatus)}>{c.replyStatus}</span>
          {c.forward && <ForwardMark forward={c.forward} />}
        </span>
      )}
    </div>
  )
}

/** The Path and Event column widths the user dragged to (kept), as CSS variables for the rows. */
function useColumnWidths() {
  const [pathWidth, setPathWidth] = useStoredWidth('column.path')
  const [eventWidth, setEventWidth] = useStoredWidth('column.event')
  const columns = {
    ...(pathWidth ? { '--w-path': `${pathWidth}px` } : {}),
    ...(eventWidth ? { '--w-event': `${eventWidth}px` } : {}),
    // The fixed columns, gaps and padding (see .row) plus the two the user sized: wider than the pane scrolls sideways.
    '--row-min': `${380 + (pathWidth ?? 80) + (eventWidth ?? 80)}px`
  } as React.CSSProperties
  return { columns, setPathWidth, setEventWidth }
}

/**
 * Rows that arrive above a scrolled view push it down by as many rows: what the user reads stays put.
 * (A view at the top shows them; asking the element where it is would lay the page out at every arrival.)
 */
function useKeepPlace(
  inserted: number,
  rows: ReturnType<typeof useScaledRows>,
  parentRef: React.RefObject<HTMLDivElement | null>
): void {
  const lastInserted = useRef(inserted)
  const lastTop = useRef(rows.top)
  useLayoutEffect(() => {
    const added = inserted - lastInserted.current
    lastInserted.current = inserted
    const el = parentRef.current
    if (added > 0 && el && rows.scrolled) el.scrollTop = rows.scrollTopFor(lastTop.current + added)
    lastTop.current = rows.top
  })
}
