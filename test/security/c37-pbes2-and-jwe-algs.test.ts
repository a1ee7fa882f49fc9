/** C37 — PBES2 iteration-count DoS. Safe: no JWE and no PBES2; such alg names are not JWS algorithms. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C37 PBES2', () => {
  it.each(['PBES2-HS256+A128KW', 'PBES2-HS512+A256KW', 'RSA-OAEP', 'RSA1_5', 'ECDH-ES', 'dir', 'A128KW'])(
    'alg %j is refused without work',
    async (alg) => {
      const token = forge({ alg, p2c: 2_000_000_000, p2s: 'AAAAAAAAAAAAAAAAAAAAAA' }, {}, { alg: 'HS256', key: hmacSecret });
      await expectCode(verify(token, hmacJwk), 'ERR_JWT_ALGORITHM');
    },
  );
});
