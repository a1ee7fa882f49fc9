/**
 * The backend seam, declared once. src/ imports its signing backend as `crypto/backend.js` (WebCrypto,
 * the universal build); the Node build and the tests' `node` project load `crypto/node.ts` (node:crypto)
 * in its place. tsup.config.ts and vitest.config.ts both take the swap from here. Which build a
 * runtime loads is the package's `exports` conditions (`node`, `deno`, `bun`), in package.json.
 */
/// <reference types="node" />
import { fileURLToPath } from 'node:url';

/** Any import of the universal backend, as src/ and test/ spell it (`../crypto/backend.js`, `../../src/crypto/backend.js`). */
export const UNIVERSAL_BACKEND = /^(?:\.\.?\/)+(?:src\/)?crypto\/backend\.js$/;

/** The file that replaces it in the Node build. */
export const NODE_BACKEND = fileURLToPath(new URL('src/crypto/node.ts', import.meta.url));
