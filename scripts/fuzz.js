// `npm run fuzz [-- RUNS [SEED]]`: the parsers' property tests with many more cases than the suite runs
// (20 000 each by default) and a fresh seed, printed so a failure can be replayed with HOOKSCOPE_FUZZ_SEED.
import { spawnSync } from 'node:child_process'

const [runs = '20000', seed] = process.argv.slice(2)
const files = [
  'test/shared/import-hardening.test.ts',
  'test/shared/decode/decode-properties.test.ts',
  'test/main/decompress-hardening.test.ts',
  'test/main/scheme-hardening.test.ts'
]
const env = { ...process.env, HOOKSCOPE_FUZZ_RUNS: runs, ...(seed ? { HOOKSCOPE_FUZZ_SEED: seed } : {}) }
const r = spawnSync('npx', ['vitest', 'run', '--testTimeout', '0', '-t', 'property|never throws|total', ...files], {
  stdio: 'inherit',
  env
})
process.exit(r.status ?? 1)
