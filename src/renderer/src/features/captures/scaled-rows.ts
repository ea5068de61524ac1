import { useCallback, useEffect, useState, type RefObject } from 'react'

/** Tallest scroll area used: browsers cap element heights (about 17 million px in Firefox, 33 in Chrome). */
export const MAX_SCROLL_PX = 8_000_000

/**
 * Fixed-height rows over a list of any length: up to MAX_SCROLL_PX the scroll area is the rows' real
 * height; beyond it the scrollbar is scaled, so every row is still reachable by dragging and the
 * rows on screen are placed exactly. Returns the rows to draw (with overscan) and where each goes.
 */
export function useScaledRows(
  total: number,
  rowHeight: number,
  scrollRef: RefObject<HTMLElement | null>,
  overscan = 8
) {
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(0)
  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const onScroll = (): void => setScrollTop(el.scrollTop)
    const resize = new ResizeObserver(() => setViewport(el.clientHeight))
    setViewport(el.clientHeight)
    el.addEventListener('scroll', onScroll, { passive: true })
    resize.observe(el)
    return () => {
      el.removeEventListener('scroll', onScroll)
      resize.disconnect()
    }
  }, [scrollRef])

  const height = Math.min(total * rowHeight, MAX_SCROLL_PX)
  const visibleRows = viewport / rowHeight
  const span = Math.max(0, height - viewport)
  const rowsSpan = Math.max(0, total - visibleRows)
  // The (fractional) row at the top of the view.
  const top = span > 0 ? (Math.min(scrollTop, span) / span) * rowsSpan : 0
  const first = Math.max(0, Math.floor(top) - overscan)
  const last = Math.min(total - 1, Math.ceil(top + visibleRows) + overscan)

  const scrollTopFor = useCallback(
    (row: number): number => (rowsSpan > 0 ? (Math.max(0, Math.min(row, rowsSpan)) / rowsSpan) * span : 0),
    [rowsSpan, span]
  )
  const scrollToRow = useCallback(
    (row: number, align: 'auto' | 'start' = 'auto'): void => {
      const el = scrollRef.current
      if (!el) return
      if (align === 'start' || row < top) el.scrollTop = scrollTopFor(row)
      else if (row + 1 > top + visibleRows) el.scrollTop = scrollTopFor(row + 1 - visibleRows)
    },
    [scrollRef, scrollTopFor, top, visibleRows]
  )

  return {
    height,
    first,
    last,
    /** The fractional row at the top of the view. */
    top,
    /** Whether the view is scrolled down from the newest row, as of the last scroll event (no layout read). */
    scrolled: scrollTop > 0,
    /** Where row `i` goes, in the scroll area's pixels. */
    offsetOf: (i: number): number => Math.min(scrollTop, span) + (i - top) * rowHeight,
    scrollTopFor,
    scrollToRow
  }
}
