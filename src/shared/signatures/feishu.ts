import { fromBase64, fromUtf8, utf8 } from '../bytes'

/**
 * Feishu / Lark encrypted events: {"encrypt": base64(IV(16) || AES-256-CBC(PKCS#7))} with
 * key = SHA-256(Encrypt Key). Returns the plaintext JSON text.
 */
export async function decryptFeishuEvent(encryptKey: string, encrypt: string): Promise<string> {
  const subtle = globalThis.crypto.subtle
  const raw = fromBase64(encrypt)
  if (raw.length < 32 || raw.length % 16 !== 0)
    throw new Error('Not a Feishu encrypted payload: expected base64 of IV + AES blocks.')
  const keyBytes = new Uint8Array(await subtle.digest('SHA-256', utf8(encryptKey) as BufferSource))
  const key = await subtle.importKey('raw', keyBytes, { name: 'AES-CBC' }, false, ['decrypt'])
  try {
    const plain = await subtle.decrypt({ name: 'AES-CBC', iv: raw.slice(0, 16) }, key, raw.slice(16))
    return fromUtf8(new Uint8Array(plain))
  } catch {
    throw new Error('Decryption failed: wrong Encrypt Key, or the payload was changed.')
  }
}
