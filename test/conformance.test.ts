/**
 * The conformance suite (test/conformance/) under vitest, on the backend the project selects
 * (webcrypto, or node:crypto in the 'node' project): every Wycheproof vector, through webjwt's own
 * signature step; jose for the JWE interop tests.
 */
import * as jose from 'jose';
import { it } from 'vitest';
import * as lib from '../src/index.js';
import { signatureFailure, verifySignature } from '../src/jws/signature.js';
import { prepareKey } from '../src/keys/key.js';
import { registerConformance } from './conformance/suite.js';

const harness = {
  test: (name: string, fn: () => unknown) => {
    it(name, async () => {
      await fn();
    });
  },
  skip: (name: string, reason: string) => {
    it.skip(`${name} (skipped: ${reason})`);
  },
};

await registerConformance(harness, lib, {
  wycheproof: 'all',
  jose,
  signatureStep: {
    checksKeyStrength: true,
    // As verify() runs it: the key prepared for the algorithm (fit, strength), the signature checked
    // (exact length, the backend), the backend's own rejections of a key as a KeyError.
    verify: async (key, alg, data, signature, allowWeakKeys) => {
      const prepared = prepareKey(key, alg, 'verify', allowWeakKeys);
      try {
        return await verifySignature(prepared, data, signature);
      } catch (cause) {
        throw signatureFailure(cause);
      }
    },
  },
});
