/** C36 — decompression bombs: zip on a JWS. Safe: a JWS-only library refuses any zip header. BCP-3.6-1. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C36 zip', () => {
  it.each(['DEF', 'def', '', 'gzip'])('zip %j is refused even with a valid MAC', async (zip) => {
    await expectCode(verify(forge({ alg: 'HS256', zip }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret }), hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
