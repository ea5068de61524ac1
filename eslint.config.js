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

// signatures/index.ts is the folder's only entry for code outside it.
const signaturesEntry = {
  group: ['@shared/signatures/*', '**/signatures/*'],
  message: "Import from '@shared/signatures' (its index.ts is the folder's only entry); export what is missing there."
}
const climb = {
  group: ['../../../*', '!../../../package.json'],
  message: 'Use an alias (@shared/…, @main/…, @renderer/…) instead of climbing three folders.'
}
/** src/main/services' domain folders: each one's index.ts is its only entry from outside it. */
const DOMAINS = ['capture', 'delivery', 'configuration', 'vault', 'tunnel', 'store']
const domainEntry = {
  group: DOMAINS.map((d) => `**/${d}/*`),
  message:
    "Import a domain through its folder (its index.ts is the only entry), e.g. '../store', not '../store/capture-db'."
}
/** src/shared's folders in layers, lowest first: a folder imports only those before it (docs/architecture.md). */
const SHARED_LAYERS = [['model'], ['http'], ['decode'], ['signatures'], ['api', 'diff', 'receiver-code', 'templates']]

// Exact names (a pattern would also match relative folders such as ../http).
const impure = [
  ...new Set([
    'electron',
    'react',
    'react-dom',
    'zustand',
    'ws',
    ...builtinModules.filter((m) => !m.startsWith('node:'))
  ])
]

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
      'import-x/no-duplicates': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [climb] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ],
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
              message:
                'The preload imports only the contract (src/shared/api/contract.ts) and HookscopeError (src/shared/errors.ts).'
            },
            // src/main: api → core (core.ts, core-methods.ts) → domains → store; never the other way.
            {
              target: './src/main/services',
              from: './src/main/api',
              message: 'src/main layers: api → core → domains → store; services never import the API layer.'
            },
            {
              target: DOMAINS.map((d) => `./src/main/services/${d}`),
              from: ['./src/main/services/core.ts', './src/main/services/core-methods.ts'],
              message: 'src/main layers: the core composes the domains; a domain never imports the core.'
            },
            {
              target: './src/main/services/store',
              from: DOMAINS.filter((d) => d !== 'store').map((d) => `./src/main/services/${d}`),
              message: 'src/main layers: the store persists and queries only; it imports no domain.'
            },
            // Type imports count: the rule reads every import declaration.
            ...SHARED_LAYERS.flatMap((layer, i) =>
              layer.map((folder) => ({
                target: `./src/shared/${folder}`,
                from: SHARED_LAYERS.slice(i + 1)
                  .flat()
                  .map((above) => `./src/shared/${above}`),
                message:
                  'src/shared layers: model ← http ← decode ← signatures ← api, diff, receiver-code, templates; ' +
                  `${folder} imports only layers below it.`
              }))
            ).filter((zone) => zone.from.length > 0)
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [climb, signaturesEntry] }] }
  },
  {
    files: ['src/main/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [climb, signaturesEntry, domainEntry] }] }
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impure.map((name) => ({
            name,
            message:
              'src/shared is pure TypeScript: no electron, node:*, React or zustand imports (docs/architecture.md).'
          })),
          patterns: [
            {
              group: ['node:*', 'electron/*', 'react/*', 'react-dom/*', 'zustand/*'],
              message:
                'src/shared is pure TypeScript: no electron, node:*, React or zustand imports (docs/architecture.md).'
            },
            { group: ['../../../*'], message: 'Use an alias (@shared/…) instead of climbing three folders.' },
            signaturesEntry
          ]
        }
      ]
    }
  },
  {
    // Size: a file holds one concern and a function one job. Data tables (the built-in schemes, the
    // code text receivers are generated from) are exempt.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/shared/signatures/schemes/**', 'src/shared/receiver-code/*-helpers.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }]
    }
  },
  {
    // Tests send hostile bytes on purpose.
    files: ['test/**/*.{ts,tsx,mjs}'],
    rules: { 'no-control-regex': 'off' }
  },
  prettier
)
