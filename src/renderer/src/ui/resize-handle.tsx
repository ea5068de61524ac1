import { useCallback, useState } from 'react'

/** A width the user set by dragging, kept across launches (localStorage); null until they do. */
export function useStoredWidth(key: string): [number | null, (w: number | null) => void] {
  const [width, setWidth] = useState<number | null>(() => {
    const v = Number(localStorage.getItem(`hookscope.width.${key}`))
    return Number.isFinite(v) && v > 0 ? v : null
  })
  const set = useCallback(
    (w: number | null) => {
      setWidth(w)
      if (w === null) localStorage.removeItem(`hookscope.width.${key}`)
      else localStorage.setItem(`hookscope.width.${key}`, String(Math.round(w)))
    },
    [key]
  )
  return [width, set]
}

/**
 * A drag handle on an element's right edge: reports the new width while dragging (from the element's
 * width when the drag began); double-click resets to the layout's own width. Arrow keys move it by 16 px.
 */
export function ResizeHandle({
  label,
  min,
  max,
  onResize
}: {
  label: string
  min: number
  max: number
  onResize: (width: number | null) => void
}) {
  const clamp = (w: number): number => Math.min(max, Math.max(min, w))
  return (
    <span
      className="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      tabIndex={0}
      title={`${label} (drag; double-click resets)`}
      onDoubleClick={() => onResize(null)}
      onKeyDown={(e) => {
        const start = (e.currentTarget.parentElement as HTMLElement).getBoundingClientRect().width
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault()
          onResize(clamp(start + (e.key === 'ArrowLeft' ? -16 : 16)))
        }
      }}
      onPointerDown={(e) => {
        e.preventDefault()
        const handle = e.currentTarget
        const start = (handle.parentElement as HTMLElement).getBoundingClientRect().width
        const x0 = e.clientX
        handle.setPointerCapture(e.pointerId)
        const move = (ev: PointerEvent): void => onResize(clamp(start + ev.clientX - x0))
        const up = (): void => {
          handle.removeEventListener('pointermove', move)
          handle.removeEventListener('pointerup', up)
        }
        handle.addEventListener('pointermove', move)
        handle.addEventListener('pointerup', up)
      }}
    />
  )
}
