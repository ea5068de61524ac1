/** One Adyen classic NotificationRequestItem (AUTHORISATION), unsigned, as the tests send them. */
export function adyenItem(psp: string, value: number) {
  return {
    NotificationRequestItem: {
      additionalData: { authCode: '1234' } as Record<string, string>,
      amount: { currency: 'EUR', value },
      eventCode: 'AUTHORISATION',
      merchantAccountCode: 'HookscopeECOM',
      merchantReference: `order-${psp}`,
      pspReference: psp,
      success: 'true'
    }
  }
}

/** A classic notification body with these items (pspReference, amount in minor units). */
export const adyenNotification = (items: [string, number][]) => ({
  live: 'false',
  notificationItems: items.map(([psp, v]) => adyenItem(psp, v))
})
