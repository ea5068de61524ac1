import { VERDICTS, type Verdict } from '../model/capture'
import { flag, id, InvalidArgumentsError, keyIdList, obj, stringParams, text } from './validate-fields'
import { checkDefinitionShape } from '../signatures'
import type { GenerateKind } from '../model/vault'
import type { HookscopeMethodName, HookscopeMethods } from './contract'
import { endpointInput, exportRequest, listQuery } from './validate-inputs'

type ArgsOf<M extends HookscopeMethodName> = Parameters<HookscopeMethods[M]>

function none(method: string, args: unknown[]): [] {
  if (args.length > 0) throw new InvalidArgumentsError(method, 'takes no arguments')
  return []
}

const GENERATE_KINDS: GenerateKind[] = ['secret', 'secret-alnum32', 'rsa-2048', 'ed25519']

/** Validates untrusted arguments for each method; returns them typed. */
export const validateArgs: { [M in HookscopeMethodName]: (args: unknown[]) => ArgsOf<M> } = {
  getStatus: (args) => none('getStatus', args),
  listCaptures: (args) => [listQuery(args[0])],
  countCaptures: (args) => [listQuery(args[0])],
  getCapture: (args) => [id('getCapture', args[0])],
  deleteCapture: (args) => [id('deleteCapture', args[0])],
  pinCapture: (args) => {
    if (typeof args[1] !== 'boolean') throw new InvalidArgumentsError('pinCapture', 'pinned must be true or false')
    return [id('pinCapture', args[0]), args[1]]
  },
  clearCaptures: (args) => none('clearCaptures', args),
  getDecodedBody: (args) => [id('getDecodedBody', args[0])],
  vaultStatus: (args) => none('vaultStatus', args),
  useVaultPassphrase: (args) => [text('useVaultPassphrase', args[0], 'passphrase', 1024)],
  keepKeysForSession: (args) => none('keepKeysForSession', args),
  useForPath: (args) => {
    const m = 'useForPath'
    const o = obj(m, args[0])
    return [
      {
        target: text(m, o.target, 'target', 8192),
        scheme: text(m, o.scheme, 'scheme', 64),
        ...(o.material !== undefined ? { material: text(m, o.material, 'material', 64 * 1024) } : {}),
        ...(o.keyIds !== undefined ? { keyIds: keyIdList(m, o.keyIds, 20) } : {}),
        params: stringParams(m, o.params)
      }
    ]
  },
  bindReturnedKey: (args) => {
    const m = 'bindReturnedKey'
    const o = obj(m, args[0])
    return [{ endpointId: id(m, o.endpointId), name: text(m, o.name, 'name', 200), material: text(m, o.material, 'material', 64 * 1024) }]
  },
  reverifyCaptures: (args) => {
    const m = 'reverifyCaptures'
    const o = obj(m, args[0])
    const out: { ids?: number[]; endpointId?: number; verdict?: Verdict } = {}
    if (o.ids !== undefined) {
      if (!Array.isArray(o.ids) || o.ids.length > 10_000) throw new InvalidArgumentsError(m, 'ids must be at most 10 000 capture ids')
      out.ids = o.ids.map((i) => id(m, i))
    }
    if (o.endpointId !== undefined) out.endpointId = id(m, o.endpointId)
    if (o.verdict !== undefined) {
      if (!(VERDICTS as readonly unknown[]).includes(o.verdict)) throw new InvalidArgumentsError(m, 'unknown verdict')
      out.verdict = o.verdict as Verdict
    }
    if (!out.ids && out.endpointId === undefined && !out.verdict) throw new InvalidArgumentsError(m, 'give ids, an endpoint or a verdict')
    return [out]
  },
  importCaptures: (args) => {
    const m = 'importCaptures'
    const o = obj(m, args[0])
    // Empty data is the importer's to refuse ("nothing to import"), not a size problem.
    if (!(o.data instanceof Uint8Array) || o.data.length > 50 * 1024 * 1024)
      throw new InvalidArgumentsError(m, 'data must be bytes, at most 50 MiB')
    return [{ data: o.data, ...(o.name !== undefined ? { name: text(m, o.name, 'name', 500) } : {}) }]
  },
  exportCaptures: (args) => [exportRequest(args[0])],
  fetchCertificate: (args) => {
    const m = 'fetchCertificate'
    const o = obj(m, args[0])
    return [{ id: id(m, o.id), scheme: text(m, o.scheme, 'scheme', 64) }]
  },
  listKeys: (args) => none('listKeys', args),
  importKey: (args) => {
    const o = obj('importKey', args[0])
    return [{ name: text('importKey', o.name, 'name', 200), material: text('importKey', o.material, 'material', 64 * 1024) }]
  },
  generateKey: (args) => {
    const o = obj('generateKey', args[0])
    if (!GENERATE_KINDS.includes(o.kind as GenerateKind))
      throw new InvalidArgumentsError('generateKey', `kind must be one of ${GENERATE_KINDS.join(', ')}`)
    return [{ name: text('generateKey', o.name, 'name', 200), kind: o.kind as GenerateKind }]
  },
  revealKey: (args) => [id('revealKey', args[0])],
  deleteKey: (args) => [id('deleteKey', args[0])],
  listEndpoints: (args) => none('listEndpoints', args),
  saveEndpoint: (args) => [endpointInput(args[0])],
  deleteEndpoint: (args) => [id('deleteEndpoint', args[0])],
  getSettings: (args) => none('getSettings', args),
  sendRequest: (args) => {
    const m = 'sendRequest'
    const r = obj(m, args[0])
    const url = text(m, r.url, 'url', 4000)
    if (!/^https?:\/\//.test(url)) throw new InvalidArgumentsError(m, 'url must be http:// or https://')
    const headers = r.headers
    if (
      !Array.isArray(headers) ||
      headers.length > 500 ||
      headers.some(
        (h) => !Array.isArray(h) || h.length !== 2 || typeof h[0] !== 'string' || typeof h[1] !== 'string' || /[\r\n]/.test(h[0] + h[1])
      )
    ) {
      throw new InvalidArgumentsError(m, 'headers must be [name, value] pairs without line breaks')
    }
    if (!(r.body instanceof Uint8Array) || r.body.length > 25 * 1024 * 1024)
      throw new InvalidArgumentsError(m, 'body must be bytes, at most 25 MiB')
    if (!/^[A-Z]{1,16}$/.test(String(r.method))) throw new InvalidArgumentsError(m, 'method must be an upper-case HTTP method')
    const o = args[1] === undefined ? {} : obj(m, args[1])
    let sign: { scheme: string; keyId: number; params: Record<string, string> } | null = null
    if (o.sign !== undefined && o.sign !== null) {
      const sg = obj(m, o.sign)
      const params = sg.params === undefined ? {} : obj(m, sg.params)
      sign = { scheme: text(m, sg.scheme, 'sign.scheme', 100), keyId: id(m, sg.keyId), params: params as Record<string, string> }
    }
    return [
      { method: r.method as string, url, headers: headers as [string, string][], body: r.body },
      {
        sign,
        dryRun: o.dryRun === true,
        insecureTls: o.insecureTls === true,
        ...(typeof o.timeoutMs === 'number' ? { timeoutMs: Math.min(Math.max(o.timeoutMs, 100), 120_000) } : {})
      }
    ]
  },
  listSent: (args) => none('listSent', args),
  probeReceiver: (args) => {
    const [request] = validateArgs.sendRequest([args[0], {}])
    const o = obj('probeReceiver', args[1])
    const params = o.params === undefined ? {} : obj('probeReceiver', o.params)
    return [
      request,
      {
        scheme: text('probeReceiver', o.scheme, 'scheme', 100),
        keyId: id('probeReceiver', o.keyId),
        params: params as Record<string, string>
      }
    ]
  },
  getSent: (args) => [id('getSent', args[0])],
  replayCaptures: (args) => {
    const m = 'replayCaptures'
    const ids = args[0]
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || ids.some((i) => !Number.isSafeInteger(i) || (i as number) < 1))
      throw new InvalidArgumentsError(m, 'ids must be 1–1000 capture ids')
    const o = obj(m, args[1])
    const url = text(m, o.url, 'url', 2000)
    if (!/^https?:\/\//.test(url)) throw new InvalidArgumentsError(m, 'url must be http:// or https://')
    let resign: { scheme: string; keyId: number } | null = null
    if (o.resign !== undefined && o.resign !== null) {
      const r = obj(m, o.resign)
      resign = { scheme: text(m, r.scheme, 'resign.scheme', 100), keyId: id(m, r.keyId) }
    }
    const concurrency = o.concurrency === undefined ? 1 : o.concurrency
    if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
      throw new InvalidArgumentsError(m, 'concurrency must be 1–16')
    return [ids as number[], { url, resign, concurrency }]
  },
  startTunnel: (args) => {
    const m = 'startTunnel'
    const o = obj(m, args[0])
    const opt = (k: 'identityFile' | 'knownHostsFile' | 'publicHost') =>
      o[k] === undefined || o[k] === '' ? {} : { [k]: text(m, o[k], k, 4096) }
    if (
      o.remotePort !== undefined &&
      (typeof o.remotePort !== 'number' || !Number.isInteger(o.remotePort) || o.remotePort < 0 || o.remotePort > 65535)
    )
      throw new InvalidArgumentsError(m, 'remotePort must be a port number 0–65535')
    const port = typeof o.remotePort === 'number' && o.remotePort > 0 ? { remotePort: o.remotePort } : {}
    return [{ tunnel: text(m, o.tunnel, 'tunnel', 500), ...opt('identityFile'), ...opt('knownHostsFile'), ...opt('publicHost'), ...port }]
  },
  stopTunnel: (args) => none('stopTunnel', args),
  updateSettings: (args) => {
    const m = 'updateSettings'
    const o = obj(m, args[0])
    const n = (k: string): number => {
      if (typeof o[k] !== 'number' || !Number.isFinite(o[k])) throw new InvalidArgumentsError(m, `${k} must be a number`)
      return o[k] as number
    }
    if (typeof args[1] !== 'boolean') throw new InvalidArgumentsError(m, 'allowNonLoopback must be true or false')
    return [
      {
        listenHost: text(m, o.listenHost, 'listenHost', 255),
        listenPort: n('listenPort'),
        bodyLimit: n('bodyLimit'),
        keepLast: n('keepLast'),
        keepDays: n('keepDays'),
        forwardToLinkLocal: flag(m, o.forwardToLinkLocal, 'forwardToLinkLocal')
      },
      args[1]
    ]
  },
  listSchemes: (args) => none('listSchemes', args),
  saveScheme: (args) => {
    // Depth and size first: JSON.stringify below recurses on depth.
    if (typeof args[0] === 'object' && args[0] !== null) checkDefinitionShape(args[0])
    if (JSON.stringify(args[0] ?? null).length > 64 * 1024) throw new InvalidArgumentsError('saveScheme', 'definition is too large')
    return [args[0]]
  },
  deleteScheme: (args) => [text('deleteScheme', args[0], 'id', 64)],
  verifyCapture: (args) => {
    const m = 'verifyCapture'
    const o = obj(m, args[1])
    const keyIds = keyIdList(m, o.keyIds, 20)
    if (o.now !== undefined && (typeof o.now !== 'number' || !Number.isFinite(o.now)))
      throw new InvalidArgumentsError(m, 'now must be epoch milliseconds')
    return [
      id(m, args[0]),
      {
        scheme: text(m, o.scheme, 'scheme', 100),
        keyIds,
        ...(o.now !== undefined ? { now: o.now as number } : {}),
        params: stringParams(m, o.params)
      }
    ]
  }
}
