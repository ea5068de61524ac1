import type { Parameters } from 'fast-check'

/**
 * Property-test settings for the parsers' fuzz tests: a fixed seed and a time budget in the suite
 * (the same cases every run, so a failure reproduces), many more cases and a random seed under
 * `npm run fuzz` (HOOKSCOPE_FUZZ_RUNS, HOOKSCOPE_FUZZ_SEED). Each test reports how many cases ran.
 */
const longRuns = Number(process.env.HOOKSCOPE_FUZZ_RUNS ?? 0)
const seed =
  process.env.HOOKSCOPE_FUZZ_SEED !== undefined
    ? Number(process.env.HOOKSCOPE_FUZZ_SEED)
    : longRuns
      ? Date.now() % 2 ** 31
      : 20261206

export const FUZZ = {
  seed,
  /** fast-check parameters: `runs` cases in the suite (at most `budgetMs`), HOOKSCOPE_FUZZ_RUNS when set. */
  params<T>(runs: number, budgetMs = 8000): Parameters<T> {
    return longRuns
      ? { seed, numRuns: longRuns }
      : { seed, numRuns: runs, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false }
  },
  /** One line per property in the test output: what was run, with which seed. */
  count(name: string, cases: number): void {
    process.stdout.write(`[fuzz] ${name}: ${cases} cases, seed ${seed}\n`)
  }
}
