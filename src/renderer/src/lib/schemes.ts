import { getScheme, paramSource, SCHEMES, type SchemeDefinition } from '@shared/signatures'
import { useAppStore } from '../store'

/** Built-in and user-defined schemes, as one list for pickers. */
export function useAllSchemes(): SchemeDefinition[] {
  const custom = useAppStore((s) => s.customSchemes)
  return custom.length ? [...SCHEMES, ...custom] : (SCHEMES as SchemeDefinition[])
}

export function resolveScheme(id: string, custom: SchemeDefinition[]): SchemeDefinition | undefined {
  return getScheme(id) ?? custom.find((s) => s.id === id)
}

/** A setting field's hint: where a delivery may carry the value itself (the delivery's wins when present). */
export function paramHint(scheme: SchemeDefinition, name: string): { placeholder?: string; title?: string } {
  const from = paramSource(scheme, name)
  return from
    ? {
        placeholder: `from ${from}`,
        title: `The delivery's value (${from}) is used when it has one; this one otherwise.`
      }
    : {}
}
