import { useMemo, useState } from 'react'
import {
  DefinitionError,
  SCHEMES,
  validateDefinition,
  verify,
  type SchemeDefinition,
  type VerifyResult
} from '@shared/signatures'
import type { CapturedRequest } from '@shared/model/capture'
import { headerValue } from '@shared/http/headers'
import { useAppStore } from '../../store'
import { BuiltInList } from './built-in-list'

const TEMPLATE = JSON.stringify(
  {
    id: 'my-provider',
    name: 'My provider',
    description: 'X-My-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'timestamp' }, { literal: '.' }, { part: 'body' }],
    signature: { header: 'X-My-Signature', format: { kind: 'prefixed', prefix: 'sha256=' }, encoding: 'hex' },
    timestamp: { header: 'X-My-Timestamp', unit: 's', toleranceSec: 300 },
    detect: { headers: ['x-my-signature'] }
  },
  null,
  2
)

/** Where a signature can travel, and the other shapes a definition can take: one example each. */
const EXAMPLES: { title: string; json: string }[] = [
  {
    title: 'In a header',
    json: '"signature": { "header": "X-Signature", "format": { "kind": "prefixed", "prefix": "sha256=" }, "encoding": "hex" }'
  },
  {
    title: 'In one of several headers (any match is valid)',
    json: '"signature": { "header": "BOX-SIGNATURE-PRIMARY", "alsoHeaders": ["BOX-SIGNATURE-SECONDARY"], "encoding": "base64" }'
  },
  { title: 'In a query parameter', json: '"signature": { "query": "sign", "encoding": "base64", "urlEncoded": true }' },
  { title: 'In a form field', json: '"signature": { "formField": "sign", "encoding": "base64" }' },
  { title: 'In a JSON body field', json: '"signature": { "jsonField": "signature.signature", "encoding": "hex" }' },
  {
    title: 'In each item of a batch (every item checked)',
    json:
      '"items": { "path": "notificationItems", "field": "NotificationRequestItem" ' +
      '},\n"signature": { "jsonField": "additionalData.hmacSignature", "encoding": "base64" }'
  },
  {
    title: 'Other header names for the same scheme',
    json: '"headerAliases": { "webhook-signature": ["svix-signature"], "webhook-id": ["svix-id"] }'
  },
  {
    title: 'A version header that picks another scheme',
    json: '"versionedBy": { "header": "X-HubSpot-Signature-Version", "schemes": { "v1": "hubspot-v1" } }'
  },
  { title: 'A body hash carried in the URL', json: '"bodyDigestQuery": "bodySHA256"' },
  {
    title: 'Several documented readings of the signed content',
    json: '"alternatives": [{ "label": "the decoded data field", "signedContent": [{ "part": "form-field", "name": "data" }] }]'
  }
]

/** Write a scheme as JSON: validated as you type, tried on the selected capture, saved for endpoints. */
export function SchemesView() {
  const error = useAppStore((s) => s.setupError)
  const saveScheme = useAppStore((s) => s.saveScheme)
  const detail = useAppStore((s) => s.detail)
  const [text, setText] = useState(TEMPLATE)
  const [trial, setTrial] = useState<VerifyResult | null>(null)

  const checked = useMemo(() => {
    try {
      return { def: validateDefinition(JSON.parse(text)), problem: null }
    } catch (err) {
      return {
        def: null,
        problem:
          err instanceof DefinitionError
            ? err.message
            : err instanceof SyntaxError
              ? `JSON: ${err.message}`
              : String(err)
      }
    }
  }, [text])

  return (
    <div className="setup" data-testid="schemes-view">
      <h2 className="setup-title">Schemes</h2>
      <p className="muted small">
        Describe any sender's signature as data — signed content, algorithm, key form, where the signature travels and
        how it is encoded. The same engine verifies and signs with it; endpoints can use it.
      </p>
      <BuiltInList />
      <CustomSchemes onEdit={setText} />
      <StartFrom setText={setText} />
      <textarea
        className="mono scheme-json"
        rows={18}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        aria-label="Scheme definition JSON"
      />
      <p className={`small ${checked.problem ? 'error-text' : 'ok-text'}`} data-testid="scheme-check">
        {checked.problem ?? `Valid definition: ${checked.def!.name} (${checked.def!.algorithm}).`}
      </p>
      <div className="form-actions">
        <button type="button" className="btn" disabled={!checked.def} onClick={() => void saveScheme(JSON.parse(text))}>
          Save scheme
        </button>
        {detail && checked.def && <TrialRun detail={detail} def={checked.def} onResult={setTrial} />}
      </div>
      {trial && (
        <p className={trial.valid ? 'ok-text small' : 'error-text small'} data-testid="scheme-trial">
          {trial.valid ? 'valid' : trial.reason}: {trial.message}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** The user's own schemes: edit one (its JSON goes to the editor) or delete it. */
function CustomSchemes({ onEdit }: { onEdit: (json: string) => void }) {
  const custom = useAppStore((s) => s.customSchemes)
  const deleteScheme = useAppStore((s) => s.deleteScheme)
  return (
    <table className="headers setup-table">
      <tbody>
        {custom.map((s) => (
          <tr key={s.id}>
            <td>
              <strong>{s.name}</strong>
              <div className="gloss mono">{s.id}</div>
            </td>
            <td className="mono small">{s.algorithm}</td>
            <td className="row-actions">
              <button type="button" className="btn btn-small" onClick={() => onEdit(JSON.stringify(s, null, 2))}>
                Edit
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => void deleteScheme(s.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A built-in scheme as the starting point, and the definition format by example. */
function StartFrom({ setText }: { setText: (json: string) => void }) {
  return (
    <>
      <div className="form-actions">
        <label className="small muted" htmlFor="scheme-start">
          Start from
        </label>
        <select
          id="scheme-start"
          aria-label="Start from a built-in scheme"
          value=""
          onChange={(e) => {
            const s = SCHEMES.find((x) => x.id === e.target.value)
            if (s) setText(JSON.stringify({ ...s, id: `my-${s.id}`.slice(0, 64), aliases: undefined }, null, 2))
          }}
        >
          <option value="">a built-in scheme…</option>
          {SCHEMES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <details className="scheme-reference small" data-testid="scheme-reference">
        <summary>Definition format: where the signature travels, and the other shapes</summary>
        <dl>
          {EXAMPLES.map((e) => (
            <div key={e.title}>
              <dt>{e.title}</dt>
              <dd>
                <pre className="mono">{e.json}</pre>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  )
}

/** The definition tried on the selected capture with a key typed here (never stored). */
function TrialRun({
  detail,
  def,
  onResult
}: {
  detail: CapturedRequest
  def: SchemeDefinition
  onResult: (r: VerifyResult) => void
}) {
  const [key, setKey] = useState('')
  return (
    <>
      <input
        className="key-input masked"
        placeholder="Key to try it on the selected capture"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        aria-label="Trial key"
      />
      <button
        type="button"
        className="btn btn-small"
        disabled={!key}
        onClick={() =>
          void verify(
            {
              method: detail.method,
              url: `https://${headerValue(detail.rawHeaders, 'host') ?? 'localhost'}${detail.target}`,
              headers: detail.rawHeaders,
              body: detail.body
            },
            [{ material: key }],
            def,
            { now: detail.receivedAt }
          ).then(onResult)
        }
      >
        Try on {detail.method} {detail.target.slice(0, 30)}
      </button>
    </>
  )
}
