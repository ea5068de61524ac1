import { useState } from 'react'
import type { GenerateKind } from '@shared/model/vault'
import { formatTime } from '../../lib/format'
import { useAppStore } from '../../store'
import { CopyButton } from '../../ui/copy-button'

const GENERATE: { kind: GenerateKind; label: string; name: string }[] = [
  { kind: 'secret', label: 'Random secret', name: 'Generated secret' },
  { kind: 'secret-alnum32', label: '32-char secret (TikiNOW)', name: 'TikiNOW secret_key' },
  { kind: 'rsa-2048', label: 'RSA-2048 pair', name: 'RSA test pair' },
  { kind: 'ed25519', label: 'Ed25519 pair', name: 'Ed25519 test pair' }
]

function VaultBanner() {
  const vault = useAppStore((s) => s.vault)
  const runSetup = useAppStore((s) => s.runSetup)
  const [pass, setPass] = useState('')
  if (!vault) return null
  return (
    <div className={`banner${vault.warn ? ' banner-warn' : ''}`} data-testid="vault-status">
      <p>
        <strong>Secrets at rest:</strong> {vault.description}
      </p>
      {vault.warn && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void runSetup((api) => api.useVaultPassphrase(pass)).then((ok) => ok && setPass(''))
          }}
        >
          <input
            type="password"
            placeholder="Passphrase (8+ characters) to keep secrets encrypted on disk"
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            aria-label="Vault passphrase"
            autoComplete="new-password"
          />
          <button type="submit" className="btn btn-small" disabled={pass.length < 8}>
            Use passphrase
          </button>
        </form>
      )}
    </div>
  )
}

export function KeysView() {
  const keys = useAppStore((s) => s.keys)
  const error = useAppStore((s) => s.setupError)
  const runSetup = useAppStore((s) => s.runSetup)
  const [name, setName] = useState('')
  const [material, setMaterial] = useState('')
  const [revealed, setRevealed] = useState<Record<number, string>>({})

  return (
    <div className="setup" data-testid="keys-view">
      <h2 className="setup-title">Keys</h2>
      <VaultBanner />
      <form
        className="setup-form"
        onSubmit={(e) => {
          e.preventDefault()
          void runSetup((api) => api.importKey({ name, material })).then((ok) => {
            if (ok) {
              setName('')
              setMaterial('')
            }
          })
        }}
      >
        <label>
          <span className="muted small">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. TruBit sandbox" aria-label="Key name" />
        </label>
        <label className="wide">
          <span className="muted small">Paste a secret, a PEM / base64 DER / JWK key, or TruBit's create-webhook response</span>
          <textarea
            rows={3}
            value={material}
            onChange={(e) => setMaterial(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-label="Key material"
            className="mono"
          />
        </label>
        <div className="form-actions wide">
          <button type="submit" className="btn" disabled={!material.trim()}>
            Import
          </button>
          <span className="muted small">or generate:</span>
          {GENERATE.map((g) => (
            <button
              key={g.kind}
              type="button"
              className="btn btn-small"
              onClick={() => void runSetup((api) => api.generateKey({ kind: g.kind, name: name || g.name }))}
            >
              {g.label}
            </button>
          ))}
        </div>
        {error && (
          <p className="error-text small wide" role="alert">
            {error}
          </p>
        )}
      </form>
      <table className="headers setup-table" data-testid="keys-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Fingerprint</th>
            <th>Stored</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>
                <span className="key-name">{k.name}</span>
                <div className="gloss">{k.algorithm}</div>
                {revealed[k.id] !== undefined && <pre className="revealed mono">{revealed[k.id]}</pre>}
              </td>
              <td>{k.kind}</td>
              <td className="mono">{k.fingerprint}</td>
              <td>{k.storage}</td>
              <td className="muted small">
                {k.lastUsedAt
                  ? Date.now() - k.lastUsedAt < 86_400_000
                    ? formatTime(k.lastUsedAt)
                    : new Date(k.lastUsedAt).toISOString().slice(0, 10)
                  : 'never'}
              </td>
              <td className="row-actions">
                {k.publicKey && <CopyButton text={() => k.publicKey!} label="Copy public" />}
                {k.storage !== 'public' &&
                  (revealed[k.id] === undefined ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void runSetup(async (api) => setRevealed({ ...revealed, [k.id]: (await api.revealKey(k.id)) ?? '' }))}
                    >
                      Reveal
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setRevealed(Object.fromEntries(Object.entries(revealed).filter(([id]) => Number(id) !== k.id)))}
                    >
                      Hide
                    </button>
                  ))}
                <button type="button" className="btn btn-small btn-danger" onClick={() => void runSetup((api) => api.deleteKey(k.id))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {keys.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No keys yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
