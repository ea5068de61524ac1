import { useState } from 'react'
import type { GenerateKind } from '@shared/model/vault'
import { useAppStore } from '../../store'
import { KeysTable } from './keys-table'

const GENERATE: { kind: GenerateKind; label: string; name: string }[] = [
  { kind: 'secret', label: 'Random secret', name: 'Generated secret' },
  { kind: 'secret-alnum32', label: '32-char secret (TikiNOW)', name: 'TikiNOW secret_key' },
  { kind: 'rsa-2048', label: 'RSA-2048 pair', name: 'RSA test pair' },
  { kind: 'ed25519', label: 'Ed25519 pair', name: 'Ed25519 test pair' }
]

/** How keys are kept, said plainly; where nothing keeps them on disk yet, a passphrase can be set. */
function VaultBanner() {
  const vault = useAppStore((s) => s.vault)
  const unlockVault = useAppStore((s) => s.unlockVault)
  const [pass, setPass] = useState('')
  if (!vault || vault.choice === 'ask') return null
  return (
    <div className={`banner${vault.warn ? ' banner-warn' : ''}`} data-testid="vault-status" data-choice={vault.choice}>
      <p>
        <strong>Keys are kept:</strong>{' '}
        {vault.locked
          ? `encrypted with your passphrase — locked (${vault.lockedKeys} waiting; Unlock above the list).`
          : vault.description}
      </p>
      {vault.choice === 'session' && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void unlockVault(pass).then((ok) => ok && setPass(''))
          }}
        >
          <input
            type="password"
            placeholder="Passphrase (8+ characters) to keep keys encrypted on disk from now on"
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

/**
 * Asked on the first key where no OS keychain keeps secrets (web mode): a passphrase (recommended —
 * keys survive a restart, locked until it is given) or this session only (forgotten at stop).
 */
function VaultChoice({ onChosen, onCancel }: { onChosen: () => void; onCancel: () => void }) {
  const unlockVault = useAppStore((s) => s.unlockVault)
  const keepKeysForSession = useAppStore((s) => s.keepKeysForSession)
  const error = useAppStore((s) => s.setupError)
  const [pass, setPass] = useState('')
  const [again, setAgain] = useState('')
  return (
    <div className="banner vault-choice" role="dialog" aria-label="How to keep keys" data-testid="vault-choice">
      <p>
        <strong>How should Hookscope keep your keys?</strong> There is no OS keychain here.
      </p>
      <form
        className="choice"
        onSubmit={(e) => {
          e.preventDefault()
          void unlockVault(pass).then((ok) => ok && onChosen())
        }}
      >
        <p>
          <strong>With a passphrase</strong> <span className="tag">recommended</span> — encrypted on disk (scrypt →
          AES-256-GCM); after a restart they stay locked until you give it.
        </p>
        <div className="inline-form">
          <input
            type="password"
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            placeholder="Passphrase (8+ characters)"
            aria-label="New passphrase"
            autoComplete="new-password"
            autoFocus
          />
          <input
            type="password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            placeholder="Again"
            aria-label="Repeat passphrase"
            autoComplete="new-password"
          />
          <button type="submit" className="btn btn-small" disabled={pass.length < 8 || pass !== again}>
            Keep with passphrase
          </button>
        </div>
      </form>
      <div className="choice">
        <p>
          <strong>For this session only</strong> — kept in memory and forgotten when Hookscope stops; endpoints then
          answer &ldquo;no key&rdquo;.
        </p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void keepKeysForSession().then((ok) => ok && onChosen())}
        >
          This session only
        </button>{' '}
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

export function KeysView() {
  const vault = useAppStore((s) => s.vault)
  // The key action waiting for the answer to "how to keep keys".
  const [pending, setPending] = useState<(() => void) | null>(null)
  const ask = (action: () => void): void => {
    if (vault?.choice === 'ask') setPending(() => action)
    else action()
  }
  return (
    <div className="setup" data-testid="keys-view">
      <h2 className="setup-title">Keys</h2>
      <VaultBanner />
      {pending && (
        <VaultChoice
          onChosen={() => {
            const run = pending
            setPending(null)
            run()
          }}
          onCancel={() => setPending(null)}
        />
      )}
      <KeyImportForm ask={ask} />
      <KeysTable />
    </div>
  )
}

/** Importing a pasted key (secret, PEM, DER, JWK, TruBit's reply) or generating one; `ask` first asks how keys are kept. */
function KeyImportForm({ ask }: { ask: (action: () => void) => void }) {
  const error = useAppStore((s) => s.setupError)
  const importKey = useAppStore((s) => s.importKey)
  const generateKey = useAppStore((s) => s.generateKey)
  const [name, setName] = useState('')
  const [material, setMaterial] = useState('')
  const importNow = (): void =>
    void importKey(name, material).then((ok) => {
      if (ok) {
        setName('')
        setMaterial('')
      }
    })
  return (
    <form
      className="setup-form"
      onSubmit={(e) => {
        e.preventDefault()
        ask(importNow)
      }}
    >
      <label>
        <span className="muted small">Name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. TruBit sandbox"
          aria-label="Key name"
        />
      </label>
      <label className="wide">
        <span className="muted small">
          Paste a secret, a PEM / base64 DER / JWK key, or TruBit's create-webhook response
        </span>
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
            onClick={() => ask(() => void generateKey(g.kind, name || g.name))}
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
  )
}
