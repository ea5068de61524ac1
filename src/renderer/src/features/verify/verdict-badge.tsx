import type { CaptureSummary } from '@shared/model/capture'

const LABEL: Record<NonNullable<CaptureSummary['verdict']>, string> = {
  valid: 'valid',
  invalid: 'invalid',
  unsigned: 'unsigned',
  'no-key': 'no key',
  'key-locked': 'key locked',
  'not-covered': 'valid*'
}
const TITLE: Record<NonNullable<CaptureSummary['verdict']>, string> = {
  valid: 'Signature valid',
  invalid: 'Signature invalid',
  unsigned: 'No signature on an endpoint that expects one',
  'no-key': 'Signed, but no key is configured to check it',
  'key-locked': 'Signed; its key is locked until the vault passphrase is given (Unlock)',
  'not-covered': 'Valid, but the signature does not cover the body'
}

export function VerdictBadge({
  verdict,
  reason,
  replay
}: {
  verdict: NonNullable<CaptureSummary['verdict']>
  reason: string | null
  replay: boolean
}) {
  const cls =
    verdict === 'valid' || verdict === 'not-covered'
      ? 'badge-ok'
      : verdict === 'invalid' || verdict === 'unsigned'
        ? 'badge-bad'
        : 'badge-muted'
  return (
    <span
      className={`badge ${cls}`}
      title={`${TITLE[verdict]}${reason ? `: ${reason}` : ''}${replay ? ' · signature seen before (possible replay)' : ''}`}
      data-verdict={verdict}
    >
      {LABEL[verdict]}
      {replay ? ' ↻' : ''}
    </span>
  )
}
