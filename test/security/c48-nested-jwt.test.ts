/**
 * C48 — nested JWTs partially validated. Safe: verify() refuses cty "JWT" (a JWS inside a JWS), since
 * verify() does not unwrap nested tokens. BCP-3.3-1. Nested JWTs inside a JWE are decrypt()'s: returned
 * only after options.verify verified the inner token (C74).
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode, utf8 } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C48 nested JWT in verify()', () => {
  it.each(['JWT', 'jwt', 'Jwt'])('cty %j is refused', async (cty) => {
    const inner = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: 'attacker' });
    const outer = forge({ alg: 'HS256', cty }, { inner }, { alg: 'HS256', key: hmacSecret });
    await expectCode(verify(outer, hmacJwk), 'ERR_JWT_MALFORMED');
    const raw = `${utf8(JSON.stringify({ alg: 'HS256', cty }))}.${utf8(inner)}`;
    await expectCode(
      verify(`${raw}.${forge({ alg: 'HS256' }, {}, { alg: 'HS256', key: hmacSecret }).split('.')[2]!}`, hmacJwk),
      'ERR_JWT_MALFORMED',
    );
  });
});
