import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { NODE_BACKEND, UNIVERSAL_BACKEND } from './backend.config.js';

/**
 * Two projects: everything on the universal WebCrypto backend, and every test that signs or verifies
 * again on the Node backend (node:crypto), which the `node` export condition selects in the package.
 * The second project swaps src/crypto/backend.ts for src/crypto/node.ts, as the Node build does
 * (both take the swap from backend.config.ts).
 */
/** The subpath modules import the core as the package, 'webjwt' (as tsconfig's paths say): src/index.ts. */
const core = { find: /^webjwt$/, replacement: fileURLToPath(new URL('src/index.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias: [core] },
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'webcrypto', include: ['test/**/*.test.ts'], env: { WEBJWT_BACKEND: 'webcrypto' } } },
      {
        extends: true,
        resolve: { alias: [core, { find: UNIVERSAL_BACKEND, replacement: NODE_BACKEND }] },
        test: {
          name: 'node',
          include: [
            'test/backend.test.ts',
            'test/vectors.test.ts',
            'test/conformance.test.ts',
            'test/sign-verify.test.ts',
            'test/interop.test.ts',
            'test/jwe-crypto.test.ts',
            'test/jwe.test.ts',
            'test/keys.test.ts',
            'test/keys-encryption.test.ts',
            'test/keys/**/*.test.ts',
            'test/verifier.test.ts',
            'test/verify-extras.test.ts',
            'test/security/**/*.test.ts',
          ],
          env: { WEBJWT_BACKEND: 'node' },
        },
      },
    ],
  },
});
