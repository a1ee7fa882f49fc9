// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** src/ folders by layer, lowest first; and the entry modules, which nothing below them imports. */
const LAYERS = ['lib', 'jwa', 'crypto', 'keys', 'jws', 'jwt', 'jwe'];
const ENTRIES = ['index', 'http', 'session', 'cli', 'client'];
const NO_NODE = { group: ['node:*'], message: 'src/ must run without Node; only src/crypto/node.ts and the CLI may use node: modules' };

export default defineConfig(
  // test/package/consumer.* are typechecked against the packed build by test/package/check.mjs.
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'test/.readme/', 'test/package/consumer.*'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'tsup.config.ts', 'vitest.config.ts', 'backend.config.ts'] },
        tsconfigRootDir: new URL('.', import.meta.url).pathname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A parameter a contract needs but one implementation ignores is named with a leading _.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The universal build runs where there is no Node: no node: modules, no Node globals. The Node
    // backend and the CLI are Node-only by design.
    files: ['src/**/*.ts'],
    ignores: ['src/crypto/node.ts', 'src/cli.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_NODE] }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', 'global', 'setImmediate', '__dirname', '__filename'],
    },
  },
  // The layers, lowest first: each folder imports only the folders below it (and src/types.ts).
  ...LAYERS.map((layer, i) => ({
    files: [`src/${layer}/**/*.ts`],
    ignores: layer === 'crypto' ? ['src/crypto/node.ts'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_NODE,
            {
              group: [...LAYERS.slice(i + 1).map((above) => `../${above}/*`), ...ENTRIES.map((entry) => `../${entry}.js`)],
              message: `src/${layer}/ is below ${LAYERS.slice(i + 1).join(', ')} and the entry modules: it must not import them (README: Architecture)`,
            },
          ],
        },
      ],
    },
  })),
  {
    // Subpath entries are bundled apart from the core and import it as the package 'webjwt' (see
    // tsup.config.ts): anything with identity or state (keys, errors, sign, verify) and every core
    // type must come from 'webjwt', or the application would hold two copies of the code or of its
    // declarations. Pure helpers may be copied.
    files: ['src/http/**/*.ts', 'src/session/**/*.ts', 'src/client/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                './index.js',
                '../*.js',
                '../*/**',
                '!../lib/time.js',
                '!../lib/base64url.js',
                '!../lib/cookie.js',
                '!../lib/options.js',
                '!../lib/within.js',
                '!../crypto/webcrypto.js',
                '!../jwa/algorithms.js',
                '!../jwa/encryption.js',
              ],
              message: "import the core as 'webjwt': a second copy of keys or errors breaks JwtKey and instanceof",
            },
          ],
        },
      ],
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
    // Plain Node scripts run after the build (package check, benchmark, demo); linted without type information.
    files: ['test/package/*.mjs', 'test/runtimes/*.mjs', 'bench/*.mjs', 'examples/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        ...Object.fromEntries(
          [
            'process',
            'console',
            'URL',
            'Buffer',
            'crypto',
            'TextEncoder',
            'TextDecoder',
            'atob',
            'performance',
            'setImmediate',
            'setTimeout',
            'clearTimeout',
            'fetch',
          ].map((name) => [name, 'readonly']),
        ),
        // bench/portable.mjs names its runtime.
        Deno: 'readonly',
        Bun: 'readonly',
      },
    },
  },
);
