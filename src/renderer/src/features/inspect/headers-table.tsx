import { headerInsight } from '@shared/signatures'
import type { RawHeaders } from '@shared/model/capture'
import { ShownText } from '../../ui/shown-text'

/** Headers in wire order with original case; known structured headers get a readable gloss. */
export function HeadersTable({ headers, receivedAt }: { headers: RawHeaders; receivedAt: number }) {
  return (
    <table className="headers" data-testid="headers-table">
      <tbody>
        {headers.map(([name, value], i) => {
          const gloss = headerInsight(name, value, receivedAt)
          return (
            <tr key={i}>
              <th scope="row" className="mono">
                <ShownText text={name} />
              </th>
              <td className="mono">
                <ShownText text={value} />
                {gloss && <div className="gloss">{gloss}</div>}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
