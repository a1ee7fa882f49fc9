/**
 * C36 — decompression bombs: zip on a JWS. Safe: verify() refuses any zip header (RFC 7515 has no zip;
 * only a JWE may carry one). BCP-3.6-1. zip "DEF" on a JWE, through decrypt(): C71 and C72.
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C36 zip on a JWS (verify())', () => {
  it.each(['DEF', 'def', '', 'gzip'])('zip %j is refused even with a valid MAC', async (zip) => {
    await expectCode(verify(forge({ alg: 'HS256', zip }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret }), hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
