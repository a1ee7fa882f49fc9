/** C03 — signature stripping: the real alg with an empty signature. Safe: exact length and verify. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { ed25519, forge, hmacJwk, hmacSecret, p256, rsa, withSignature } from './fixtures.js';

describe('C03 stripped signatures', () => {
  const cases = [
    ['HS256', forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: hmacSecret }), hmacJwk],
    ['RS256', forge({ alg: 'RS256' }, { sub: 'admin' }, { alg: 'RS256', key: rsa.privateKey }), rsa.publicJwk],
    ['ES256', forge({ alg: 'ES256' }, { sub: 'admin' }, { alg: 'ES256', key: p256.privateKey }), p256.publicJwk],
    ['EdDSA', forge({ alg: 'EdDSA' }, { sub: 'admin' }, { alg: 'EdDSA', key: ed25519.privateKey }), ed25519.publicJwk],
  ] as const;

  it.each(cases)('%s token with "" or a one-byte signature is refused', async (_alg, token, key) => {
    await verify(token, key);
    await expectCode(verify(withSignature(token, ''), key), 'ERR_JWT_SIGNATURE');
    await expectCode(verify(withSignature(token, 'AA'), key), 'ERR_JWT_SIGNATURE');
  });
});
