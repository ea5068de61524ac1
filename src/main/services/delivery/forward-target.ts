import { lookup } from 'node:dns/promises'
import { networkInterfaces } from 'node:os'
import ipaddr from 'ipaddr.js'
import { forwardPath } from '@shared/http/forward-path'
import { HookscopeError } from '@shared/errors'

/** A forward target Hookscope will not send to: it loops back into Hookscope, or reaches a link-local or metadata address. */
export class ForwardTargetError extends HookscopeError {
  constructor(message: string) {
    super('forward-refused', message)
  }
}

/** Where a capture is forwarded (see forwardPath); a target that would leave the origin is refused. */
export function forwardUrl(target: string, requestTarget: string): string {
  const url = forwardPath(target, requestTarget)
  if (url === null) throw new ForwardTargetError(`Forwarding ${requestTarget} would leave ${new URL(target).origin}.`)
  return url
}

/** Hookscope's own ports: forwarding to either on this machine would come back in. */
export interface OwnPorts {
  capture: number | null
  ui: number | null
}

/** Addresses of cloud metadata services: refused like link-local ones (AWS/GCP/Azure, ECS, Alibaba, AWS IPv6). */
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'])

/** The hop mark Hookscope adds when it forwards (a `Via` entry, kept by proxies in between). */
export const viaMark = (instance: string): string => `1.1 hookscope-${instance}`

/** True when the request already went through this Hookscope's forwarding (directly or through other proxies). */
export function cameBack(headers: [string, string][], instance: string): boolean {
  const mark = `hookscope-${instance}`
  return headers.some(
    ([n, v]) => n.toLowerCase() === 'via' && v.split(',').some((hop) => hop.trim().split(/\s+/)[1] === mark)
  )
}

export interface CheckedTarget {
  url: URL
  /** The address the check approved: the request is sent there, so a second DNS answer cannot move it. */
  address: string
  family: 4 | 6
}

/** Every address this machine answers on (loopback, unspecified and each interface's), IPv4-mapped ones as IPv4. */
function localAddresses(): Set<string> {
  const out = new Set<string>()
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) out.add(norm(a.address.split('%')[0]!))
  return out
}

const norm = (a: string): string => ipaddr.process(a).toString()

/**
 * Resolves a forward target and compares it as addresses, not as text: decimal, octal and hex IPv4
 * forms (the URL parser normalises them), IPv4-mapped IPv6, trailing-dot and `*.localhost` names, and
 * every local interface. Refused: Hookscope's own capture or UI port on this machine; link-local and
 * metadata addresses unless `allowLinkLocal`.
 */
export async function checkForwardTarget(
  target: string,
  own: OwnPorts,
  o: { allowLinkLocal: boolean }
): Promise<CheckedTarget> {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new ForwardTargetError(`"${target.slice(0, 200)}" is not a URL.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ForwardTargetError(`Only http:// and https:// targets can be forwarded to, not ${url.protocol}`)
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase()
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  let addresses: { address: string; family: number }[]
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }]
  else if (host === 'localhost' || host.endsWith('.localhost')) addresses = [{ address: '127.0.0.1', family: 4 }]
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true })
    } catch (e) {
      throw new ForwardTargetError(
        `${host} could not be resolved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`
      )
    }
  }
  const local = localAddresses()
  for (const { address } of addresses) {
    const a = ipaddr.process(address)
    const text = a.toString()
    const range = a.range()
    const isLocal = range === 'loopback' || range === 'unspecified' || local.has(text)
    if (isLocal && (port === own.capture || port === own.ui)) {
      const which = port === own.capture ? 'capture' : 'UI'
      throw new ForwardTargetError(
        `${target} reaches Hookscope's own ${which} port (${text}:${port}): every delivery would come back. Point it at your app.`
      )
    }
    if (!o.allowLinkLocal && (range === 'linkLocal' || METADATA.has(text))) {
      throw new ForwardTargetError(
        `${target} resolves to ${text}, a ${METADATA.has(text) ? 'cloud metadata' : 'link-local'} ` +
          `address: refused unless "Allow link-local and metadata targets" is on in Settings.`
      )
    }
  }
  const first = addresses[0]!
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 }
}
