import * as v from 'valibot'
import { VERDICTS } from '../model/capture'
import { checkDefinitionShape } from '../signatures'
import type { HookscopeMethodName, HookscopeMethods } from './contract'
import {
  bytes,
  captureIds,
  flag,
  httpUrl,
  id,
  keyIds,
  none,
  num,
  object,
  oneOf,
  params,
  parseArgs,
  text
} from './validate-fields'
import { endpointInput, exportRequest, listQuery } from './validate-inputs'

type ArgsOf<M extends HookscopeMethodName> = Parameters<HookscopeMethods[M]>

const MiB = 1024 * 1024
const header = v.tuple([v.string(), v.string()], 'must be [name, value] pairs without line breaks')

const composed = object({
  method: v.pipe(
    v.string('must be an upper-case HTTP method'),
    v.regex(/^[A-Z]{1,16}$/, 'must be an upper-case HTTP method')
  ),
  url: httpUrl(4000),
  headers: v.pipe(
    v.array(header, 'must be [name, value] pairs without line breaks'),
    v.maxLength(500, 'must be at most 500 headers'),
    v.check((hs) => hs.every(([n, x]) => !/[\r\n]/.test(n + x)), 'must be [name, value] pairs without line breaks')
  ),
  body: bytes(25 * MiB, 'must be bytes, at most 25 MiB')
})

const composeOptions = v.pipe(
  v.optional(
    object({
      sign: v.optional(v.nullable(object({ scheme: text(100), keyId: id, params }))),
      dryRun: v.optional(v.unknown()),
      insecureTls: v.optional(v.unknown()),
      timeoutMs: v.optional(v.unknown())
    })
  ),
  // Flags are on only when true; a timeout is held to 0.1–120 s.
  v.transform((o) => ({
    sign: o?.sign ?? null,
    dryRun: o?.dryRun === true,
    insecureTls: o?.insecureTls === true,
    ...(typeof o?.timeoutMs === 'number' ? { timeoutMs: Math.min(Math.max(o.timeoutMs, 100), 120_000) } : {})
  }))
)

/** An optional text: absent or empty means not given. */
const optionalText = (max: number) =>
  v.pipe(
    v.optional(v.union([v.literal(''), text(max)], `must be a string of at most ${max} characters`)),
    v.transform((x) => (x ? x : undefined))
  )

/** Only the fields that hold a value. */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T

/**
 * Each method's arguments as a valibot tuple; the compiler checks each schema's output against the
 * contract's parameter types (a method without a schema does not compile).
 */
