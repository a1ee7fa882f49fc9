/**
 * C26 — a JWE given to verify(). Safe: verify() takes JWS only, whatever decrypt() can do: it refuses
 * anything but three segments, and `enc` headers. BCP-3.3-2. (JWE itself, through decrypt(): C65–C77;
 * the other direction, a JWS given to decrypt(), and a real encrypt() output given to verify(): C74.)
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode, utf8 } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C26 JWE given to verify()', () => {
  it('a five-segment JWE (RFC 7516 shape) is refused', async () => {
    const header = utf8('{"alg":"dir","enc":"A128GCM"}');
    await expectCode(verify(`${header}..AAAAAAAAAAAAAAAA.c2VjcmV0.AAAAAAAAAAAAAAAAAAAAAA`, hmacJwk), 'ERR_JWT_MALFORMED');
    await expectCode(verify(`${header}.a.b.c.d`, hmacJwk), 'ERR_JWT_MALFORMED');
  });

  it.each([{ alg: 'HS256', enc: 'A256GCM' }, { alg: 'dir', enc: 'A128GCM' }, { alg: 'RSA-OAEP' }, { alg: 'A128KW' }])(
    'a JWS-shaped token with %j is refused',
    async (header) => {
      const token = forge(header, { sub: 'admin' }, { alg: 'HS256', key: hmacSecret });
      await expectCode(verify(token, hmacJwk), 'enc' in header ? 'ERR_JWT_MALFORMED' : 'ERR_JWT_ALGORITHM');
    },
  );
});
