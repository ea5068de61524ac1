import type { SentSummary } from '@shared/api/contract'

/** What the composer sent, newest first (the last 20); a row opens its request and response again. */
export function SentHistory({ history, onOpen }: { history: SentSummary[]; onOpen: (id: number) => void }) {
  if (history.length === 0) return null
  return (
    <>
      <h3 className="section-title">History</h3>
      <table className="headers setup-table" data-testid="history">
        <tbody>
          {history.slice(0, 20).map((h) => (
            <tr key={h.id} className="clickable" onClick={() => onOpen(h.id)}>
              <td className="mono small">{new Date(h.sentAt).toISOString().slice(11, 19)}</td>
              <td className="mono small">
                {h.method} {h.url}
              </td>
              <td className={h.status !== null && h.status < 300 ? 'ok-text' : 'error-text'}>
                {h.error ? 'error' : h.status}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
