import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { formatBytes } from '@shared/http/text'
import { formatTime, shortContentType, statusClass } from '../../lib/format'
import { useAppStore } from '../../store'
import { VerdictBadge } from '../verify/verdict-badge'
import { ShownText } from '../../ui/shown-text'

const ROW_HEIGHT = 26

export function CaptureList() {
  const items = useAppStore((s) => s.items)
  const selectedId = useAppStore((s) => s.selectedId)
  const select = useAppStore((s) => s.select)
  const loadMore = useAppStore((s) => s.loadMore)
  const endpoints = useAppStore((s) => s.endpoints)
  const parentRef = useRef<HTMLDivElement>(null)
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
    <div className="list" role="grid" aria-label="Captured requests" aria-rowcount={items.length}>
      <div className="list-head row" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Method</span>
        <span role="columnheader">Path</span>
        <span role="columnheader">Event</span>
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
                onClick={() => void select(c.id)}
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
                <span className={`num ${statusClass(c.replyStatus)}`}>{c.replyStatus}</span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
