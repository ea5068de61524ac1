import type { RawHeaders } from '../model/capture'
import type { SchemeDefinition } from './schema'

/** The request as the engine sees it: exact bytes and headers, plus the URL it was sent to. */
export interface SignableRequest {
  method: string
  /** Full URL as the sender addressed it (for schemes that sign it), e.g. https://example.com/hook?x=1 */
  url: string
  headers: RawHeaders
  body: Uint8Array
}

export type {
  Algorithm,
  ContentPart,
  KeyForm,
  SchemeDefinition,
  SchemeDefinitionInput,
  SignatureEncoding,
  SignatureFormat,
  SignatureLocation,
  TimestampRule
} from './schema'

export interface KeyInput {
  /** Secret text, hex/base64 per the scheme's key form, PEM, bare base64 DER, JWK JSON — or raw bytes. */
  material: string | Uint8Array
  label?: string
}

export type FailureReason =
  | 'missing-header'
  | 'missing-timestamp'
  | 'missing-id'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'signature-mismatch'
  | 'stale-timestamp'
  | 'unsupported-key'
  | 'no-key'
  | 'missing-param'
  | 'invalid-scheme'
  | 'body-digest-mismatch'

export interface Finding {
  /** Machine-readable kind, e.g. `secret-base64`, `body-trailing-newline`, `other-scheme`. */
  kind: string
  message: string
  fix: string
  /** Another capture the finding is about (the earlier delivery with the same signature). */
  captureId?: number
}

export interface VerifyResult {
  valid: boolean
  reason: FailureReason | null
  scheme: string
  /** Plain-sentence explanation of the outcome. */
  message: string
  signedContent: Uint8Array | null
  /** The signed content's true length when a stored secret in it is shown masked (the mask has another length). */
  signedContentLength?: number
  expected: string | null
  received: string | null
  matchedKey: number | null
  timestamp: { value: string; ageSec: number; toleranceSec: number | null } | null
  /** The whole body is signed (false when only some fields are, or none). */
  bodyCovered: boolean
  /** What of the body is signed: all, these fields, or none. */
  coverage: { kind: 'all' | 'fields' | 'none'; fields: string[] }
  /** Per item, for batch schemes (Adyen classic): every item must be valid. */
  items?: { index: number; label: string | null; valid: boolean; reason: FailureReason | null; message: string }[]
  /**
   * Which documented reading of the signed content matched, when the scheme has several (UseePay form
   * deliveries); null for the main one.
   */
  variant?: string | null
  notices: string[]
  diagnosis: Finding[]
}

export interface VerifyOptions {
  /** Epoch milliseconds. */
  now: number
  params?: Record<string, string>
  /** Run the mistake finder on failure (default true). */
  diagnose?: boolean
  /** Schemes the mistake finder tries, to say "this is another provider's signature" (passed in: no global list). */
  otherSchemes?: readonly SchemeDefinition[]
  /** Only this reading of the signed content (an alternative's label, or "main"): an endpoint pinning one. */
  variant?: string
}

export interface SignOptions {
  now: number
  /** Sign this reading of the content (an alternative's label) instead of the main one. */
  variant?: string
  id?: string
  params?: Record<string, string>
}
