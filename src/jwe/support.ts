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

/** @throws KeyError when this runtime cannot do `alg` or `enc`. */
export async function assertSupported(alg: KeyManagementAlgorithm, enc: ContentEncryption): Promise<void> {
  known ??= await backend.supportedJwe();
  for (const name of [alg, enc]) {
    if (!(known.algorithms as ReadonlySet<string>).has(name) && !(known.encryptions as ReadonlySet<string>).has(name)) {
      throw new KeyError(`${name} is not supported in this runtime (crypto backend: ${backend.BACKEND})`);
    }
  }
}
