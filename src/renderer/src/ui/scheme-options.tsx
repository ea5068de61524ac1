import { useAllSchemes } from '../lib/schemes'

/** <option>s for every scheme, built-in and user-defined, as "Name — id". */
export function SchemeOptions() {
  const schemes = useAllSchemes()
  return (
    <>
      {schemes.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} — {s.id}
        </option>
      ))}
    </>
  )
}
