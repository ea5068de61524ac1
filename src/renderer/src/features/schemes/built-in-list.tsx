import { useState } from 'react'
import { regionOf, SCHEME_GROUPS, schemeSearchText, type SchemeDefinition } from '@shared/signatures'
import { CopyButton } from '../../ui/copy-button'

const EVIDENCE: Record<NonNullable<SchemeDefinition['evidence']>, { label: string; title: string }> = {
  sdk: { label: 'SDK', title: "Checked against the provider's official SDK, both ways" },
  vector: { label: 'vector', title: 'A published example reproduced in the tests' },
  docs: { label: 'docs', title: "From the provider's documentation, not yet confirmed by a vector or an SDK" }
}

const REGION_TITLE = { seed: 'One of the four seed providers', Asia: 'China, South-East or South Asia' } as const

/** The providers Hookscope ships, by category, with what each signs, what confirms it and where it is documented. */
export function BuiltInList() {
  const [query, setQuery] = useState('')
  const q = query.trim().toLowerCase()
  const groups = SCHEME_GROUPS.map((g) => ({
    ...g,
    shown: q ? g.schemes.filter((s) => schemeSearchText(s).includes(q)) : g.schemes
  }))
  const count = groups.reduce((n, g) => n + g.shown.length, 0)
  return (
    <details className="wide built-ins" data-testid="built-in-schemes">
      <summary className="section-title">
        Built-in providers ({SCHEME_GROUPS.reduce((n, g) => n + g.schemes.length, 0)})
      </summary>
      <input
        className="search"
        type="search"
        aria-label="Search providers"
        placeholder="Search providers: name, id, header, category…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {count === 0 && <p className="muted small">No provider matches “{query}”.</p>}
      {groups
        .filter((g) => g.shown.length)
        .map((g) => (
          <section key={g.label}>
            <h4 className="small muted">{g.label}</h4>
            <table className="headers setup-table">
              <tbody>
                {g.shown.map((s) => (
                  <tr key={s.id} data-scheme={s.id}>
                    <td>
                      <strong>{s.name ?? s.id}</strong> <span className="mono muted">{s.id}</span>{' '}
                      {regionOf(s.id) && (
                        <span className="tag" title={REGION_TITLE[regionOf(s.id)!]}>
                          {regionOf(s.id)}
                        </span>
                      )}{' '}
                      {s.evidence && (
                        <span className="tag" title={EVIDENCE[s.evidence].title}>
                          {EVIDENCE[s.evidence].label}
                        </span>
                      )}
                    </td>
                    <td className="small">
                      {s.description}
                      {s.docs && (
                        <div className="mono muted">
                          {s.docs} <CopyButton text={() => s.docs!} label="Copy link" />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
    </details>
  )
}
