import { ASIA_SCHEMES } from './schemes/asia'
import { GENERIC_SCHEMES } from './schemes/generic'
import { GLOBAL_SCHEMES, MAILGUN } from './schemes/global'
import { SEED_SCHEMES } from './schemes/seeds'
import { SAAS_SCHEMES } from './schemes/saas'
import { LONG_TAIL_SCHEMES } from './schemes/long-tail'
import type { SchemeDefinition } from './types'
import { CATEGORIES, categoryOf, type Category } from './categories'

/** Every scheme Hookscope ships, seeds first. */
export const SCHEMES: readonly SchemeDefinition[] = [
  ...SEED_SCHEMES,
  ...GLOBAL_SCHEMES,
  MAILGUN,
  ...SAAS_SCHEMES,
  ...LONG_TAIL_SCHEMES,
  ...ASIA_SCHEMES,
  ...GENERIC_SCHEMES
]

const byId = new Map<string, SchemeDefinition>()
for (const s of SCHEMES) {
  byId.set(s.id, s)
  for (const a of s.aliases ?? []) byId.set(a, s)
}

/** Where a provider's lead lies, besides what it is: the four seed providers, and China/South-East/South Asia. */
export type Region = 'seed' | 'Asia'
const REGION = new Map<string, Region>([
  ...SEED_SCHEMES.map((s) => [s.id, 'seed'] as const),
  ...ASIA_SCHEMES.map((s) => [s.id, 'Asia'] as const)
])
export const regionOf = (id: string): Region | null => REGION.get(id) ?? null

/** The shipped schemes by what their providers are (categories.ts); the Schemes view and `hookscope schemes` list them so. */
export const SCHEME_GROUPS: readonly { label: Category; schemes: readonly SchemeDefinition[] }[] = CATEGORIES.map(
  (label) => ({
    label,
    schemes: SCHEMES.filter((s) => categoryOf(s.id) === label)
  })
).filter((g) => g.schemes.length > 0)

/** The words a provider is found by: id, name, aliases, what it signs (header names included), its category and region. */
export function schemeSearchText(s: SchemeDefinition): string {
  return [s.id, s.name ?? '', s.description, ...(s.aliases ?? []), categoryOf(s.id) ?? '', regionOf(s.id) ?? '']
    .join(' ')
    .toLowerCase()
}

export function getScheme(id: string): SchemeDefinition | undefined {
  return byId.get(id)
}

/** The provider schemes (not the generic ones): what "another provider's scheme?" is asked of. */
export const PROVIDER_SCHEMES: readonly SchemeDefinition[] = SCHEMES.filter((s) => !s.id.startsWith('generic-'))
