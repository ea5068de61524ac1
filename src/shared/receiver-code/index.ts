import { getScheme, type SchemeDefinition } from '../signatures'
import { nodeCode } from './node'
import { otherCode } from './other'
import { plan } from './plan'
import { pythonCode } from './python'

export { CodegenUnsupported } from './plan'
export { nodeName, pythonName } from './python'

export type Language = 'node' | 'python' | 'go' | 'java' | 'php'
export const LANGUAGES: Language[] = ['node', 'python', 'go', 'java', 'php']

export interface Snippet {
  language: Language
  code: string
}

/**
 * Receiver code for a scheme; throws CodegenUnsupported for shapes it does not cover. Node and
 * Python cover every family (HMAC, hashes, RSA, ECDSA, Ed25519, body-carried, per-item, versioned);
 * Go, Java and PHP cover HMAC signatures in a header. `resolve` finds the schemes a versioned scheme uses.
 */
export function receiverCode(
  s: SchemeDefinition,
  language: Language,
  resolve: (id: string) => SchemeDefinition | undefined = getScheme
): Snippet {
  const p = plan(s, resolve)
  const code = language === 'node' ? nodeCode(p) : language === 'python' ? pythonCode(p) : otherCode(language, p)
  return { language, code }
}
