import { fromUtf8 } from '../bytes'
import { SCHEMES } from './registry'
import type { SchemeDefinition, SignableRequest } from './types'

export interface Detection {
  scheme: string
  name: string
  score: number
  evidence: string[]
}

/**
 * Ranks schemes by what the request shows: each expected header present adds weight (the
 * first, usually the signature header, most), a body hint adds a little. Evidence says why.
 */
export function detect(req: SignableRequest, schemes: readonly SchemeDefinition[] = SCHEMES): Detection[] {
  const present = new Map(req.headers.map(([n, v]) => [n.toLowerCase(), v]))
  const head = fromUtf8(req.body.subarray(0, 64 * 1024))
  const out: Detection[] = []
  for (const s of schemes) {
    if (!s.detect) continue
    const evidence: string[] = []
    let score = 0
    s.detect.headers.forEach((h, i) => {
      if (present.has(h)) {
        score += i === 0 ? 10 : 3
        evidence.push(`header ${h}`)
      }
    })
    if (s.detect.headers.length > 0 && !present.has(s.detect.headers[0]!)) continue
    if (s.detect.bodyHint && head.includes(s.detect.bodyHint)) {
      score += 2
      evidence.push(`body contains ${s.detect.bodyHint}`)
    }
    if (score > 0) out.push({ scheme: s.id, name: s.name, score, evidence })
  }
  // More specific matches (more evidence) first; ties keep the catalog order.
  return out.sort((a, b) => b.score - a.score)
}
