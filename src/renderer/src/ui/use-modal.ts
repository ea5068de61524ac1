import { useEffect, useRef, type RefObject } from 'react'

/**
 * A `<dialog>` shown modal once it is on the page (Esc and the backdrop then behave as the browser
 * makes them); `focus` gets the focus instead of the dialog's first control.
 */
export function useModal(focus?: RefObject<HTMLElement | null>): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    focus?.current?.focus()
    // Once, when the dialog appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return ref
}
