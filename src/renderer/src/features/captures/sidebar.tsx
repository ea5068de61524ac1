import { useAppStore } from '../../store'
import { transport } from '../../api'
import { CopyButton } from '../../ui/copy-button'

export function Sidebar() {
  const status = useAppStore((s) => s.status)
  const backendError = useAppStore((s) => s.backendError)
  const connected = useAppStore((s) => s.connected)
  const view = useAppStore((s) => s.view)
  const setView = useAppStore((s) => s.setView)
  const listening = status?.listening ?? false
  return (
    <aside className="sidebar" aria-label="Listener">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◉
        </span>{' '}
        Hookscope
      </div>
      <section className="side-section">
        <h2 className="side-title">Listener</h2>
        <div className="listener-url">
          <span className={`dot ${listening ? 'dot-on' : 'dot-off'}`} aria-hidden="true" />
          <code data-testid="listener-url">{status?.url ?? `http://${status?.host ?? '127.0.0.1'}:${status?.port ?? ''}`}</code>
        </div>
        {status?.url && <CopyButton text={() => status.url!} label="Copy URL" />}
        <p className="muted small" data-testid="listener-state">
          {listening ? 'Capturing' : status?.error ? status.error : 'Not listening'}
        </p>
      </section>
      <nav className="side-nav" aria-label="Sections">
        {(['captures', 'compose', 'keys', 'endpoints', 'schemes', 'settings'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={`nav-item${view === v ? ' active' : ''}`}
            aria-current={view === v ? 'page' : undefined}
            onClick={() => setView(v)}
          >
            {v[0]!.toUpperCase() + v.slice(1)}
          </button>
        ))}
      </nav>
      <section className="side-section">
        <h2 className="side-title">Captures</h2>
        <p className="big-number" data-testid="capture-count">
          {status ? status.captureCount.toLocaleString() : '—'}
        </p>
      </section>
      <div className="side-footer muted small">
        {!connected && <p className="error-text">Connection to Hookscope lost — reconnecting…</p>}
        {backendError && <p className="error-text">{backendError}</p>}
        <p title={status?.dataDir}>Data: {status?.dataDir ?? '…'}</p>
        <p>{transport === 'web' ? 'Web mode' : 'Desktop'}</p>
      </div>
    </aside>
  )
}
