import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const shared: Options = {
  format: ['esm', 'cjs'],
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
};

/** The Node build: src/crypto/backend.ts swapped for src/crypto/node.ts (node:crypto), as in the tests. */
const nodeBackend: Plugin = {
  name: 'webjwt-node-backend',
  setup(build) {
    build.onResolve({ filter: /\/crypto\/backend\.js$/ }, () => ({ path: source('src/crypto/node.ts') }));
  },
};

// tsup's declaration build still passes baseUrl, which TypeScript 6 deprecates.
const dts = { compilerOptions: { ignoreDeprecations: '6.0' } };

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, dts, clean: true, platform: 'neutral' },
  { ...shared, entry: { 'node/index': 'src/index.ts' }, platform: 'node', esbuildPlugins: [nodeBackend] },
  // The subpath entries (webjwt/http, webjwt/session, webjwt/client, the CLI) import the core as the package itself,
  // 'webjwt' (tsconfig paths point it at src/ for the typecheck), so an application holds one copy
  // of it and its types: a JwtKey or JwtError from 'webjwt' is the same class in 'webjwt/http', and
  // the core follows the `node` condition there too.
  { ...shared, entry: { http: 'src/http.ts', session: 'src/session.ts', client: 'src/client.ts' }, dts, platform: 'neutral', external: ['webjwt'] },
  // Node-only, ESM only (top-level await); src/cli.ts starts with its #! line.
  { ...shared, entry: { cli: 'src/cli.ts' }, format: ['esm'], platform: 'node', target: 'node20', external: ['webjwt'] },
]);
