/**
 * The conformance suite (test/conformance/) under vitest, on the backend the project selects
 * (webcrypto, or node:crypto in the 'node' project): every Wycheproof vector, through webjwt's own
 * signature step.
 */
import { it } from 'vitest';
import * as lib from '../src/index.js';
import { checkSignature, rethrowUnusable } from '../src/jws/signature.js';
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

registerConformance(harness, lib, {
  wycheproof: 'all',
  signatureStep: {
    checksKeyStrength: true,
    // As verify() runs it: the backend's own rejections of a key become a KeyError.
    verify: (...args) => {
      const verified = checkSignature(...args);
      return verified instanceof Promise ? verified.then(undefined, rethrowUnusable) : verified;
    },
  },
});
