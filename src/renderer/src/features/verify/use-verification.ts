import { useEffect, useState } from 'react'
import { PROVIDER_SCHEMES, signableOf, verify, type SchemeDefinition, type VerifyResult } from '@shared/signatures'
import type { CapturedRequest } from '@shared/model/capture'
import type { Endpoint } from '@shared/model/vault'
import { useAppStore } from '../../store'

export type TimeMode = 'receipt' | 'now'

export interface Check {
  capture: CapturedRequest
  scheme: SchemeDefinition
  source: string
  key: string
  storedIds: number[]
  url: string
  timeMode: TimeMode
  params: Record<string, string>
  endpoint: Endpoint | undefined
}

/**
 * The verdict for the current choices, checked a moment after they stop changing: in this window with
 * a pasted key, else by the host with stored keys (only their ids travel).
 */
export function useVerification({ capture, scheme, source, key, storedIds, url, timeMode, params, endpoint }: Check) {
  const custom = useAppStore((st) => st.customSchemes)
  const verifyStored = useAppStore((st) => st.verifyStored)
  const [result, setResult] = useState<VerifyResult | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (source === 'paste' ? !key.trim() : storedIds.length === 0) {
      setResult(null)
      return
    }
    let live = true
    setBusy(true)
    const t = setTimeout(() => {
      const now = timeMode === 'receipt' ? capture.receivedAt : Date.now()
      const run =
        source === 'paste'
          ? verify(signableOf(capture, url), [{ material: key.trim() }], scheme, {
              now,
              params,
              otherSchemes: [...PROVIDER_SCHEMES, ...custom]
            })
          : verifyStored(capture.id, {
              scheme: scheme.id,
              keyIds: storedIds,
              now,
              params: { ...(endpoint?.params ?? {}), ...params }
            })
      void run.then(
        (r: VerifyResult | null) => {
          if (live) {
            setResult(r)
            setBusy(false)
          }
        },
        (err: unknown) => {
          if (live) {
            setResult(null)
            setBusy(false)
            console.warn('verification failed to run', (err as Error).name)
          }
        }
      )
    }, 150)
    return () => {
      live = false
      clearTimeout(t)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, scheme, url, timeMode, params, capture, source, storedIds.join(',')])
  return { result, setResult, busy }
}
