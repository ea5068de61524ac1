import { useEffect, useState } from 'react'
import { LOOPBACK_HOSTS, type Settings } from '@shared/model/settings'
import { useAppStore } from '../../store'
import { applyTheme, loadTheme, type Theme } from './theme'

export function SettingsView() {
  const saveSettings = useAppStore((s) => s.saveSettings)
  const loadSettings = useAppStore((s) => s.loadSettings)
  const error = useAppStore((s) => s.setupError)
  const [form, setForm] = useState<Settings | null>(null)
  const [confirmExposed, setConfirmExposed] = useState(false)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    void loadSettings().then(setForm)
  }, [loadSettings])
  if (!form) return <div className="setup muted">Loading…</div>
  const exposed = !LOOPBACK_HOSTS.includes(form.listenHost)

  return (
    <div className="setup" data-testid="settings-view">
      <h2 className="setup-title">Settings</h2>
      <form
        className="setup-form"
        onSubmit={(e) => {
          e.preventDefault()
          setSaved(false)
          void saveSettings(form, confirmExposed).then(setSaved)
        }}
      >
        <label>
          <span className="muted small">Bind address</span>
          <input
            value={form.listenHost}
            onChange={(e) => setForm({ ...form, listenHost: e.target.value.trim() })}
            aria-label="Bind address"
            className="mono"
          />
        </label>
        <label>
          <span className="muted small">Port</span>
          <input
            type="number"
            value={form.listenPort}
            onChange={(e) => setForm({ ...form, listenPort: Math.round(Number(e.target.value)) })}
            aria-label="Port"
          />
        </label>
        {exposed && (
          <label className="check wide warn-text">
            <input type="checkbox" checked={confirmExposed} onChange={(e) => setConfirmExposed(e.target.checked)} />
            {form.listenHost} is reachable from other machines: anyone who can reach it can send requests here. Bind
            anyway.
          </label>
        )}
        <StorageFields form={form} setForm={setForm} />
        <ThemeField />
        <div className="form-actions wide">
          <button type="submit" className="btn" disabled={exposed && !confirmExposed}>
            Save settings
          </button>
          {saved && <span className="ok-text small">Saved.</span>}
        </div>
        {error && (
          <p className="error-text small wide" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  )
}

/** Body limit, retention (last N, older than N days) and whether forwarding may reach link-local addresses. */
function StorageFields({ form, setForm }: { form: Settings; setForm: (f: Settings) => void }) {
  const num = (k: keyof Settings, v: string, scale = 1): void =>
    setForm({ ...form, [k]: Math.round(Number(v) * scale) })
  return (
    <>
      <label>
        <span className="muted small">Body limit (MB)</span>
        <input
          type="number"
          step="0.5"
          value={form.bodyLimit / 1024 / 1024}
          onChange={(e) => num('bodyLimit', e.target.value, 1024 * 1024)}
          aria-label="Body limit"
        />
      </label>
      <label>
        <span className="muted small">Keep the last N captures (0 = all)</span>
        <input
          type="number"
          value={form.keepLast}
          onChange={(e) => num('keepLast', e.target.value)}
          aria-label="Keep last"
        />
      </label>
      <label>
        <span className="muted small">Delete captures older than N days (0 = never)</span>
        <input
          type="number"
          value={form.keepDays}
          onChange={(e) => num('keepDays', e.target.value)}
          aria-label="Keep days"
        />
      </label>
      <label className="check wide">
        <input
          type="checkbox"
          checked={form.forwardToLinkLocal}
          onChange={(e) => setForm({ ...form, forwardToLinkLocal: e.target.checked })}
          aria-label="Allow link-local and metadata targets"
        />
        Allow link-local and metadata targets for forwarding (169.254.x.x, fe80::, cloud metadata services). Off: such
        targets are refused.
      </label>
    </>
  )
}

/** Light, dark or the system's; applied at once and kept in this window. */
function ThemeField() {
  const [theme, setTheme] = useState<Theme>(loadTheme)
  return (
    <label>
      <span className="muted small">Theme</span>
      <select
        value={theme}
        aria-label="Theme"
        onChange={(e) => {
          const t = e.target.value as Theme
          setTheme(t)
          applyTheme(t)
        }}
      >
        <option value="system">Follow the system</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  )
}
