// Lint: typescript-eslint's recommended rules plus the layering docs/architecture.md describes:
// src/shared is pure, the renderer never reaches into main, the preload sees only the contract (and its error),
// and no import cycles anywhere. Formatting is Prettier's (eslint-config-prettier turns style rules off).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

// Exact names (a pattern would also match relative folders such as ../http).
const impure = [...new Set(['electron', 'react', 'react-dom', 'zustand', 'ws', ...builtinModules.filter((m) => !m.startsWith('node:'))])]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'docs/**', 'test/fixtures/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json'],
          noWarnOnMultipleProjects: true
        })
      ]
    },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../../*', '!../../../package.json'],
              message: 'Use an alias (@shared/…, @main/…, @renderer/…) instead of climbing three folders.'
            }
          ]
        }
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  },
  {
    // Layering: each zone names what a folder may not import.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/shared',
              from: ['./src/main', './src/renderer', './src/preload'],
              message: 'src/shared is pure: it imports nothing from main, renderer or preload.'
            },
            {
              target: './src/renderer',
              from: ['./src/main', './src/preload'],
              message: 'The renderer never imports main or preload: it talks to the host through the contract only.'
            },
            {
              target: './src/preload',
              from: ['./src/main', './src/renderer'],
              message: 'The preload imports only the contract and its error.'
            },
            {
              target: './src/preload',
              from: './src/shared',
              except: ['./api/contract.ts', './errors.ts'],
              message: 'The preload imports only the contract (src/shared/api/contract.ts) and HookscopeError (src/shared/errors.ts).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impure.map((name) => ({
            name,
            message: 'src/shared is pure TypeScript: no electron, node:*, React or zustand imports (docs/architecture.md).'
          })),
          patterns: [
            {
              group: ['node:*', 'electron/*', 'react/*', 'react-dom/*', 'zustand/*'],
              message: 'src/shared is pure TypeScript: no electron, node:*, React or zustand imports (docs/architecture.md).'
            },
            { group: ['../../../*'], message: 'Use an alias (@shared/…) instead of climbing three folders.' }
          ]
        }
      ]
    }
  },
  {
    // Tests send hostile bytes on purpose.
    files: ['test/**/*.{ts,tsx,mjs}'],
    rules: { 'no-control-regex': 'off' }
  },
  prettier
)
