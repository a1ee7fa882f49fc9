/**
 * Which JWE algorithms this runtime can do: the crypto backend's answer (Chromium's WebCrypto has no
 * AES-192, for one), asked once. A token or an encrypt() call naming one it cannot do fails with a
 * KeyError that says so, never with whatever the backend would throw.
 */
import * as backend from '../crypto/backend.js';
import type { ContentEncryption, KeyManagementAlgorithm } from '../jwa/encryption.js';
import { KeyError } from '../lib/errors.js';

/** What supportedEncryption() answers. */
export interface SupportedEncryption {
  readonly algorithms: ReadonlySet<KeyManagementAlgorithm>;
  readonly encryptions: ReadonlySet<ContentEncryption>;
}

let known: SupportedEncryption | undefined;

/**
 * The key management and content encryption algorithms this runtime can encrypt and decrypt with.
 * @example if ((await supportedEncryption()).encryptions.has('A192GCM')) { ... }
 */
export async function supportedEncryption(): Promise<SupportedEncryption> {
  known ??= await backend.supportedJwe();
  return { algorithms: new Set(known.algorithms), encryptions: new Set(known.encryptions) };
}

/**
 * Undefined when this runtime can do `alg` and `enc`; a promise of the answer the first time, while
 * the backend is asked.
 * @throws KeyError when it cannot.
 */
export function assertSupported(alg: KeyManagementAlgorithm, enc: ContentEncryption): Promise<void> | undefined {
  if (known === undefined) {
    return backend.supportedJwe().then((support) => {
      known = support;
      return assertSupported(alg, enc);
    });
  }
  if (!known.algorithms.has(alg)) throw unsupported(alg);
  if (!known.encryptions.has(enc)) throw unsupported(enc);
  return undefined;
}

function unsupported(name: string): KeyError {
  return new KeyError(`${name} is not supported in this runtime (crypto backend: ${backend.BACKEND})`);
}
