import { childParts } from './schema-parts'
import type { ContentPart } from './types'

/** What of the body a signature covers: all of it, some fields (named), or none. */
export interface BodyCoverage {
  kind: 'all' | 'fields' | 'none'
  fields: string[]
}

export function bodyCoverage(parts: readonly ContentPart[]): BodyCoverage {
  const fields: string[] = []
  let all = false
  const walk = (ps: readonly ContentPart[]): void => {
    for (const p of ps) {
      if ('part' in p) {
        // A CRC-32 of the body stands for all of it (a scheme that signs one says how weak that is).
        if (p.part === 'body' || p.part === 'body-crc32' || p.part === 'jws-signing-input') all = true
        // A JWT whose claim is the body's digest binds all of it.
        else if (p.part === 'header-jwt' && p.bodyClaim) all = true
        // Every form parameter but the excluded ones: the body as a whole, for a form.
        else if (p.part === 'form-sorted') all = true
        else if (p.part === 'form-field' || p.part === 'xml-element' || p.part === 'json-member') fields.push(p.name)
        else if (p.part === 'json-fields') fields.push(...p.paths)
        else if (p.part === 'json-pairs') fields.push(...p.names)
      } else walk(childParts(p))
    }
  }
  walk(parts)
  return all ? { kind: 'all', fields: [] } : fields.length ? { kind: 'fields', fields } : { kind: 'none', fields: [] }
}

/** Whether any of the body is signed (all of it, or some fields). */
export function coversBody(parts: readonly ContentPart[]): boolean {
  return parts.some((p) =>
    'part' in p
      ? p.part === 'body' ||
        p.part === 'body-crc32' ||
        p.part === 'jws-signing-input' ||
        p.part === 'form-sorted' ||
        p.part === 'form-field' ||
        p.part === 'json-fields' ||
        p.part === 'json-pairs' ||
        p.part === 'xml-element' ||
        p.part === 'json-member' ||
        (p.part === 'header-jwt' && p.bodyClaim !== undefined)
      : coversBody(childParts(p))
  )
}
