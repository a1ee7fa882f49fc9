// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // test/package/consumer.* are typechecked against the packed build by test/package/check.mjs.
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'test/.readme/', 'test/package/consumer.*'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'tsup.config.ts', 'vitest.config.ts'] },
        tsconfigRootDir: new URL('.', import.meta.url).pathname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests build hostile inputs on purpose and poke at thrown values.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // Plain Node scripts run after the build (package check, benchmark); linted without type information.
    files: ['test/package/check.mjs', 'bench/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        ...Object.fromEntries(
          ['process', 'console', 'URL', 'Buffer', 'crypto', 'TextEncoder', 'TextDecoder', 'atob', 'performance', 'setImmediate', 'setTimeout', 'clearTimeout', 'fetch'].map((name) => [name, 'readonly']),
        ),
        // bench/portable.mjs names its runtime.
        Deno: 'readonly',
        Bun: 'readonly',
      },
    },
  },
);
