import { useState } from 'react'
import { parseFormFields, serializeFormFields, type FormField } from '@shared/decode/form'
import { CodeEditor } from './code-editor'

function jsonValue(v: string): unknown {
  const t = v.trim()
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined
  try {
    return JSON.parse(t) as unknown
  } catch {
    return undefined
  }
}

/**
 * A form body as a table of fields. A value that holds JSON (UseePay's data={…}) opens in its own JSON
 * editor and is written back compact and percent-encoded when done; untouched fields keep their bytes.
 */
export function FormFieldsEditor({ body, onChange }: { body: string; onChange: (body: string) => void }) {
  const fields = parseFormFields(body.replace(/&\s*\n/g, '&').trim())
  const [editing, setEditing] = useState<Editing | null>(null)
  const write = (next: FormField[]): void => onChange(serializeFormFields(next))
  const set = (i: number, patch: Partial<FormField>): void =>
    write(fields.map((f, n) => (n === i ? { ...f, ...patch } : f)))

  return (
    <div className="form-fields" data-testid="form-fields">
      <table className="headers">
        <tbody>
          {fields.map((f, i) => {
            const json = jsonValue(f.value)
            return [
              <tr key={i}>
                <td>
                  <input
                    className="mono"
                    value={f.name}
                    onChange={(e) => set(i, { name: e.target.value })}
                    aria-label={`Field ${i + 1} name`}
                  />
                </td>
                <td className="form-value">
                  {json !== undefined ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setEditing({ index: i, text: JSON.stringify(json, null, 2), error: null })}
                      aria-label={`Edit ${f.name} as JSON`}
                    >
                      {`{…} JSON, ${f.value.length} chars — edit`}
                    </button>
                  ) : (
                    <input
                      className="mono"
                      value={f.value}
                      onChange={(e) => set(i, { value: e.target.value })}
                      aria-label={`Field ${f.name} value`}
                    />
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => write(fields.filter((_, n) => n !== i))}
                    aria-label={`Remove ${f.name}`}
                  >
                    ×
                  </button>
                </td>
              </tr>,
              editing?.index === i && (
                <JsonValueEditor
                  key={`${i}-json`}
                  name={f.name}
                  editing={editing}
                  setEditing={setEditing}
                  onDone={(value) => set(i, { value })}
                />
              )
            ]
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => write([...fields, { name: 'field', value: '', raw: '' }])}
      >
        + Field
      </button>
    </div>
  )
}

type Editing = { index: number; text: string; error: string | null }

/** A form value that holds JSON, in its own editor; Done writes it back compact (invalid JSON is said, not written). */
function JsonValueEditor(props: {
  name: string
  editing: Editing
  setEditing: (e: Editing | null) => void
  onDone: (value: string) => void
}) {
  const { name, editing, setEditing } = props
  const i = editing.index
  return (
    <tr>
      <td colSpan={3}>
        <CodeEditor
          value={editing.text}
          onChange={(text) => setEditing({ index: i, text, error: null })}
          mode="json"
          label={`${name} JSON`}
        />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              try {
                props.onDone(JSON.stringify(JSON.parse(editing.text)))
                setEditing(null)
              } catch (err) {
                setEditing({ ...editing, error: (err as Error).message })
              }
            }}
          >
            Done
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
            Cancel
          </button>
          {editing.error && <span className="error-text small">Not valid JSON: {editing.error}</span>}
        </div>
      </td>
    </tr>
  )
}