const ARGS: { [M in HookscopeMethodName]: v.GenericSchema<unknown, ArgsOf<M>> } = {
  getStatus: none,
  listCaptures: v.tuple([listQuery]),
  countCaptures: v.tuple([listQuery]),
  getCapture: v.tuple([id]),
  deleteCapture: v.tuple([id]),
  pinCapture: v.tuple([id, v.boolean('must be true or false')]),
  clearCaptures: none,
  getDecodedBody: v.tuple([id]),
  vaultStatus: none,
  useVaultPassphrase: v.tuple([text(1024)]),
  keepKeysForSession: none,
  useForPath: v.tuple([
    v.pipe(
      object({
        target: text(8192),
        scheme: text(64),
        material: v.optional(text(64 * 1024)),
        keyIds: v.optional(keyIds(20)),
        params
      }),
      v.transform(defined)
    )
  ]),
  bindReturnedKey: v.tuple([object({ endpointId: id, name: text(200), material: text(64 * 1024) })]),
  reverifyCaptures: v.tuple([
    v.pipe(
      object({
        ids: v.optional(captureIds(0, 10_000, 'must be at most 10 000 capture ids')),
        endpointId: v.optional(id),
        verdict: v.optional(v.picklist(VERDICTS, 'must be a known verdict'))
      }),
      v.check(
        (o) => o.ids !== undefined || o.endpointId !== undefined || o.verdict !== undefined,
        'give ids, an endpoint or a verdict'
      ),
      v.transform(defined)
    )
  ]),
  // Empty data is the importer's to refuse ("nothing to import"), not a size problem.
  importCaptures: v.tuple([
    v.pipe(
      object({ data: bytes(50 * MiB, 'must be bytes, at most 50 MiB'), name: v.optional(text(500)) }),
      v.transform(defined)
    )
  ]),
  exportCaptures: v.tuple([exportRequest]),
  fetchCertificate: v.tuple([object({ id, scheme: text(64) })]),
  confirmSubscription: v.tuple([object({ id, scheme: text(64) })]),
  listKeys: none,
  importKey: v.tuple([object({ name: text(200), material: text(64 * 1024) })]),
  generateKey: v.tuple([object({ name: text(200), kind: oneOf(['secret', 'secret-alnum32', 'rsa-2048', 'ed25519']) })]),
  revealKey: v.tuple([id]),
  deleteKey: v.tuple([id]),
  listEndpoints: none,
  saveEndpoint: v.tuple([endpointInput]),
  deleteEndpoint: v.tuple([id]),
  getSettings: none,
  sendRequest: v.tuple([composed, composeOptions]),
  listSent: none,
  probeReceiver: v.tuple([composed, object({ scheme: text(100), keyId: id, params })]),
  getSent: v.tuple([id]),
  replayCaptures: v.tuple([
    captureIds(1, 1000, 'must be 1–1000 capture ids'),
    object({
      url: httpUrl(2000),
      resign: v.optional(v.nullable(object({ scheme: text(100), keyId: id })), null),
      concurrency: v.optional(
        v.pipe(
          v.number('must be 1–16'),
          v.integer('must be 1–16'),
          v.minValue(1, 'must be 1–16'),
          v.maxValue(16, 'must be 1–16')
        ),
        1
      )
    })
  ]),
  startTunnel: v.tuple([
    v.pipe(
      object({
        tunnel: text(500),
        identityFile: optionalText(4096),
        knownHostsFile: optionalText(4096),
        publicHost: optionalText(4096),
        remotePort: v.optional(
          v.pipe(
            v.number('must be a port number 0–65535'),
            v.integer('must be a port number 0–65535'),
            v.minValue(0, 'must be a port number 0–65535'),
            v.maxValue(65535, 'must be a port number 0–65535')
          )
        )
      }),
      // Port 0: the server picks one (the same as none).
      v.transform((o) => defined({ ...o, remotePort: o.remotePort ? o.remotePort : undefined }))
    )
  ]),
  stopTunnel: none,
  updateSettings: v.tuple([
    object({
      listenHost: text(255),
      listenPort: num,
      bodyLimit: num,
      keepLast: num,
      keepDays: num,
      forwardToLinkLocal: flag
    }),
    v.boolean('must be true or false')
  ]),
  listSchemes: none,
  saveScheme: v.tuple([
    v.pipe(
      v.unknown(),
      // Depth and size first: JSON.stringify recurses on depth. The definition's own schema (signatures/schema.ts) checks the rest.
      v.check((d) => {
        if (typeof d === 'object' && d !== null) checkDefinitionShape(d)
        return true
      }),
      v.check((d) => JSON.stringify(d ?? null).length <= 64 * 1024, 'definition is too large')
    )
  ]),
  deleteScheme: v.tuple([text(64)]),
  verifyCapture: v.tuple([
    id,
    v.pipe(
      object({
        scheme: text(100),
        keyIds: keyIds(20),
        now: v.optional(v.pipe(v.number('must be epoch milliseconds'), v.finite('must be epoch milliseconds'))),
        params
      }),
      v.transform(defined)
    )
  ])
}

/** Validates untrusted arguments for each method; returns them typed. */
export const validateArgs = Object.fromEntries(
  (Object.entries(ARGS) as [string, v.GenericSchema<unknown, unknown[]>][]).map(([method, schema]) => [
    method,
    (args: unknown[]) => parseArgs(method, schema, args)
  ])
) as unknown as { [M in HookscopeMethodName]: (args: unknown[]) => ArgsOf<M> }
