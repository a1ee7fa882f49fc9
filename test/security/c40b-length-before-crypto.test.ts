/**
 * C08/C40 (continued) — wrong-length signatures are refused before the crypto backend is called.
 * Node's WebCrypto and node:crypto happen to refuse most of them too, but other runtimes differ
 * (SECURITY.md, C40 and C40B), so the check is webjwt's own, made before the backend is called, and
 * tested as such, against whichever backend this test project runs (the Node project aliases
 * backend.js to node.ts, and this mock wraps that one).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as backend from '../../src/crypto/backend.js';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { ed25519, forge, hmacJwk, hmacSecret, p256, p521, rsa, withSignature } from './fixtures.js';

// Factories are hoisted above imports, so the spy helper is loaded inside this one.
vi.mock(import('../../src/crypto/backend.js'), async (original) => (await import('../backend-spy.js')).spyOnBackend(original));

describe('signature length is checked before the crypto backend', () => {
  afterEach(() => {
    vi.mocked(backend.verify).mockClear();
  });

  it.each([
    ['HS256', hmacSecret, hmacJwk, [31, 33, 64]],
    ['RS256', rsa.privateKey, rsa.publicJwk, [255, 257, 128]],
    ['ES256', p256.privateKey, p256.publicJwk, [63, 65, 72]],
    ['ES512', p521.privateKey, p521.publicJwk, [131, 133, 139]],
    ['EdDSA', ed25519.privateKey, ed25519.publicJwk, [63, 65, 32]],
  ] as const)('%s', async (alg, signingKey, verifyingKey, lengths) => {
    const token = forge({ alg }, {}, { alg, key: signingKey } as never);
    await verify(token, verifyingKey); // the real check passes, through the backend
    expect(backend.verify).toHaveBeenCalledTimes(1);
    vi.mocked(backend.verify).mockClear();
    for (const length of lengths) {
      await expectCode(verify(withSignature(token, Buffer.alloc(length, 1).toString('base64url')), verifyingKey), 'ERR_JWT_SIGNATURE');
    }
    expect(backend.verify).not.toHaveBeenCalled();
  });
});
