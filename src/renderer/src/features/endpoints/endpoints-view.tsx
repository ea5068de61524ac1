import { useState } from 'react'
import { CopyButton } from '../../ui/copy-button'
import { DEFAULT_REPLY_RULE, HANDSHAKES, type EndpointInput, type Handshake } from '@shared/model/vault'
import { replyRule, keyMismatch } from '@shared/signatures'
import { resolveScheme, useAllSchemes } from '../../lib/schemes'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'

const HANDSHAKE_LABEL: Record<Handshake, string> = {
  'echo-hook-secret': 'Echo X-Hook-Secret (Asana)',
  'challenge-query': 'Answer GET ?challenge= (Dropbox)',
  'meta-subscribe': 'Answer hub.challenge (Meta; setting verifyToken)',
  'twitter-crc': 'Answer the CRC with the key (X)',
  'smartcar-verify': 'Answer VERIFY with the key (Smartcar)',
  'invalid-401': '401 to an invalid signature (Xero)'
}

const EMPTY: EndpointInput = { name: '', pathPrefix: '/', scheme: null, keyIds: [], reply: DEFAULT_REPLY_RULE, params: {} }

export function EndpointsView() {
  const endpoints = useAppStore((s) => s.endpoints)
  const keys = useAppStore((s) => s.keys)
  const error = useAppStore((s) => s.setupError)
  const saveEndpoint = useAppStore((s) => s.saveEndpoint)
  const deleteEndpoint = useAppStore((s) => s.deleteEndpoint)
  const reverify = useAppStore((s) => s.reverify)
  const presets = useAllSchemes().filter((sch) => sch.reply)
  const [note, setNote] = useState<string | null>(null)
  const listenUrl = useAppStore((s) => s.status?.url ?? '')
  const tunnel = useAppStore((s) => s.status?.tunnel)
  // A permanent URL is shown while the tunnel is down too: it is the one the provider keeps.
  const publicUrl = tunnel?.status === 'online' ? tunnel.publicUrl : (tunnel?.permanentUrl ?? null)
  const [form, setForm] = useState<EndpointInput>(EMPTY)
  const custom = useAppStore((s) => s.customSchemes)
  const scheme = form.scheme ? resolveScheme(form.scheme, custom) : undefined
  const contentType = form.reply.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''

  return (
    <div className="setup" data-testid="endpoints-view">
      <h2 className="setup-title">Endpoints</h2>
      <p className="muted small">
        A path prefix on the listener ({listenUrl}) with a signature scheme, its keys and the reply the sender should get. Other paths fall
        to the default endpoint (200 OK, no check).
      </p>
      {note && (
        <p className="small muted" role="status" data-testid="endpoints-note">
          {note}
        </p>
      )}
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
                <button type="button" className="btn btn-small" onClick={() => setForm(e)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  title="Check every capture of this endpoint again with its current scheme and keys"
                  onClick={() =>
                    void reverify({ endpointId: e.id }).then(
                      (r) =>
                        setNote(
                          `${e.name}: ${r.adopted ? `${r.adopted} taken over from the default endpoint, ` : ''}${r.checked} checked, ${r.valid} valid, ${r.changed} changed.`
                        ),
                      (err: unknown) => setNote((err as Error).message)
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
      <form
        className="setup-form"
        onSubmit={(ev) => {
          ev.preventDefault()
          void saveEndpoint(form).then((ok) => ok && setForm(EMPTY))
        }}
      >
        <label>
          <span className="muted small">Name</span>
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} aria-label="Endpoint name" />
        </label>
        <label>
          <span className="muted small">Path prefix</span>
          <input
            value={form.pathPrefix}
            onChange={(e) => setForm({ ...form, pathPrefix: e.target.value })}
            aria-label="Path prefix"
            className="mono"
          />
        </label>
        <label>
          <span className="muted small">Scheme</span>
          <select
            value={form.scheme ?? ''}
            aria-label="Endpoint scheme"
            onChange={(e) => {
              const id = e.target.value || null
              // The provider's expected reply comes with its scheme.
              const reply = id ? replyRule(resolveScheme(id, custom) ?? {}) : null
              setForm({ ...form, scheme: id, ...(reply ? { reply } : {}) })
            }}
          >
            <option value="">Auto-detect</option>
            <SchemeOptions />
          </select>
        </label>
        <label>
          <span className="muted small">Reply preset</span>
          <select
            aria-label="Reply preset"
            value=""
            onChange={(e) => {
              const scheme = e.target.value === 'default' ? null : resolveScheme(e.target.value, custom)
              if (e.target.value) setForm({ ...form, reply: (scheme && replyRule(scheme)) ?? DEFAULT_REPLY_RULE })
            }}
          >
            <option value="">Choose…</option>
            <option value="default">200 OK (text)</option>
            {presets.map((sch) => (
              <option key={sch.id} value={sch.id}>
                {sch.name}: {sch.reply!.status} {sch.reply!.body || '(empty)'}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="wide keys-pick">
          <legend className="muted small">Keys (several for rotation)</legend>
          {keys.length === 0 && <span className="muted small">Add keys in Keys first.</span>}
          {keys.map((k) => (
            <label key={k.id} className="check">
              <input
                type="checkbox"
                checked={form.keyIds.includes(k.id)}
                onChange={(e) =>
                  setForm({ ...form, keyIds: e.target.checked ? [...form.keyIds, k.id] : form.keyIds.filter((id) => id !== k.id) })
                }
              />
              {k.name} <span className="muted small">({k.kind})</span>
            </label>
          ))}
          {scheme &&
            keys
              .filter((k) => form.keyIds.includes(k.id))
              .map((k) => keyMismatch(scheme, k))
              .filter(Boolean)
              .map((why) => (
                <p key={why} className="error-text small" role="alert" data-testid="key-mismatch">
                  {why}
                </p>
              ))}
        </fieldset>
        {(scheme?.params ?? []).map((p) => (
          <label key={p}>
            <span className="muted small">{p}</span>
            <input
              value={form.params[p] ?? ''}
              onChange={(e) => setForm({ ...form, params: { ...form.params, [p]: e.target.value } })}
              aria-label={p}
            />
          </label>
        ))}
        <label>
          <span className="muted small">Reply status</span>
          <input
            type="number"
            value={form.reply.status}
            onChange={(e) => setForm({ ...form, reply: { ...form.reply, status: Number(e.target.value) } })}
            aria-label="Reply status"
          />
        </label>
        <label>
          <span className="muted small">Reply Content-Type</span>
          <input
            value={contentType}
            aria-label="Reply content type"
            onChange={(e) =>
              setForm({
                ...form,
                reply: {
                  ...form.reply,
                  headers: [...form.reply.headers.filter(([n]) => n.toLowerCase() !== 'content-type'), ['Content-Type', e.target.value]]
                }
              })
            }
          />
        </label>
        <label className="wide">
          <span className="muted small">Reply body</span>
          <textarea
            rows={2}
            className="mono"
            value={form.reply.body}
            onChange={(e) => setForm({ ...form, reply: { ...form.reply, body: e.target.value } })}
            aria-label="Reply body"
          />
        </label>
        <label>
          <span className="muted small">Delay (ms)</span>
          <input
            type="number"
            value={form.reply.delayMs}
            onChange={(e) => setForm({ ...form, reply: { ...form.reply, delayMs: Number(e.target.value) } })}
            aria-label="Reply delay"
          />
        </label>
        <label>
          <span className="muted small">Failure rate (%) — answer 500 to test retries</span>
          <input
            type="number"
            value={form.reply.failureRate}
            onChange={(e) => setForm({ ...form, reply: { ...form.reply, failureRate: Number(e.target.value) } })}
            aria-label="Failure rate"
          />
        </label>
        <label>
          <span className="muted small">Handshake — answered in place of the reply</span>
          <select
            aria-label="Handshake"
            value={form.reply.handshake ?? ''}
            onChange={(e) => {
              const { handshake: _old, ...rest } = form.reply
              void _old
              setForm({ ...form, reply: e.target.value ? { ...rest, handshake: e.target.value as Handshake } : rest })
            }}
          >
            <option value="">None</option>
            {HANDSHAKES.map((h) => (
              <option key={h} value={h}>
                {HANDSHAKE_LABEL[h]}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          <span className="muted small">Forward each capture to (optional, byte-exact, after answering the sender)</span>
          <input
            value={form.forwardTo ?? ''}
            onChange={(e) => setForm({ ...form, forwardTo: e.target.value || null })}
            aria-label="Forward to"
            placeholder="http://localhost:3000"
            className="mono"
          />
        </label>
        <div className="form-actions wide">
          <button type="submit" className="btn">
            {form.id ? 'Save endpoint' : 'Add endpoint'}
          </button>
          {form.id && (
            <button type="button" className="btn btn-small" onClick={() => setForm(EMPTY)}>
              Cancel
            </button>
          )}
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
