import { describe, expect, it } from 'vitest'
import { getScheme, paramSource } from '@shared/signatures'

// Where a delivery carries a setting itself, the Verify panel and the endpoint form say so in the field.
describe('paramSource: settings a delivery may carry itself', () => {
  it('names the signature header key (Hygraph env=) and a header a param part reads (Tini App client key)', () => {
    expect(paramSource(getScheme('hygraph')!, 'env')).toBe('env= in gcms-signature')
    expect(paramSource(getScheme('tiki-tiniapp')!, 'clientKey')).toBe('the X-Tiniapp-Client-Id header')
  })

  it('is null for a setting only the user gives (PayPal webhookId) and for a name the scheme does not use', () => {
    expect(paramSource(getScheme('paypal')!, 'webhookId')).toBeNull()
    expect(paramSource(getScheme('hygraph')!, 'webhookId')).toBeNull()
  })
})
