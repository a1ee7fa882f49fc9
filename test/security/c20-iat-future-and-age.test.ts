/**
 * C20 — iat in the future, token age. Safe: iat type-checked always; with maxAge, a future iat
 * (beyond tolerance) and an old one are refused. Documented: without maxAge, iat's value is not
 * compared with the clock.
 */
import { describe, expect, it } from 'vitest';
import { verify, type JwtClaimError } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const T = 2_000_000_000;
const token = (claims: object) => hmacToken('{"alg":"HS256"}', JSON.stringify(claims), hmacSecret);
const options = (extra: object = {}) => ({ currentDate: new Date(T * 1000), maxAge: '1h', ...extra });

describe('C20 iat', () => {
  it('a future iat is refused with maxAge, within tolerance accepted', async () => {
    const error = (await expectCode(verify(token({ iat: T + 10 }), hmacJwk, options()), 'ERR_JWT_CLAIM')) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual(['iat', 'in_future']);
    await verify(token({ iat: T + 10 }), hmacJwk, options({ clockTolerance: 10 }));
  });

  it('an old token is refused by maxAge, a missing iat too', async () => {
    expect(((await expectCode(verify(token({ iat: T - 3601 }), hmacJwk, options()), 'ERR_JWT_CLAIM')) as JwtClaimError).reason).toBe(
      'too_old',
    );
    expect(((await expectCode(verify(token({}), hmacJwk, options()), 'ERR_JWT_CLAIM')) as JwtClaimError).reason).toBe('missing');
    await verify(token({ iat: T - 3600 }), hmacJwk, options());
  });

  it('documented: without maxAge, a future iat is accepted', async () => {
    await verify(token({ iat: T + 86_400 }), hmacJwk, { currentDate: new Date(T * 1000) });
  });
});
