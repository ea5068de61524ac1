import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { aliases } from './aliases.config'

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        resolve: { alias: aliases },
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/shared/**/*.test.ts',
            'test/main/**/*.test.ts',
            'test/renderer/lib/**/*.test.ts',
            'test/repo/**/*.test.ts'
          ],
          testTimeout: 30_000
        }
      },
      {
        resolve: { alias: aliases },
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx']
        }
      },
      {
        resolve: { alias: aliases },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // The e2e suites spawn hosts and a browser; on 2 cores they run one at a time.
          fileParallelism: false
        }
      }
    ]
  }
})
