import { getScheme, SCHEMES, type SchemeDefinition } from '@shared/signatures'
import { useAppStore } from '../store'

/** Built-in and user-defined schemes, as one list for pickers. */
export function useAllSchemes(): SchemeDefinition[] {
  const custom = useAppStore((s) => s.customSchemes)
  return custom.length ? [...SCHEMES, ...custom] : (SCHEMES as SchemeDefinition[])
}

export function resolveScheme(id: string, custom: SchemeDefinition[]): SchemeDefinition | undefined {
  return getScheme(id) ?? custom.find((s) => s.id === id)
}
