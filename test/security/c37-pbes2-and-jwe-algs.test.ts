/**
 * C37 — PBES2 iteration-count DoS, and JWE alg names in a JWS. Safe: verify() knows no PBES2 (nor any
 * key management algorithm): such alg names are not JWS algorithms, refused without work. PBES2 in a
 * JWE, through decrypt() (p2c cap, p2s length, opt-in): C70.
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C37 PBES2 and JWE algs in verify()', () => {
  it.each(['PBES2-HS256+A128KW', 'PBES2-HS512+A256KW', 'RSA-OAEP', 'RSA1_5', 'ECDH-ES', 'dir', 'A128KW'])(
    'alg %j is refused without work',
    async (alg) => {
      const token = forge({ alg, p2c: 2_000_000_000, p2s: 'AAAAAAAAAAAAAAAAAAAAAA' }, {}, { alg: 'HS256', key: hmacSecret });
      await expectCode(verify(token, hmacJwk), 'ERR_JWT_ALGORITHM');
    },
  );
});
