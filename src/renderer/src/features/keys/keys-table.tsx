import { useState } from 'react'
import { CopyButton } from '../../ui/copy-button'
import { useAppStore } from '../../store'
import type { KeySummary } from '@shared/model/vault'
import { formatTime } from '../../lib/format'

const STATE_LABEL = { ready: null, locked: 'locked', lost: 'gone (session-only, earlier run)' } as const

/** The stored keys: kind, fingerprint, where each is kept and its state, last use; copy, reveal, delete. */
export function KeysTable() {
  const keys = useAppStore((s) => s.keys)
  const [revealed, setRevealed] = useState<Record<number, string>>({})
  return (
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
        {keys.map((k) => [
          <tr key={k.id}>
            <td>
              <span className="key-name">{k.name}</span>
              <div className="gloss">{k.algorithm}</div>
            </td>
            <td>{k.kind}</td>
            <td className="mono">{k.fingerprint}</td>
            <td>
              {k.storage}
              {STATE_LABEL[k.state] && (
                <span
                  className={`badge ${k.state === 'locked' ? 'badge-muted' : 'badge-bad'}`}
                  data-key-state={k.state}
                >
                  {STATE_LABEL[k.state]}
                </span>
              )}
            </td>
            <td className="muted small">
              {k.lastUsedAt
                ? Date.now() - k.lastUsedAt < 86_400_000
                  ? formatTime(k.lastUsedAt)
                  : new Date(k.lastUsedAt).toISOString().slice(0, 10)
                : 'never'}
            </td>
            <KeyActions k={k} revealed={revealed} setRevealed={setRevealed} />
          </tr>,
          revealed[k.id] !== undefined && (
            <tr key={`${k.id}-revealed`} className="revealed-row">
              <td colSpan={6}>
                <div className="revealed-box">
                  <textarea
                    className="revealed mono"
                    readOnly
                    value={revealed[k.id]}
                    rows={Math.min(8, revealed[k.id]!.split('\n').length)}
                    aria-label={`Secret of ${k.name}`}
                    spellCheck={false}
                  />
                  <CopyButton text={() => revealed[k.id]!} label="Copy secret" />
                </div>
              </td>
            </tr>
          )
        ])}
        {keys.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              No keys yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

/** Copy a public key; reveal or hide a secret (asked of the host each time); delete. */
function KeyActions({
  k,
  revealed,
  setRevealed
}: {
  k: KeySummary
  revealed: Record<number, string>
  setRevealed: (r: Record<number, string>) => void
}) {
  const revealKey = useAppStore((s) => s.revealKey)
  const deleteKey = useAppStore((s) => s.deleteKey)
  return (
    <td className="row-actions">
      {k.publicKey && <CopyButton text={() => k.publicKey!} label="Copy public" />}
      {k.storage !== 'public' &&
        (revealed[k.id] === undefined ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              void revealKey(k.id).then((secret) => secret !== null && setRevealed({ ...revealed, [k.id]: secret }))
            }
          >
            Reveal
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              setRevealed(Object.fromEntries(Object.entries(revealed).filter(([id]) => Number(id) !== k.id)))
            }
          >
            Hide
          </button>
        ))}
      <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteKey(k.id)}>
        Delete
      </button>
    </td>
  )
}
