import { useEffect, useState } from 'react'
import { TEMPLATES, type Template } from '@shared/templates/templates'
import type { Draft } from './drafts'
import { RegistrationFill } from './registration-fill'

/**
 * Starts a draft from a template: a provider's delivery (method, path, headers, body) at the draft's
 * origin, or a provider API call that registers one of the user's endpoints (filled from it: see
 * RegistrationFill).
 */
export function TemplatePicker({ draft, onDraft }: { draft: Draft; onDraft: (d: Draft) => void }) {
  const [registration, setRegistration] = useState<Template | null>(
    () => TEMPLATES.find((t) => t.registers && t.id === draft.template) ?? null
  )
  // Another draft tab: its own registration (or none).
  useEffect(
    () => setRegistration(TEMPLATES.find((t) => t.registers && t.id === draft.template) ?? null),
    [draft.template]
  )
  return (
    <>
      <label className="wide">
        <span className="muted small">Start from a template</span>
        <select
          aria-label="Template"
          value=""
          onChange={(e) => {
            const t = TEMPLATES.find((x) => x.id === e.target.value)
            if (!t) return
            const base = (() => {
              try {
                return new URL(draft.url).origin
              } catch {
                return 'http://localhost:3000'
              }
            })()
            const { mode: _old, ...rest } = draft
            void _old
            onDraft({
              ...rest,
              method: t.method,
              url: base + t.path,
              headers: t.headers.map(([n, v]) => `${n}: ${v}`).join('\n'),
              body: t.body,
              scheme: t.scheme,
              template: t.id,
              registersEndpoint: null
            })
            setRegistration(t.registers ? t : null)
          }}
        >
          <option value="">Choose…</option>
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {registration && (
        <RegistrationFill key={registration.id} template={registration} draft={draft} onDraft={onDraft} />
      )}
    </>
  )
}
