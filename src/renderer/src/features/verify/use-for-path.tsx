import { useState } from 'react'
import type { CapturedRequest } from '@shared/model/capture'
import { useAppStore } from '../../store'

/**
 * Capture first, set up after: the check passed, so the endpoint for this path can take the scheme and
 * key that passed it, and the earlier deliveries there get their verdicts (in the host, in pages).
 */
export function UseForPath(p: {
  capture: CapturedRequest
  scheme: string
  input: { material: string } | { keyIds: number[] }
  params: Record<string, string>
  already: boolean
}) {
  // A store action (named like the API method), not a hook.
  const setUpEndpoint = useAppStore((st) => st.useForPath)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  if (p.already) return null
  const path = p.capture.target.split('?')[0] || '/'
  return (
    <p className="small use-for-path">
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        title={`Save an endpoint for ${path} with this scheme and key, and check the deliveries already there`}
        onClick={() => {
          setBusy(true)
          void setUpEndpoint({ target: p.capture.target, scheme: p.scheme, ...p.input, params: p.params }).then(
            (r) => {
              const v = r.reverified
              setNote({
                ok: true,
                text:
                  `Endpoint “${r.endpoint.name}” now checks ${r.endpoint.pathPrefix}` +
                  (r.keyId !== null
                    ? r.keyReused
                      ? ' with the key already in Keys'
                      : ' with this key, saved to Keys'
                    : '') +
                  `: ${v.checked} checked, ${v.valid} valid${v.adopted ? ` (${v.adopted} taken over from the default endpoint)` : ''}.`
              })
              setBusy(false)
            },
            (err: unknown) => {
              setNote({ ok: false, text: (err as Error).message })
              setBusy(false)
            }
          )
        }}
      >
        Use for this path
      </button>{' '}
      {note ? (
        <span
          className={note.ok ? 'ok-text' : 'error-text'}
          role={note.ok ? 'status' : 'alert'}
          data-testid="use-for-path-note"
        >
          {note.text}
        </span>
      ) : (
        <span className="muted">Save this scheme and key for {path}: earlier deliveries there are checked too.</span>
      )}
    </p>
  )
}
