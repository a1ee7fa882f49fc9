/**
 * C45 — verification-result caching confusion. verify() never reuses a result: what it keeps is
 * keys, prepared once per JwtKey, algorithm and usage. The one memory of results is opt-in,
 * createVerifier's `cache`, keyed by the token's whole text, and it skips only the signature step:
 * claims, validators and isRevoked run on every call (test/verifier.test.ts). Tested here: the same
 * token and key, verified again with other options or after its expiry, is checked again.
 */
import { describe, it } from 'vitest';
import { importKey, sign, verify } from '../../src/index.js';
import { expectCode, tamper } from '../support.js';
import { hmacJwk } from './fixtures.js';

describe('C45 no result cache', () => {
  it('each call checks again: options and clock changes take effect', async () => {
    const key = importKey(hmacJwk);
    const token = await sign({ aud: 'a' }, key, { expiresIn: 60, currentDate: new Date(1_000_000_000_000) });
    await verify(token, key, { audience: 'a', currentDate: new Date(1_000_000_000_000) });
    await expectCode(verify(token, key, { audience: 'b', currentDate: new Date(1_000_000_000_000) }), 'ERR_JWT_CLAIM');
    await expectCode(verify(token, key, { audience: 'a', currentDate: new Date(1_000_000_060_000) }), 'ERR_JWT_EXPIRED');
    await expectCode(verify(tamper(token), key, { currentDate: new Date(1_000_000_000_000) }), 'ERR_JWT_SIGNATURE');
  });
});
