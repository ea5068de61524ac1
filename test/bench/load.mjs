// What bench:capture and bench:store share: the servers they start, the load they send, and how
// CPU is read from /proc (whole process, and per thread).
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'

export const ROOT = resolve(import.meta.dirname, '../..')
/** The request every capture benchmark sends: 1 KB of JSON. */
export const BODY = JSON.stringify({ id: 'evt_0000', type: 'order.paid', pad: 'x'.repeat(1024 - 48) }).slice(0, 1024)

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Starts a server process and resolves once it prints where it listens (and, for `serve`, its UI). */
export function startServer(args) {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((res, rej) => {
    let out = ''
    proc.stdout.on('data', (d) => {
      out += d
      const m = /Listening for webhooks on (\S+)/.exec(out)
      const open = /Open (\S+)/.exec(out)
      if (m && (open || !args.includes('serve'))) res({ proc, url: m[1], open: open?.[1] })
    })
    proc.once('exit', (c) => rej(new Error(`server exited (${c}): ${out}`)))
  })
}

export async function stop(proc) {
  const exited = new Promise((r) => proc.once('exit', r))
  proc.kill('SIGINT')
  await exited
}

/** POSTs BODY to `url` from `connections` connections for `duration` s (at `rate` req/s in all, when given). */
export function load(url, { duration, connections, rate }) {
  return autocannon({
    url: `${url}/bench/hook`,
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    ...(rate ? { overallRate: rate } : {})
  })
}

const TICK = (() => {
  try {
    return 1 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())
  } catch {
    return 0.01
  }
})()
const seconds = (stat) => {
  const fields = stat.split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK
}

/** CPU seconds a process has used (user + system) in all and by thread name, from /proc; null where there is none. */
export function cpuSeconds(pid) {
  try {
    const threads = readdirSync(`/proc/${pid}/task`).map((t) => {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8')
      return { tid: t, name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), s: seconds(stat) }
    })
    return { total: seconds(readFileSync(`/proc/${pid}/stat`, 'utf8')), threads }
  } catch {
    return null
  }
}

/**
 * The CPU a server process used per request at `rate` req/s for `duration` s, in µs: in all, and by
 * thread — its main thread, its worker threads (heaviest first) and V8's helpers.
 */
export async function cpuPerRequest(name, args, { rate, duration, connections }) {
  const { proc, url } = await startServer(args)
  await load(url, { duration: 2, connections }) // warm-up
  const before = cpuSeconds(proc.pid)
  const r = await load(url, { duration, connections, rate })
  const after = cpuSeconds(proc.pid)
  await stop(proc)
  const ok = r['2xx']
  if (!before || !after) return { name, ok, us: null, threads: null }
  const per = (s) => (s / ok) * 1e6
  const used = after.threads.map((t) => ({ ...t, s: t.s - (before.threads.find((b) => b.tid === t.tid)?.s ?? 0) }))
  const workers = used
    .filter((t) => t.name === 'WorkerThread')
    .map((t) => per(t.s))
    .sort((a, b) => b - a)
  // The main thread's id is the process id.
  const main = used.find((t) => t.tid === String(proc.pid))
  const v8 = used.filter((t) => t.name.startsWith('V8'))
  return {
    name,
    ok,
    us: per(after.total - before.total),
    threads: { main: per(main?.s ?? 0), workers, v8: per(v8.reduce((a, t) => a + t.s, 0)) }
  }
}
