import { dirname, resolve } from 'node:path';
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

/**
 * The subpath entries (webjwt/http, webjwt/session, the CLI) import the core as the package itself, `webjwt`, so an
 * application holds one copy of it: a JwtKey or JwtError from `webjwt` is the same class in
 * `webjwt/http`, and the core follows the `node` condition there too.
 */
const coreAsPackage: Plugin = {
  name: 'webjwt-core-as-package',
  setup(build) {
    const core = source('src/index.ts');
    build.onResolve({ filter: /\/index\.js$/ }, (args) =>
      resolve(dirname(args.importer), args.path).replace(/\.js$/, '.ts') === core ? { path: 'webjwt', external: true } : undefined,
    );
  },
};

// tsup's declaration build still passes baseUrl, which TypeScript 6 deprecates.
const dts = { compilerOptions: { ignoreDeprecations: '6.0' } };

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, dts, clean: true, platform: 'neutral' },
  { ...shared, entry: { 'node/index': 'src/index.ts' }, platform: 'node', esbuildPlugins: [nodeBackend] },
  { ...shared, entry: { http: 'src/http.ts', session: 'src/session.ts' }, dts, platform: 'neutral', external: ['webjwt'], esbuildPlugins: [coreAsPackage] },
  // Node-only, ESM only (top-level await); src/cli.ts starts with its #! line.
  { ...shared, entry: { cli: 'src/cli.ts' }, format: ['esm'], platform: 'node', target: 'node20', external: ['webjwt'], esbuildPlugins: [coreAsPackage] },
]);
