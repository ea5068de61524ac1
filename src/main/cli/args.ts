/** Parses HOST:PORT (IPv4 or name) for --listen / --ui. */
export function parseHostPort(value: string, flag: string): { host: string; port: number } {
  const m = /^([^:]+):(\d{1,5})$/.exec(value.trim())
  const port = m ? Number(m[2]) : NaN
  if (!m || port > 65535) throw new Error(`${flag} expects HOST:PORT, for example 127.0.0.1:8787 (got "${value}")`)
  return { host: m[1]!, port }
}
