import { defineConfig, type Options } from 'tsup';
import { NODE_BACKEND, UNIVERSAL_BACKEND } from './backend.config.js';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const shared: Options = {
  sourcemap: false,
  target: 'es2022',
};

/** The Node build: the universal backend swapped for node:crypto's, as in the tests (backend.config.ts). */
const nodeBackend: Plugin = {
  name: 'webjwt-node-backend',
  setup(build) {
    build.onResolve({ filter: UNIVERSAL_BACKEND }, () => ({ path: NODE_BACKEND }));
  },
};

// tsup's declaration build still passes baseUrl, which TypeScript 6 deprecates.
const compilerOptions = { ignoreDeprecations: '6.0' };
const PUBLIC = { index: 'src/index.ts', http: 'src/http.ts', session: 'src/session.ts', client: 'src/client.ts' };

export default defineConfig([
  // The universal ESM build, one file per src/ module (bundle: false), so that a bundler keeps only
  // the modules an application reaches (package.json has "sideEffects": false): `import { decode }`
  // does not carry verification. The CLI and the Node backend are not part of it.
  {
    ...shared,
    entry: ['src/**/*.ts', '!src/cli.ts', '!src/cli/**', '!src/crypto/node.ts'],
    format: ['esm'],
    bundle: false,
    platform: 'neutral',
    clean: true,
  },
  // Declarations, one file per public entry, for both module kinds (.d.ts and .d.cts).
  { ...shared, entry: PUBLIC, format: ['esm', 'cjs'], dts: { only: true, compilerOptions }, external: ['webjwt'] },
  // CommonJS is for Node's require(), which does not tree-shake: one bundled file per entry.
  { ...shared, entry: { index: 'src/index.ts' }, format: ['cjs'], treeshake: true, platform: 'neutral' },
  // The subpath entries (webjwt/http, webjwt/session, webjwt/client, the CLI) import the core as the package itself,
  // 'webjwt' (tsconfig paths point it at src/ for the typecheck), so an application holds one copy
  // of it and its types: a JwtKey or JwtError from 'webjwt' is the same class in 'webjwt/http', and
  // the core follows the `node` condition there too.
  {
    ...shared,
    entry: { http: 'src/http.ts', session: 'src/session.ts', client: 'src/client.ts' },
    format: ['cjs'],
    treeshake: true,
    platform: 'neutral',
    external: ['webjwt'],
  },
  // The Node build (the `node` condition), bundled: a server does not tree-shake.
  {
    ...shared,
    entry: { 'node/index': 'src/index.ts' },
    format: ['esm', 'cjs'],
    treeshake: true,
    platform: 'node',
    esbuildPlugins: [nodeBackend],
  },
  // Node-only, ESM only (top-level await); src/cli.ts starts with its #! line.
  { ...shared, entry: { cli: 'src/cli.ts' }, format: ['esm'], treeshake: true, platform: 'node', target: 'node20', external: ['webjwt'] },
]);
