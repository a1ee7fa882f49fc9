/**
 * The conformance suite, written once against the library as a parameter: vitest registers it on
 * both backends (test/conformance.test.ts) and test/runtimes/run.mjs bundles it with the packed
 * package for every runtime. It uses only what every runtime shares (globalThis.crypto,
 * TextEncoder/TextDecoder, Response) and its vectors are bundled JSON, never read from disk.
 */
import { registerClaims } from './claims.js';
import { createRunner, type Harness, type SuiteResult } from './harness.js';
import { registerJwe } from './jwe.js';
import { registerKeys } from './keys.js';
import { suiteContext, type ConformanceOptions, type Library } from './support.js';
import { registerVectors } from './vectors.js';
import { registerWycheproof } from './wycheproof.js';

export type { Harness, SuiteResult } from './harness.js';
export type { ConformanceOptions, Jose, Library, SignatureStep } from './support.js';

/**
 * Registers every conformance test for `lib` (the package's exports) with `harness`. Asynchronous
 * because supportedEncryption() may be: the JWE tests are gated on its answer as they register.
 */
export async function registerConformance(harness: Harness, lib: Library, options: ConformanceOptions): Promise<void> {
  const { algorithms, encryptions } = await lib.supportedEncryption();
  const context = suiteContext(harness, lib, options, { algorithms, encryptions });
  for (const register of [registerVectors, registerWycheproof, registerKeys, registerClaims, registerJwe]) register(context);
}

/** Runs the suite without a test framework, as the runtimes do, and reports the outcome. */
export async function runConformance(lib: Library, options: ConformanceOptions): Promise<SuiteResult> {
  const runner = createRunner();
  await registerConformance(runner, lib, options);
  return runner.run();
}
