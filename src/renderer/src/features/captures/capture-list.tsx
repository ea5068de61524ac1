import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { formatBytes } from '@shared/http/text'
import { formatTime, shortContentType, statusClass } from '../../lib/format'
import { useAppStore } from '../../store'
import { VerdictBadge } from '../verify/verdict-badge'
import { ShownText } from '../../ui/shown-text'
import { ResizeHandle, useStoredWidth } from '../../ui/resize-handle'

const ROW_HEIGHT = 26

export function CaptureList() {
  const items = useAppStore((s) => s.items)
  const selectedId = useAppStore((s) => s.selectedId)
  const select = useAppStore((s) => s.select)
  const openCompare = useAppStore((s) => s.openCompare)
  const loadMore = useAppStore((s) => s.loadMore)
  const endpoints = useAppStore((s) => s.endpoints)
  const parentRef = useRef<HTMLDivElement>(null)
  const [pathWidth, setPathWidth] = useStoredWidth('column.path')
  const [eventWidth, setEventWidth] = useStoredWidth('column.event')
  const columns = {
    ...(pathWidth ? { '--w-path': `${pathWidth}px` } : {}),
    ...(eventWidth ? { '--w-event': `${eventWidth}px` } : {}),
    // The fixed columns, gaps and padding (see .row) plus the two the user sized: wider than the pane scrolls sideways.
    '--row-min': `${448 + (pathWidth ?? 80) + (eventWidth ?? 80)}px`
  } as React.CSSProperties
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1

  useEffect(() => {
    if (lastIndex >= 0 && lastIndex >= items.length - 30) void loadMore()
  }, [lastIndex, items.length, loadMore])

  const selectedIndex = selectedId === null ? -1 : items.findIndex((i) => i.id === selectedId)
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  return (
    <div className="list" role="grid" aria-label="Captured requests" aria-rowcount={items.length} style={columns}>
      <div className="list-head row" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Method</span>
        <span role="columnheader" className="resizable">
          Path
          <ResizeHandle label="Resize the Path column" min={60} max={1200} onResize={setPathWidth} />
        </span>
        <span role="columnheader" className="resizable">
          Event
          <ResizeHandle label="Resize the Event column" min={60} max={800} onResize={setEventWidth} />
        </span>
        <span role="columnheader">Sig</span>
        <span role="columnheader">Type</span>
        <span role="columnheader" className="num">
          Size
        </span>
        <span role="columnheader" className="num">
          Reply
        </span>
      </div>
      <div ref={parentRef} className="list-scroll" data-testid="capture-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const c = items[v.index]!
            const selected = c.id === selectedId
            return (
              <div
                key={c.id}
                role="row"
                aria-selected={selected}
                data-capture-id={c.id}
                className={`row list-row${selected ? ' selected' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                onClick={(e) => {
                  // Shift/⌘/Ctrl-click: compare with the selected capture.
                  if ((e.shiftKey || e.metaKey || e.ctrlKey) && selectedId !== null && selectedId !== c.id) {
                    e.preventDefault()
                    openCompare(Math.min(selectedId, c.id), Math.max(selectedId, c.id))
                  } else void select(c.id)
                }}
                title={selected ? undefined : 'Shift-click to compare with the selected capture'}
              >
                <span className="mono muted">
                  {c.pinned ? '★ ' : ''}
                  {formatTime(c.receivedAt)}
                </span>
                <span className={`method m-${c.method.toLowerCase()}`}>{c.method}</span>
                <span className="mono path" title={c.target}>
                  {c.endpointId !== null && (
                    <span className="tag" title="Endpoint that caught it">
                      {endpoints.find((e) => e.id === c.endpointId)?.name ?? `#${c.endpointId}`}
                    </span>
                  )}
                  <ShownText text={c.target} />
                </span>
                <span className="event" title={[c.provider, c.event].filter(Boolean).join(' · ')}>
                  {c.provider && <span className="tag">{c.provider}</span>}
                  <span className="mono">
                    <ShownText text={c.event ?? ''} />
                  </span>
                </span>
                <span>{c.verdict && <VerdictBadge verdict={c.verdict} reason={c.verdictReason} replay={c.replay} />}</span>
                <span className="muted">{shortContentType(c.contentType)}</span>
                <span className="num muted">
                  {formatBytes(c.bodySize)}
                  {c.truncated ? ' ✂' : ''}
                </span>
                {c.imported ? (
                  <span className="num muted" title={`Imported (${c.imported}): nothing was replied`}>
                    imp
                  </span>
                ) : (
                  <span className={`num ${statusClass(c.replyStatus)}`}>{c.replyStatus}</span>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
