import { useState } from 'react'
import { useAppStore } from '../../store'
import { TOKEN_KEY } from '../../api'

/**
 * Web mode: the host restarted with a new launch token, so this tab cannot reconnect by itself. Says
 * so plainly (never "not running") and takes the new link the host printed in one paste.
 */
export function ReconnectBanner() {
  const tokenRejected = useAppStore((s) => s.tokenRejected)
  const connected = useAppStore((s) => s.connected)
  const outage = useAppStore((s) => s.outage)
  const [link, setLink] = useState('')
  const [bad, setBad] = useState(false)
  if (connected) return null
  if (!tokenRejected) {
    return (
      <div className="banner reconnect-banner" role="status" data-testid="reconnecting">
        <strong>Lost the connection to the Hookscope host{outage ? ` at ${clock(outage.since)}` : ''}.</strong>
        <span>
          {'It stopped, restarted or is busy. Reconnecting by itself' +
            (outage && outage.attempt > 0 ? ` — attempt ${outage.attempt + 1}, every few seconds` : '') +
            '. '}
          A host that is still running keeps capturing; this list catches up when the connection is back.
        </span>
      </div>
    )
  }
  return (
    <div className="banner banner-warn reconnect-banner" role="alert" data-testid="reconnect">
      <span>
        <strong>Hookscope was restarted.</strong> This tab&apos;s access token belonged to the previous launch. Open the
        new link the host printed (<code>Open http://127.0.0.1:…/?token=…</code>), or paste it here:
      </span>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          const token = tokenOf(link.trim())
          if (!token) return setBad(true)
          sessionStorage.setItem(TOKEN_KEY, token)
          window.location.reload()
        }}
      >
        <input
          value={link}
          onChange={(e) => (setLink(e.target.value), setBad(false))}
          placeholder="http://127.0.0.1:…/?token=…"
          aria-label="New link"
        />
        <button type="submit" className="btn btn-small" disabled={!link.trim()}>
          Reconnect
        </button>
        {bad && <span className="error-text small">That is not this page&apos;s link with a token.</span>}
      </form>
    </div>
  )
}

const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 8)

/** The token in a link to this page, or null (another origin, or not a URL). */
function tokenOf(link: string): string | null {
  try {
    const u = new URL(link)
    return u.origin === window.location.origin ? u.searchParams.get('token') : null
  } catch {
    return null
  }
}
