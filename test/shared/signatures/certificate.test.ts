import { describe, expect, it } from 'vitest'
import { certificateUrl, getScheme, hostAllowed } from '@shared/signatures'
import { request } from './helpers'

describe('signing-certificate URLs', () => {
  it('a * in a pinned host stands for exactly one DNS label', () => {
    const sns = ['sns.*.amazonaws.com', 'sns.*.amazonaws.com.cn']
    expect(hostAllowed('sns.us-east-1.amazonaws.com', sns)).toBe(true)
    expect(hostAllowed('SNS.cn-north-1.amazonaws.com.cn', sns)).toBe(true)
    expect(hostAllowed('sns.a.b.amazonaws.com', sns)).toBe(false)
    expect(hostAllowed('sns.us-east-1.amazonaws.com.evil.test', sns)).toBe(false)
    expect(hostAllowed('evil-sns.us-east-1.amazonaws.com', sns)).toBe(false)
    expect(hostAllowed('sns..amazonaws.com', sns)).toBe(false)
  })

  it('reads the header (PayPal) or the JSON field (SNS), and names what is missing', () => {
    const paypal = getScheme('paypal')!
    expect(
      certificateUrl(
        request({ headers: [['PAYPAL-CERT-URL', 'https://api.paypal.com/v1/notifications/certs/C']] }),
        paypal
      )
    ).toEqual({
      url: 'https://api.paypal.com/v1/notifications/certs/C'
    })
    expect(certificateUrl(request({}), paypal)).toEqual({
      error: 'This delivery has no PAYPAL-CERT-URL naming the certificate.'
    })
    const body = JSON.stringify({ Type: 'Notification', SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/a.pem' })
    expect(certificateUrl(request({ body }), getScheme('sns')!)).toEqual({
      url: 'https://sns.eu-west-1.amazonaws.com/a.pem'
    })
    expect(certificateUrl(request({ body: '{' }), getScheme('sns')!)).toEqual({
      error: 'This delivery has no SigningCertURL naming the certificate.'
    })
    expect(certificateUrl(request({}), getScheme('stripe')!)).toBeNull()
  })
})
