import { join } from 'node:path'
import { afterEach } from 'vitest'
import { CaptureListener } from '@main/services/capture/listener/capture-listener'
import { CaptureStore } from '@main/services/store/capture-store'
import { tempDir } from './tmp'

const running: { listener: CaptureListener; store: CaptureStore }[] = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.listener.stop(100)
    r.store.close()
  }
})

/** A listener on port 0 over a real SQLite file, stopped and closed after the test. */
export async function startListener(opts: Partial<ConstructorParameters<typeof CaptureListener>[0]> = {}) {
  const store = CaptureStore.open(join(tempDir(), 'h.db'))
  const listener = new CaptureListener({ port: 0, record: (b) => store.insertMany(b), ...opts })
  const addr = await listener.start()
  running.push({ listener, store })
  return { store, listener, port: addr.port, url: addr.url }
}
