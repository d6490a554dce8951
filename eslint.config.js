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
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
);
