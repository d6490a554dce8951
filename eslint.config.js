import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { LAYERS } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'test-artifacts/**', 'bench/results/**', 'src/charts/dashboard-types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read once, in src/config.ts (DESIGN.md principle 1).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/config.ts.' }],
    },
  },
  // Imports point one way (eslint.layers.js).
  ...LAYERS,
  { files: ['src/config.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'vitest.config.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    // Test files share their modules within a worker (vitest.config.ts, isolate: false): a test that
    // replaced a module, a timer or a global would leave it replaced for the next file.
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'hoisted', 'useFakeTimers', 'stubGlobal', 'stubEnv', 'resetModules'].map((property) => ({
          object: 'vi',
          property,
          message: 'Test files share their modules within a worker (vitest.config.ts): pass a clock or a dependency instead.',
        })),
      ],
    },
  },
  {
    // npm run test:unit is pure code: what opens a database, a server, a browser, Redis or a
    // process belongs in tests/integration or tests/e2e.
    files: ['tests/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'mongoose', 'ioredis', 'bullmq', 'playwright-core', 'node:net', 'node:http', 'node:https', 'node:child_process'].map(
            (name) => ({ name, message: 'tests/unit is pure code: move this test to tests/integration or tests/e2e.' }),
          ),
          patterns: [
            {
              regex: '(^|/)(store/sqlite/sqlite\\.store|store/open-store|app|process/serve|helpers/(browser|processes|queues|service|fake-[a-z-]+))\\.js$',
              message: 'tests/unit is pure code: move this test to tests/integration or tests/e2e.',
            },
          ],
        },
      ],
    },
  },
  {
    // A migration's SQL is the text databases ran: a spliced-in constant could change it later.
    files: ['src/store/sqlite/migrations/*.migration.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TemplateLiteral[expressions.length>0]', message: 'Write the SQL out in full: no ${…} in a migration.' },
        { selector: 'BinaryExpression[operator="+"]', message: 'Write the SQL out in full: no concatenation in a migration.' },
      ],
    },
  },
  {
    // The dashboard: plain ES modules run by the browser (and, for the shared chart modules, by Node).
    files: ['dashboards/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      ecmaVersion: 2023,
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'location',
          'history',
          'localStorage',
          'sessionStorage',
          'fetch',
          'URL',
          'URLSearchParams',
          'Intl',
          'console',
          'Node',
          'HTMLElement',
          'getComputedStyle',
          'setTimeout',
          'clearTimeout',
          'requestAnimationFrame',
          'IntersectionObserver',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
);
