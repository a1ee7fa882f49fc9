/**
 * C02 — alg matched case-insensitively or after trimming. Safe: exact, case-sensitive comparison
 * against the allowlist (RFC 7515 §4.1.1). rfc8725bis §3.1 (allowlists).
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacSecret, hmacJwk, rsa } from './fixtures.js';

describe('C02 alg spelling', () => {
  it.each(['hs256', 'Hs256', 'HS256 ', ' HS256', 'HS256\u0000', 'HS-256', 'HS２５６', 'hS256'])('HMAC alg %j is not HS256', async (alg) => {
    const token = forge({ alg }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret });
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(token, hmacJwk, { algorithms: ['HS256'] }), 'ERR_JWT_ALGORITHM');
  });

  it.each(['rs256', 'RS256 ', 'Rs256', 'RSA256'])('RSA alg %j is not RS256', async (alg) => {
    const token = forge({ alg }, { sub: 'a' }, { alg: 'RS256', key: rsa.privateKey });
    await expectCode(verify(token, rsa.publicPem), 'ERR_JWT_ALGORITHM');
  });
});
