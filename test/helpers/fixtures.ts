import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The repository's test data folder (test/fixtures): tests read fixtures from here only. */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures')

export function fixtureText(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8')
}

/** The UseePay V2 seed document (test/fixtures/seeds/003_…). */
export const useepaySeed = (): string => fixtureText('seeds/003_394fdd758de38be2.txt')
