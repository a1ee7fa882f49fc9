/**
 * The conformance suite: written once, bundled with the packed library, and run unchanged in every
 * runtime by test/runtimes/run.mjs. It uses only what every runtime shares (globalThis.crypto,
 * TextEncoder/TextDecoder, Response) and its vectors are bundled JSON, never read from disk.
 */
import { createHarness, type SuiteResult } from './harness.js';
import type { Library } from './support.js';
import { registerClaims } from './suite/claims.js';
import { registerKeys } from './suite/keys.js';
import { registerVectors } from './suite/vectors.js';
import { registerWycheproof } from './suite/wycheproof.js';

export type { SuiteResult } from './harness.js';

/** Runs every conformance test against `lib` (the package's exports) and reports the outcome. */
export function runConformance(lib: Library): Promise<SuiteResult> {
  const { test, run } = createHarness();
  for (const register of [registerVectors, registerWycheproof, registerKeys, registerClaims]) register({ test, lib });
  return run();
}
