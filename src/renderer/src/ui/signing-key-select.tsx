import { useAppStore } from '../store'

/** Stored keys that can sign (secrets, private keys, pairs); public keys cannot. */
export function SigningKeySelect({
  value,
  onChange,
  label
}: {
  value: number | null
  onChange: (id: number | null) => void
  label: string
}) {
  const keys = useAppStore((s) => s.keys)
  return (
    <select
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      aria-label={label}
    >
      <option value="">Choose a stored secret or private key…</option>
      {keys
        .filter((k) => k.kind !== 'public')
        .map((k) => (
          <option key={k.id} value={k.id}>
            {k.name} ({k.kind})
          </option>
        ))}
    </select>
  )
}
