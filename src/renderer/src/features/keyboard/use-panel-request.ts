import { useEffect, useRef } from 'react'
import { useAppStore } from '../../store'
import type { DetailPanel } from '../../store/types'

/**
 * Runs `onRequest` when a shortcut asks this capture's panel to take the focus (`v` verify, `r`
 * replay) — also when the panel appears just after (the key was pressed while the capture loaded).
 * The request is used up.
 */
export function usePanelRequest(panel: DetailPanel, captureId: number, onRequest: () => void): void {
  const request = useAppStore((s) => s.panelRequest)
  const done = useAppStore((s) => s.panelDone)
  const run = useRef(onRequest)
  run.current = onRequest
  useEffect(() => {
    if (request?.panel !== panel || request.id !== captureId) return
    done()
    run.current()
  }, [request, panel, captureId, done])
}
