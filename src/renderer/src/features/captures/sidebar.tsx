import { formatCount } from '../../lib/format'
import { useState } from 'react'
import { useAppStore } from '../../store'
import { VIEWS } from '../../store/types'
import { transport } from '../../api'
import { CopyButton } from '../../ui/copy-button'
import type { StoreUpkeep, TunnelState } from '@shared/model/capture'

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
          <span className={`dot ${!connected ? 'dot-wait' : listening ? 'dot-on' : 'dot-off'}`} aria-hidden="true" />
          <code data-testid="listener-url">
            {status?.url ?? `http://${status?.host ?? '127.0.0.1'}:${status?.port ?? ''}`}
          </code>
        </div>
        {status?.url && <CopyButton text={() => status.url!} label="Copy URL" />}
        <p className="muted small" data-testid="listener-state">
          {!connected
            ? 'Not connected to Hookscope'
            : listening
              ? 'Capturing'
              : status?.error
                ? status.error
                : 'Not listening'}
        </p>
        {status?.tunnel ? <TunnelStatus tunnel={status.tunnel} /> : status?.listening && <MakePublic />}
      </section>
      <nav className="side-nav" aria-label="Sections">
        {VIEWS.map((v) => (
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
          {status ? formatCount(status.captureCount) : '—'}
        </p>
        {status?.storeUpkeep && (
          <p className="muted small" data-testid="store-upkeep" role="status">
            {UPKEEP[status.storeUpkeep]}
          </p>
        )}
      </section>
      <div className="side-footer muted small">
        {backendError && <p className="error-text">{backendError}</p>}
        <p title={status?.dataDir}>Data: {status?.dataDir ?? '…'}</p>
        <p>{transport === 'web' ? 'Web mode' : 'Desktop'}</p>
      </div>
    </aside>
  )
}

const TUNNEL_LABEL: Record<TunnelState['status'], string> = {
  connecting: 'connecting…',
  online: 'online',
  reconnecting: 'reconnecting…',
  failed: 'failed',
  stopped: 'stopped'
}

/** The public URL of the capture port, with the tunnel's state; it says plainly that the port is public. */
function TunnelStatus({ tunnel }: { tunnel: TunnelState }) {
  const stopTunnel = useAppStore((s) => s.stopTunnel)
  const online = tunnel.status === 'online'
  return (
    <div className="tunnel" data-testid="tunnel" data-status={tunnel.status}>
      <h3 className="side-title">Public URL · {tunnel.provider}</h3>
      <div className="listener-url">
        <span
          className={`dot ${online ? 'dot-on' : tunnel.status === 'failed' ? 'dot-off' : 'dot-wait'}`}
          aria-hidden="true"
        />
        <code data-testid="public-url">{tunnel.publicUrl ?? tunnel.permanentUrl ?? '—'}</code>
      </div>
      {(tunnel.publicUrl ?? tunnel.permanentUrl) && (
        <CopyButton text={() => (tunnel.publicUrl ?? tunnel.permanentUrl)!} label="Copy public URL" />
      )}
      {tunnel.permanentUrl && (
        <p className="small muted" data-testid="tunnel-permanent">
          Permanent: the same after a restart{online ? '' : ' (unreachable until the tunnel is up)'}.
        </p>
      )}
      <p className={`small ${tunnel.status === 'failed' ? 'error-text' : 'muted'}`} data-testid="tunnel-state">
        {TUNNEL_LABEL[tunnel.status]}
        {tunnel.reason ? ` — ${tunnel.reason}` : ''}
      </p>
      {online && (
        <p className="small warn-text">
          The capture port is public: anyone with this URL can send to it (the UI is not exposed).
        </p>
      )}
      <button type="button" className="btn btn-small" onClick={() => void stopTunnel()}>
        Stop tunnel
      </button>
    </div>
  )
}

/** Start a tunnel from the app: ngrok (authtoken: the key named "ngrok"), a Cloudflare quick tunnel, or ssh -R. */
function MakePublic() {
  const startTunnel = useAppStore((s) => s.startTunnel)
  const setupError = useAppStore((s) => s.setupError)
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<'ngrok' | 'cloudflared' | 'ssh'>('cloudflared')
  const [target, setTarget] = useState('ssh://')
  const [identity, setIdentity] = useState('')
  const [publicHost, setPublicHost] = useState('')
  const [remotePort, setRemotePort] = useState('')
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Make public…
      </button>
    )
  const start = (): void =>
    void startTunnel({
      tunnel: kind === 'ssh' ? target.trim() : kind,
      ...(kind === 'ssh' && identity.trim() ? { identityFile: identity.trim() } : {}),
      ...(publicHost.trim() ? { publicHost: publicHost.trim() } : {}),
      ...(kind === 'ssh' && remotePort.trim() ? { remotePort: Number(remotePort) } : {})
    })
  return (
    <form
      className="tunnel-form"
      onSubmit={(e) => {
        e.preventDefault()
        start()
      }}
    >
      <label className="small">
        Tunnel
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} aria-label="Tunnel">
          <option value="cloudflared">Cloudflare (cloudflared)</option>
          <option value="ngrok">ngrok (authtoken: key named “ngrok”)</option>
          <option value="ssh">SSH reverse tunnel (ssh -R)</option>
        </select>
      </label>
      {kind === 'ssh' && (
        <SshFields
          target={target}
          setTarget={setTarget}
          identity={identity}
          setIdentity={setIdentity}
          remotePort={remotePort}
          setRemotePort={setRemotePort}
        />
      )}
      <input
        aria-label="Permanent host"
        className="mono"
        value={publicHost}
        onChange={(e) => setPublicHost(e.target.value)}
        placeholder={
          kind === 'ngrok'
            ? 'Reserved domain, e.g. hooks.ngrok.app (optional)'
            : kind === 'cloudflared'
              ? 'Named tunnel hostname (token: key “cloudflared”) (optional)'
              : 'Host in front of the remote port (optional)'
        }
      />
      <p className="small muted">
        Only the capture port becomes public. A permanent URL stays the same after a restart; the tunnel starts again at
        each launch until it is stopped.
      </p>
      {setupError && <p className="small error-text">{setupError}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-small">
          Start
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** The SSH reverse tunnel's target, identity file and fixed remote port. */
function SshFields(props: {
  target: string
  setTarget: (v: string) => void
  identity: string
  setIdentity: (v: string) => void
  remotePort: string
  setRemotePort: (v: string) => void
}) {
  const { target, setTarget, identity, setIdentity, remotePort, setRemotePort } = props
  return (
    <>
      <input
        aria-label="SSH target"
        className="mono"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        placeholder="ssh://user@host:22"
      />
      <input
        aria-label="Identity file"
        className="mono"
        value={identity}
        onChange={(e) => setIdentity(e.target.value)}
        placeholder="~/.ssh/id_ed25519 (optional)"
      />
      <input
        aria-label="Remote port"
        className="mono"
        inputMode="numeric"
        value={remotePort}
        onChange={(e) => setRemotePort(e.target.value.replace(/\D/g, ''))}
        placeholder="Fixed remote port: same URL every start (optional)"
      />
    </>
  )
}

/** The store's background work, as the sidebar words it. */
const UPKEEP: Record<NonNullable<StoreUpkeep>, string> = {
  clearing: 'Deleting cleared captures…',
  reclaiming: 'Giving disk space back…',
  retention: 'Applying retention…'
}
