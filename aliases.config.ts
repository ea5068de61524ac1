import { resolve } from 'node:path'

/** Import aliases for Vite, electron-vite and Vitest; tsconfig.base.json `paths` says the same for TypeScript. */
export const aliases = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@main': resolve(import.meta.dirname, 'src/main'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
  '@preload': resolve(import.meta.dirname, 'src/preload')
}
