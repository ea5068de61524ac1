import { useState } from 'react'
import { useAppStore } from '../../store'

/**
 * Keys sealed with a passphrase on an earlier run wait for it: said above the list with an Unlock
 * field. Verdicts that needed them read "key locked" and are checked again once it is given.
 */
export function VaultLockBanner() {
  const vault = useAppStore((s) => s.vault)
  const unlockVault = useAppStore((s) => s.unlockVault)
  const error = useAppStore((s) => s.setupError)
  const [open, setOpen] = useState(false)
  const [pass, setPass] = useState('')
  const [busy, setBusy] = useState(false)
  if (!vault?.locked) return null
  return (
    <div className="banner banner-warn lock-banner" role="status" data-testid="vault-locked">
      <span>
        <strong>Keys are locked.</strong> {vault.lockedKeys} key{vault.lockedKeys === 1 ? ' is' : 's are'} sealed with
        your passphrase; deliveries that need {vault.lockedKeys === 1 ? 'it' : 'them'} show <em>key locked</em> until
        you unlock.
      </span>
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            setBusy(true)
            void unlockVault(pass).then((ok) => {
              setBusy(false)
              if (ok) setPass('')
            })
          }}
        >
          <input
            type="password"
            autoFocus
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            aria-label="Vault passphrase"
            placeholder="Passphrase"
            autoComplete="current-password"
          />
          <button type="submit" className="btn btn-small" disabled={pass.length === 0 || busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          {error && (
            <span className="error-text small" role="alert">
              {error}
            </span>
          )}
        </form>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          Unlock
        </button>
      )}
    </div>
  )
}
