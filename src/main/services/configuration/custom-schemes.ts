import { HookscopeError } from '@shared/errors'
import type { DatabaseSync } from 'node:sqlite'
import { getScheme, validateDefinition, type SchemeDefinition } from '@shared/signatures'

/** Scheme definitions users write; built-in ids cannot be replaced. */
export class CustomSchemes {
  private cache: SchemeDefinition[] | null = null
  private stamp = ''
  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now
  ) {}

  /** The list as another connection may have changed it (the writer worker reads the user's schemes this way). */
  listFresh(): SchemeDefinition[] {
    const r = this.db.prepare('SELECT count(*) AS n, coalesce(max(updated_at), 0) AS u FROM schemes').get() as {
      n: number
      u: number
    }
    const stamp = `${r.n}:${r.u}`
    if (stamp !== this.stamp) this.cache = null
    this.stamp = stamp
    return this.list()
  }

  list(): SchemeDefinition[] {
    this.cache ??= (
      this.db.prepare('SELECT definition FROM schemes ORDER BY id').all() as { definition: string }[]
    ).map((r) => JSON.parse(r.definition) as SchemeDefinition)
    return this.cache
  }

  /** Validates (clear, located errors) and stores; returns the normalised definition. */
  save(input: unknown): SchemeDefinition {
    const def = validateDefinition(input)
    if (getScheme(def.id))
      throw new HookscopeError('invalid-arguments', `"${def.id}" is a built-in scheme id or alias; choose another.`)
    // One name, one scheme: an alias may not be any other scheme's id or alias.
    const others = this.list().filter((s) => s.id !== def.id)
    for (const name of def.aliases ?? []) {
      const taken = getScheme(name) ?? others.find((s) => s.id === name || s.aliases?.includes(name))
      if (name === def.id || taken) {
        throw new HookscopeError(
          'invalid-arguments',
          `Alias "${name}" already names ${taken ? `the scheme "${taken.id}"` : 'this scheme'}; choose another.`
        )
      }
    }
    if (others.some((s) => s.aliases?.includes(def.id))) {
      throw new HookscopeError(
        'invalid-arguments',
        `"${def.id}" is an alias of another of your schemes; choose another id.`
      )
    }
    this.db
      .prepare('INSERT OR REPLACE INTO schemes (id, definition, updated_at) VALUES (?, ?, ?)')
      .run(def.id, JSON.stringify(def), this.now())
    this.cache = null
    return def
  }

  delete(id: string): boolean {
    this.cache = null
    return Number(this.db.prepare('DELETE FROM schemes WHERE id = ?').run(id).changes) > 0
  }

  /** Built-in first, then the user's. */
  resolve(id: string): SchemeDefinition | undefined {
    return getScheme(id) ?? this.list().find((s) => s.id === id) ?? this.list().find((s) => s.aliases?.includes(id))
  }
}
