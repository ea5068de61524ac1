import { firstWebhookCurl } from '@shared/http/curl'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'

export function EmptyState() {
  const url = useAppStore((s) => s.status?.url ?? null)
  const search = useAppStore((s) => s.search)
  if (search.trim()) return <div className="empty muted">No capture matches “{search}”.</div>
  if (!url) return <div className="empty muted">The listener is not running.</div>
  const curl = firstWebhookCurl(url)
  return (
    <div className="empty" data-testid="empty-state">
      <h2>Waiting for webhooks</h2>
      <p className="muted">
        Point a provider, a tunnel or curl at <code>{url}</code> — any method, any path. Every request is stored
        byte-exact.
      </p>
      <pre className="curl" data-testid="first-curl">
        {curl}
      </pre>
      <CopyButton text={() => curl} label="Copy curl" />
    </div>
  )
}
