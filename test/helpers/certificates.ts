import { createSign, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import CRC32 from 'crc-32'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)

/** An RSA key pair and a self-signed certificate for it (CN as PayPal's), valid from `from` to `to` (ms). */
export async function selfSignedCertificate(from: number, to: number): Promise<{ pem: string; privatePem: string }> {
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048
  }
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=messageverificationcerts.paypal.com',
    notBefore: new Date(from),
    notAfter: new Date(to),
    signingAlgorithm: alg,
    keys
  })
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64')
  return {
    pem: cert.toString('pem'),
    privatePem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`
  }
}

/** A PayPal delivery signed by `privatePem` (transmission id | time | webhook id | CRC-32 of the body), naming `certUrl`. */
export function paypalDelivery(privatePem: string, certUrl: string, webhookId: string) {
  const body = '{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_type":"PAYMENT.CAPTURE.COMPLETED"}'
  const id = 'b2384410-f8d2-11ec-8fdc-37b2d1e9d1b0'
  const time = '2026-12-07T08:59:50Z'
  const sig = createSign('RSA-SHA256')
    .update(`${id}|${time}|${webhookId}|${CRC32.str(body) >>> 0}`)
    .sign(privatePem, 'base64')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'paypal-transmission-id': id,
      'paypal-transmission-time': time,
      'paypal-transmission-sig': sig,
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': certUrl
    }
  }
}
