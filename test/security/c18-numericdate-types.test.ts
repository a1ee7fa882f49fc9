/**
 * C18 — NumericDate type confusion. Safe: exp/nbf/iat, when present, must be finite JSON numbers;
 * anything else is refused (never "treated as absent"); exp: 0 is long expired.
 */
import { describe, expect, it } from 'vitest';
import { verify, type JwtClaimError } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const wrong = [
  '"1700000000"',
  '"9999999999"',
  'null',
  'true',
  'false',
  '[]',
  '[9999999999]',
  '{}',
  '""',
  '1e400',
  '-1e400',
  '"NaN"',
  '"Infinity"',
];

describe('C18 NumericDate types', () => {
  for (const claim of ['exp', 'nbf', 'iat']) {
    it.each(wrong)(`${claim}: %s is ERR_JWT_CLAIM invalid`, async (value) => {
      const error = (await expectCode(
        verify(hmacToken('{"alg":"HS256"}', `{"${claim}":${value}}`, hmacSecret), hmacJwk),
        'ERR_JWT_CLAIM',
      )) as JwtClaimError;
      expect([error.claim, error.reason]).toEqual([claim, 'invalid']);
    });
  }

  it('exp: 0 and negative exp are expired; nbf: 0 is fine', async () => {
    await expectCode(verify(hmacToken('{"alg":"HS256"}', '{"exp":0}', hmacSecret), hmacJwk), 'ERR_JWT_EXPIRED');
    await expectCode(verify(hmacToken('{"alg":"HS256"}', '{"exp":-1}', hmacSecret), hmacJwk), 'ERR_JWT_EXPIRED');
    await verify(hmacToken('{"alg":"HS256"}', '{"nbf":0,"iat":0}', hmacSecret), hmacJwk);
  });
});
