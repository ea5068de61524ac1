import { fromUtf8, utf8 } from '../bytes'
import { jsonPath } from './content'
import type { KeyInput, SchemeDefinition, SignableRequest, VerifyOptions, VerifyResult } from './types'

/** The batch items of a body (Adyen's notificationItems[].NotificationRequestItem), or null when it is not a batch. */
export function batchItems(
  body: Uint8Array,
  items: NonNullable<SchemeDefinition['items']>
): { doc: Record<string, unknown>; list: unknown[] } | null {
  try {
    const doc = JSON.parse(fromUtf8(body)) as Record<string, unknown>
    const list = jsonPath(doc, items.path)
    return Array.isArray(list) ? { doc, list } : null
  } catch {
    return null
  }
}

export const itemOf = (el: unknown, field: string | undefined): unknown =>
  field && el && typeof el === 'object' ? (el as Record<string, unknown>)[field] : el

/** Every item of a batch verified on its own; the delivery is valid only if all are. */
export async function verifyItems(
  req: SignableRequest,
  keys: readonly KeyInput[],
  scheme: SchemeDefinition,
  opts: VerifyOptions,
  /** How one item (as its own request) is verified: with the scheme's readings. */
  verifyOne: (
    req: SignableRequest,
    keys: readonly KeyInput[],
    scheme: SchemeDefinition,
    opts: VerifyOptions
  ) => Promise<VerifyResult>
): Promise<VerifyResult | null> {
  const batch = scheme.items ? batchItems(req.body, scheme.items) : null
  if (!batch || batch.list.length === 0) return null
  const single = { ...scheme, items: undefined }
  const results: VerifyResult[] = []
  for (const el of batch.list)
    results.push(
      await verifyOne({ ...req, body: utf8(JSON.stringify(itemOf(el, scheme.items!.field) ?? {})) }, keys, single, opts)
    )
  const items = results.map((r, index) => {
    const item = itemOf(batch.list[index], scheme.items!.field) as Record<string, unknown> | undefined
    return {
      index,
      label: typeof item?.pspReference === 'string' ? item.pspReference : null,
      valid: r.valid,
      reason: r.reason,
      message: r.message
    }
  })
  const bad = results.findIndex((r) => !r.valid)
  const base = bad < 0 ? results[0]! : results[bad]!
  const n = results.length
  return {
    ...base,
    items,
    valid: bad < 0,
    message:
      bad < 0
        ? `All ${n} item${n > 1 ? 's' : ''} carry a valid ${scheme.name} signature.`
        : `Item ${bad + 1} of ${n}${items[bad]!.label ? ` (${items[bad]!.label})` : ''}: ${base.message} ` +
          `${items.filter((i) => i.valid).length} of ${n} valid.`
  }
}
