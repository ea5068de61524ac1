// bench:inspect — time from selecting a capture to the first paint of its Pretty view in
// Chromium (web mode), for 10 KB, 1 MB and 10 MB JSON bodies. Medians of several runs.
import { launchChromium } from '../helpers/browser.ts'
import { startServe } from './serve.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const { urls, stop } = await startServe('inspect')

function body(bytes) {
  const items = []
  let size = 20
  for (let i = 0; size < bytes; i++) {
    const item = { id: Number.MAX_SAFE_INTEGER - i, name: `item-${i}`, ok: i % 2 === 0, price: i / 7 }
    size += JSON.stringify(item).length + 1
    items.push(item)
  }
  return JSON.stringify({ type: 'bench', items })
}

const sizes = [
  ['10 KB', 10 * 1024],
  ['1 MB', 1024 * 1024],
  ['10 MB', 10 * 1024 * 1024]
]
for (const [label, n] of sizes) {
  await fetch(`${urls.listen}/bench/${label.replace(' ', '')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(n)
  })
}

const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
await page.goto(urls.open)
await page.locator('[data-capture-id]').nth(2).waitFor()
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = []
for (const [label] of sizes) {
  const times = []
  for (let r = 0; r < RUNS; r++) {
    // Select another capture first so each run renders from scratch.
    await page
      .locator('[data-capture-id]')
      .filter({ hasText: '/bench/' })
      .filter({ hasNotText: label.replace(' ', '') })
      .first()
      .click()
    await page.waitForTimeout(200)
    const row = page
      .locator('[data-capture-id]')
      .filter({ hasText: `/bench/${label.replace(' ', '')}` })
      .first()
    const t0 = await page.evaluate(() => performance.now())
    await row.click()
    const t1 = await page.evaluate(
      () =>
        new Promise((res) => {
          const check = () => {
            const host = document.querySelector('[data-testid=pretty-view]')
            const content = host?.shadowRoot?.querySelector('.cm-content')
            if (content && content.textContent.includes('"type": "bench"'))
              requestAnimationFrame(() => res(performance.now()))
            else requestAnimationFrame(check)
          }
          check()
        })
    )
    times.push(t1 - t0)
  }
  rows.push([label, median(times), Math.min(...times), Math.max(...times)])
}
await browser.close()
await stop()

console.log(`\nbench:inspect — select → first paint of Pretty, Chromium, ${RUNS} runs each\n`)
console.log('body      median ms   min ms   max ms')
for (const [label, med, min, max] of rows)
  console.log(
    `${label.padEnd(8)}  ${med.toFixed(0).padStart(9)}  ${min.toFixed(0).padStart(7)}  ${max.toFixed(0).padStart(7)}`
  )
