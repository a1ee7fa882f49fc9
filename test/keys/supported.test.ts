/**
 * What a backend supports gates every use of a key: here the backend is made to lack ES384, as
 * WebCrypto lacks secp256k1, and webjwt refuses ES384 with ERR_KEY before the backend sees the key.
 */
import { describe, expect, it, vi } from 'vitest';
import * as backend from '../../src/crypto/backend.js';
import { generateKeyPair, importKey, sign, supportedAlgorithms, verify } from '../../src/index.js';
import { importCount } from '../backend-spy.js';
import { expectCode } from '../support.js';

vi.mock(import('../../src/crypto/backend.js'), async (original) => {
  const spied = await (await import('../backend-spy.js')).spyOnBackend(original);
  return { ...spied, SUPPORTED_ALGORITHMS: new Set([...spied.SUPPORTED_ALGORITHMS].filter((alg) => alg !== 'ES384')) };
});

describe('an algorithm the backend lacks', () => {
  it('is missing from supportedAlgorithms(), which returns a copy', () => {
    const supported = supportedAlgorithms();
    expect(supported.has('ES384')).toBe(false);
    expect(supported.has('ES256')).toBe(true);
    (supported as Set<string>).add('ES384');
    expect(supportedAlgorithms().has('ES384')).toBe(false);
  });

  it('is refused with ERR_KEY by sign() and verify(), before any import or signature check', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const imports = importCount(backend);
    const signed = await expectCode(sign({ sub: 'a' }, privateKey), 'ERR_KEY');
    expect((signed as Error).message).toMatch(/ES384 is not supported in this runtime/);
    const other = await generateKeyPair('ES256');
    const token = await sign({ sub: 'a' }, other.privateKey);
    // A token claiming ES384, checked against the P-384 key.
    const forged = `${Buffer.from('{"alg":"ES384"}').toString('base64url')}.${token.split('.')[1]!}.${'A'.repeat(128)}`;
    const verified = await expectCode(verify(forged, importKey(publicKey)), 'ERR_KEY');
    expect((verified as Error).message).toMatch(/ES384 is not supported in this runtime/);
    expect(importCount(backend) - imports).toBe(1); // the ES256 signing key only
  });
});
