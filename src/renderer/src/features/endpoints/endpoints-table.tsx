import { CopyButton } from '../../ui/copy-button'
import { useAppStore } from '../../store'
import type { Endpoint } from '@shared/model/vault'

/** The endpoints with their public URL (while a tunnel is up or kept), scheme, keys and reply; edit, re-verify, delete. */
export function EndpointsTable({
  publicUrl,
  onEdit,
  onNote
}: {
  publicUrl: string | null
  onEdit: (e: Endpoint) => void
  onNote: (note: string) => void
}) {
  const endpoints = useAppStore((s) => s.endpoints)
  const keys = useAppStore((s) => s.keys)
  const deleteEndpoint = useAppStore((s) => s.deleteEndpoint)
  const reverify = useAppStore((s) => s.reverify)
  return (
    <table className="headers setup-table" data-testid="endpoints-table">
      <tbody>
        {endpoints.map((e) => (
          <tr key={e.id}>
            <td>
              <strong>{e.name}</strong>
              <div className="gloss mono">{e.pathPrefix}</div>
              {publicUrl && (
                <div className="public-endpoint">
                  <code className="small" data-testid="endpoint-public-url">
                    {publicUrl.replace(/\/+$/, '') + e.pathPrefix}
                  </code>
                  <CopyButton text={() => publicUrl.replace(/\/+$/, '') + e.pathPrefix} label="Copy" />
                </div>
              )}
            </td>
            <td>{e.scheme ?? 'auto-detect'}</td>
            <td>{e.keyIds.map((id) => keys.find((k) => k.id === id)?.name ?? `#${id}`).join(', ') || 'no key'}</td>
            <td className="mono small">
              {e.reply.status} {e.reply.body.slice(0, 40)}
            </td>
            <td className="row-actions">
              <button type="button" className="btn btn-small" onClick={() => onEdit(e)}>
                Edit
              </button>
              <button
                type="button"
                className="btn btn-small"
                title="Check every capture of this endpoint again with its current scheme and keys"
                onClick={() =>
                  void reverify({ endpointId: e.id }).then(
                    (r) =>
                      onNote(
                        `${e.name}: ${r.adopted ? `${r.adopted} taken over from the default endpoint, ` : ''}` +
                          `${r.checked} checked, ${r.valid} valid, ${r.changed} changed.`
                      ),
                    (err: unknown) => onNote((err as Error).message)
                  )
                }
              >
                Re-verify
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteEndpoint(e.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
