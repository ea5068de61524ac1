import { useState } from 'react'
import { TEMPLATES, withPublicUrl } from '@shared/templates/templates'
import { useAppStore } from '../../store'
import type { Draft } from './drafts'

/**
 * Starts a draft from a template: the provider's method, path, headers and body at the draft's origin;
 * registration calls point at the tunnel's public URL when one is online, and their secrets come from
 * Keys by name (made once), bound to the endpoints that receive there.
 */
export function TemplatePicker({ draft, onDraft }: { draft: Draft; onDraft: (d: Draft) => void }) {
  const tunnel = useAppStore((s) => s.status?.tunnel)
  const templateSecrets = useAppStore((s) => s.templateSecrets)
  const setupError = useAppStore((s) => s.setupError)
  const [note, setNote] = useState<string | null>(null)
  return (
    <label className="wide">
      <span className="muted small">Start from a template</span>
      <select
        aria-label="Template"
        value=""
        onChange={(e) => {
          setNote(null)
          const found = TEMPLATES.find((x) => x.id === e.target.value)
          if (!found) return
          const t = withPublicUrl(found, tunnel?.status === 'online' ? tunnel.publicUrl : null)
          const base = (() => {
            try {
              return new URL(draft.url).origin
            } catch {
              return 'http://localhost:3000'
            }
          })()
          const { mode: _old, ...rest } = draft
          void _old
          const next = {
            ...rest,
            method: t.method,
            url: base + t.path,
            headers: t.headers.map(([n, v]) => `${n}: ${v}`).join('\n'),
            body: t.body,
            scheme: t.scheme
          }
          onDraft(next)
          const secrets = t.secrets
          if (!secrets?.length) return
          void templateSecrets(secrets).then((r) => {
            if (!r) return
            const doc = JSON.parse(t.body) as Record<string, unknown>
            for (const sec of secrets) {
              let at = doc
              for (const p of sec.path.slice(0, -1)) at = at[p] as Record<string, unknown>
              at[sec.path[sec.path.length - 1]!] = r.filled[sec.keyName]
            }
            onDraft({ ...next, body: JSON.stringify(doc, null, 2) })
            setNote(`Secrets from Keys: ${secrets.map((x) => x.keyName).join(', ')}.` + (r.bound.length ? ` Bound: ${r.bound.join('; ')}.` : ''))
          })
        }}
      >
        <option value="">Choose…</option>
        {TEMPLATES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {note && (
        <span className="muted small" data-testid="template-note">
          {note}
        </span>
      )}
      {setupError && <span className="error-text small">{setupError}</span>}
    </label>
  )
}
