import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
};

/** The Node build: src/crypto/backend.ts swapped for src/crypto/node.ts (node:crypto), as in the tests. */
const nodeBackend: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'webjwt-node-backend',
  setup(build) {
    build.onResolve({ filter: /\/crypto\/backend\.js$/ }, () => ({ path: fileURLToPath(new URL('src/crypto/node.ts', import.meta.url)) }));
  },
};

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    // tsup's declaration build still passes baseUrl, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    clean: true,
    platform: 'neutral',
  },
  {
    ...shared,
    entry: { 'node/index': 'src/index.ts' },
    platform: 'node',
    esbuildPlugins: [nodeBackend],
  },
]);
