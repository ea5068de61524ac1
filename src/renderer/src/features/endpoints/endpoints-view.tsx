import { useState } from 'react'
import { DEFAULT_REPLY_RULE, type EndpointInput } from '@shared/model/vault'
import { replyRule, keyMismatch } from '@shared/signatures'
import { paramHint, resolveScheme, useAllSchemes } from '../../lib/schemes'
import { useAppStore } from '../../store'
import { SchemeOptions } from '../../ui/scheme-options'
import { EndpointsTable } from './endpoints-table'
import { ReplyFields } from './reply-fields'

const EMPTY: EndpointInput = {
  name: '',
  pathPrefix: '/',
  scheme: null,
  keyIds: [],
  reply: DEFAULT_REPLY_RULE,
  params: {}
}

export function EndpointsView() {
  const [note, setNote] = useState<string | null>(null)
  const listenUrl = useAppStore((s) => s.status?.url ?? '')
  const tunnel = useAppStore((s) => s.status?.tunnel)
  // A permanent URL is shown while the tunnel is down too: it is the one the provider keeps.
  const publicUrl = tunnel?.status === 'online' ? tunnel.publicUrl : (tunnel?.permanentUrl ?? null)
  const [form, setForm] = useState<EndpointInput>(EMPTY)
  return (
    <div className="setup" data-testid="endpoints-view">
      <h2 className="setup-title">Endpoints</h2>
      <p className="muted small">
        A path prefix on the listener ({listenUrl}) with a signature scheme, its keys and the reply the sender should
        get. Other paths fall to the default endpoint (200 OK, no check).
      </p>
      {note && (
        <p className="small muted" role="status" data-testid="endpoints-note">
          {note}
        </p>
      )}
      <EndpointsTable publicUrl={publicUrl} onEdit={setForm} onNote={setNote} />
      <EndpointForm form={form} setForm={setForm} />
    </div>
  )
}

/** Adding or editing one endpoint: path, scheme (with its reply preset), keys, settings, reply and forwarding. */
function EndpointForm({ form, setForm }: { form: EndpointInput; setForm: (f: EndpointInput) => void }) {
  const error = useAppStore((s) => s.setupError)
  const saveEndpoint = useAppStore((s) => s.saveEndpoint)
  const custom = useAppStore((s) => s.customSchemes)
  const scheme = form.scheme ? resolveScheme(form.scheme, custom) : undefined
  return (
    <form
      className="setup-form"
      onSubmit={(ev) => {
        ev.preventDefault()
        void saveEndpoint(form).then((ok) => ok && setForm(EMPTY))
      }}
    >
      <label>
        <span className="muted small">Name</span>
        <input
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          aria-label="Endpoint name"
        />
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
      <SchemeFields form={form} setForm={setForm} />
      <KeysPicker form={form} setForm={setForm} />
      {(scheme?.params ?? []).map((p) => (
        <label key={p}>
          <span className="muted small">{p}</span>
          <input
            value={form.params[p] ?? ''}
            onChange={(e) => setForm({ ...form, params: { ...form.params, [p]: e.target.value } })}
            aria-label={p}
            {...(scheme ? paramHint(scheme, p) : {})}
          />
        </label>
      ))}
      <ReplyFields form={form} setForm={setForm} />
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
  )
}

/** The keys an endpoint checks with (several while a provider rotates), and why one cannot check its scheme. */
function KeysPicker({ form, setForm }: { form: EndpointInput; setForm: (f: EndpointInput) => void }) {
  const keys = useAppStore((s) => s.keys)
  const custom = useAppStore((s) => s.customSchemes)
  const scheme = form.scheme ? resolveScheme(form.scheme, custom) : undefined
  return (
    <fieldset className="wide keys-pick">
      <legend className="muted small">Keys (several for rotation)</legend>
      {keys.length === 0 && <span className="muted small">Add keys in Keys first.</span>}
      {keys.map((k) => (
        <label key={k.id} className="check">
          <input
            type="checkbox"
            checked={form.keyIds.includes(k.id)}
            onChange={(e) =>
              setForm({
                ...form,
                keyIds: e.target.checked ? [...form.keyIds, k.id] : form.keyIds.filter((id) => id !== k.id)
              })
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
  )
}

/** The scheme (its provider's expected reply comes with it) and the reply presets of the schemes that have one. */
function SchemeFields({ form, setForm }: { form: EndpointInput; setForm: (f: EndpointInput) => void }) {
  const presets = useAllSchemes().filter((sch) => sch.reply)
  const custom = useAppStore((s) => s.customSchemes)
  return (
    <>
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
    </>
  )
}
