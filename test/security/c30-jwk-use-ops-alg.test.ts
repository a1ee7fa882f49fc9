/**
 * C30 — JWK use / key_ops / alg / private-member mismatches. Safe: webjwt checks them itself
 * (WebCrypto accepts alg "PS256" on an RSASSA-PKCS1 import), and a private key never verifies.
 */
import { describe, it } from 'vitest';
import { importKey, sign, verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, rsa } from './fixtures.js';

const rs256 = forge({ alg: 'RS256' }, {}, { alg: 'RS256', key: rsa.privateKey });

describe('C30 JWK metadata', () => {
  it.each([
    [{ use: 'enc' }, 'use enc'],
    [{ key_ops: ['encrypt'] }, 'key_ops without verify'],
    [{ key_ops: ['sign'] }, 'key_ops sign only'],
    [{ alg: 'PS256' }, 'alg PS256 for an RS256 token'],
    [{ alg: 'RSA-OAEP' }, 'an encryption alg'],
    [{ alg: 'none' }, 'alg none'],
    [{ key_ops: 'verify' }, 'key_ops not an array'],
    [{ use: 1 }, 'use not a string'],
  ] as [Partial<Jwk>, string][])('%o (%s) is refused', async (extra) => {
    const code = extra.alg === 'PS256' ? 'ERR_JWT_ALGORITHM' : 'ERR_KEY';
    await expectCode(verify(rs256, { ...rsa.publicJwk, ...extra }), code);
  });

  it('use "sig" and key_ops ["verify"] are honoured', async () => {
    await verify(rs256, { ...rsa.publicJwk, use: 'sig', key_ops: ['verify'], alg: 'RS256' });
    await expectCode(sign({}, { ...rsa.privateJwk, key_ops: ['verify'] }), 'ERR_KEY');
  });

  it('a private JWK or PEM is refused by verify(), a public one by sign()', async () => {
    await expectCode(verify(rs256, rsa.privateJwk), 'ERR_KEY');
    await expectCode(verify(forge({ alg: 'ES256' }, {}, { alg: 'ES256', key: p256.privateKey }), p256.privateJwk), 'ERR_KEY');
    await expectCode(sign({}, rsa.publicJwk), 'ERR_KEY');
    await expectCode(() => importKey({ ...rsa.publicJwk, alg: 'ES256' }), 'ERR_KEY');
  });
});
