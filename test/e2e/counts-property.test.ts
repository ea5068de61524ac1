import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { HookscopeApi } from '@shared/api/contract'
import { HookscopeCore } from '@main/services/core'
import { createAppStore } from '@renderer/store/create-store'
import { FUZZ } from '../helpers/fuzz'
import { tempDir } from '../helpers/tmp'

/** The window's store over a real core (its methods and its events), as the desktop shell wires them. */
async function session() {
  const core = new HookscopeCore({ dataDir: tempDir(), listen: { port: 0 } })
  await core.start()
  const api = { ...core.methods, on: (e: never, l: never) => core.events.on(e, l) } as unknown as HookscopeApi
  const store = createAppStore({ api, nextFrame: (run) => (queueMicrotask(run), () => undefined) })
  await store.getState().refreshStatus()
  await store.getState().loadFirstPage()
  return { core, store, url: core.status().url! }
}

type Op =
  | { kind: 'capture'; n: number }
  | { kind: 'import'; n: number }
  | { kind: 'delete'; at: number }
  | { kind: 'clear' }
  | { kind: 'keepLast'; n: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('capture' as const), n: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('import' as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('keepLast' as const), n: fc.integer({ min: 0, max: 8 }) }) }
)

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
})

describe('one count (property): the sidebar, the list and the store agree after any sequence', () => {
  it('of captures, imports, deletes, Clear all and retention changes', async () => {
    let cases = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        cases++
        const { core, store, url } = await session()
        open.push(core)
        const s = store.getState
        for (const o of ops) {
          if (o.kind === 'capture')
            for (let i = 0; i < o.n; i++) await fetch(`${url}/p/${i}`, { method: 'POST', body: 'x' })
          else if (o.kind === 'import')
            await s().importCaptures(
              new TextEncoder().encode(
                Array.from({ length: o.n }, (_, i) => `POST /imported/${i} HTTP/1.1\nHost: h\n\nx`).join('\n\n')
              )
            )
          else if (o.kind === 'delete') {
            if (s().total > 0) {
              await s().selectIndex(Math.min(o.at, s().total - 1))
              const id = s().selectedId
              if (id !== null) {
                await s().deleteCapture(id)
                // The undo window is cut short: the host deletes it now.
                await s().flushDelete()
              }
            }
          } else if (o.kind === 'clear') await s().clearAll()
          else await s().saveSettings({ ...(await s().loadSettings()), keepLast: o.n }, false)
          // After each step: the sidebar's count (status), the list's total and the store's own count agree.
          await expect
            .poll(
              async () => ({
                sidebar: s().status?.captureCount,
                list: s().total,
                host: await core.methods.countCaptures({})
              }),
              {
                timeout: 3000,
                interval: 20
              }
            )
            .toSatisfy(
              (c: { sidebar?: number; list: number; host: number }) => c.sidebar === c.host && c.list === c.host
            )
        }
        await core.close()
        open.pop()
      }),
      FUZZ.params(12, 40_000)
    )
    FUZZ.count('counts after capture/import/delete/clear/retention sequences', cases)
  }, 90_000)
})
