/**
 * For `vi.mock(import('…/crypto/backend.js'), spyOnBackend)`: the real backend (WebCrypto, or
 * node:crypto in the Node project) with every function wrapped in a spy, so a test can count imports
 * and signature checks whichever backend runs. Kept apart from support.ts, which imports the library.
 */
import { vi } from 'vitest';
import type * as Backend from '../src/crypto/backend.js';

export async function spyOnBackend(original: () => Promise<typeof Backend>): Promise<typeof Backend> {
  const actual = await original();
  return {
    ...actual,
    importSecretKey: vi.fn(actual.importSecretKey),
    importJwk: vi.fn(actual.importJwk),
    importDer: vi.fn(actual.importDer),
    fromCryptoKey: vi.fn(actual.fromCryptoKey),
    sign: vi.fn(actual.sign),
    verify: vi.fn(actual.verify),
  };
}

/** How many keys the backend has imported so far, of every kind. */
export function importCount(backend: typeof Backend): number {
  return [backend.importSecretKey, backend.importJwk, backend.importDer, backend.fromCryptoKey].reduce(
    (n, f) => n + vi.mocked(f).mock.calls.length,
    0,
  );
}
