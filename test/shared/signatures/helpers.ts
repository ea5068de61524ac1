import { afterEach, beforeEach, vi } from 'vitest'
import { fixtureText } from '../../helpers/fixtures'
import type { RawHeaders } from '@shared/model/capture'
import type { SignableRequest } from '@shared/signatures'

const enc = new TextEncoder()

export function request(
  over: { method?: string; url?: string; headers?: RawHeaders; body?: string | Uint8Array } = {}
): SignableRequest {
  return {
    method: over.method ?? 'POST',
    url: over.url ?? 'https://hooks.example.test/webhook',
    headers: over.headers ?? [['Content-Type', 'application/json']],
    body: typeof over.body === 'string' ? enc.encode(over.body) : (over.body ?? new Uint8Array())
  }
}

interface CatalogVector {
  id: string
  inputs: Record<string, unknown>
  expected: unknown
}
interface CatalogEntry {
  id: string
  vectors: CatalogVector[]
}

/** The provider catalog with its published vectors (test/fixtures/providers/catalog.json). */
export const catalog: CatalogEntry[] = JSON.parse(fixtureText('providers/catalog.json'))

export function vector(id: string): CatalogVector {
  for (const e of catalog) for (const v of e.vectors) if (v.id === id) return v
  throw new Error(`no vector ${id} in catalog.json`)
}

export const text = (b: Uint8Array | null): string => new TextDecoder().decode(b ?? new Uint8Array())

/** The SDKs read the wall clock: pin Date to the same fixed time the engine is given, for every test of the file. */
export function fixedClock(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(now)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
}
