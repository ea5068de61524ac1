import type { LayerView } from '@shared/decode/present'
import { parseContentType } from '@shared/decode/text'
import { parseMultipart } from '@shared/decode/multipart'
import { formatBytes } from '@shared/http/text'
import { ShownText } from '../../ui/shown-text'

/** The bytes saved as a file (a multipart part). */
function download(bytes: Uint8Array, name: string, type: string | null): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: type ?? 'application/octet-stream' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A form's fields, each value shown as text (control and bidi characters visible); a nested layer opens from its row. */
export function FieldsTable({
  view,
  fields,
  open
}: {
  view: LayerView
  fields: NonNullable<LayerView['fields']>
  open: (key: string) => void
}) {
  return (
    <table className="headers" data-testid="fields-table">
      <tbody>
        {fields.map((f, i) => {
          const child = view.children.find((c) => c.key === f.name)
          return (
            <tr key={i}>
              <th scope="row" className="mono">
                <ShownText text={f.name} />
              </th>
              <td className="mono">
                <span className="clip">
                  <ShownText text={f.value.length > 2000 ? f.value.slice(0, 2000) + '…' : f.value} />
                </span>
                {child && (
                  <button type="button" className="btn btn-small" onClick={() => open(child.key)}>
                    Open {child.how} ↘
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** A multipart body's parts: name, file name, type, size; each part downloads as its own bytes. */
export function PartsTable({
  view,
  parts,
  contentType
}: {
  view: LayerView
  parts: NonNullable<LayerView['parts']>
  contentType: string | null
}) {
  return (
    <table className="headers parts" data-testid="parts-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>File</th>
          <th>Type</th>
          <th className="num">Size</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {parts.slice(0, 1000).map((p) => (
          <tr key={p.index}>
            <td className="mono">{p.name ?? '—'}</td>
            <td className="mono">{p.filename ?? ''}</td>
            <td className="mono muted">{p.contentType ?? ''}</td>
            <td className="num">{formatBytes(p.size)}</td>
            <td>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const boundary = parseContentType(contentType).params.boundary ?? ''
                  const part = parseMultipart(view.bytes, boundary, p.index + 1).parts[p.index]
                  if (part) download(part.body, p.filename ?? `${p.name ?? 'part'}.bin`, p.contentType)
                }}
              >
                Download
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
