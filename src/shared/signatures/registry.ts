import { ASIA_SCHEMES } from './schemes/asia'
import { GENERIC_SCHEMES } from './schemes/generic'
import { GLOBAL_SCHEMES, MAILGUN } from './schemes/global'
import { SEED_SCHEMES } from './schemes/seeds'
import { SAAS_SCHEMES } from './schemes/saas'
import { LONG_TAIL_SCHEMES } from './schemes/long-tail'
import type { SchemeDefinition } from './types'

/** The shipped schemes by where their providers are (the Schemes view and `hookscope schemes` list them so). */
export const SCHEME_GROUPS: readonly { label: string; schemes: readonly SchemeDefinition[] }[] = [
  { label: 'Seed providers', schemes: SEED_SCHEMES },
  { label: 'Global', schemes: [...GLOBAL_SCHEMES, MAILGUN, ...SAAS_SCHEMES, ...LONG_TAIL_SCHEMES] },
  { label: 'China, South-East and South Asia', schemes: ASIA_SCHEMES },
  { label: 'Starting points for your own', schemes: GENERIC_SCHEMES }
]

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

export function getScheme(id: string): SchemeDefinition | undefined {
  return byId.get(id)
}

/** The provider schemes (not the generic ones): what "another provider's scheme?" is asked of. */
export const PROVIDER_SCHEMES: readonly SchemeDefinition[] = SCHEMES.filter((s) => !s.id.startsWith('generic-'))
