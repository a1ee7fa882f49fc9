/**
 * C22 — iss / sub / jti type confusion. Safe: single strings compared exactly; an array holding the
 * expected value is refused. BCP-3.8-1, BCP-3.8-3.
 */
import { describe, expect, it } from 'vitest';
import { verify, type JwtClaimError } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const token = (payload: object) => hmacToken('{"alg":"HS256"}', JSON.stringify(payload), hmacSecret);

describe('C22 iss, sub, jti', () => {
  it.each([
    ['iss', ['https://issuer'], { issuer: 'https://issuer' }],
    ['iss', { value: 'https://issuer' }, { issuer: 'https://issuer' }],
    ['sub', ['user-1'], { subject: 'user-1' }],
    ['sub', 1, { subject: '1' }],
    ['jti', ['id'], {}],
    ['jti', 5, {}],
  ] as const)('%s = %j is invalid', async (claim, value, options) => {
    const error = (await expectCode(verify(token({ [claim]: value }), hmacJwk, options), 'ERR_JWT_CLAIM')) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual([claim, 'invalid']);
  });

  it('comparison is exact: case, trailing slash and whitespace matter', async () => {
    for (const iss of ['https://Issuer', 'https://issuer/', ' https://issuer', 'https://issuer\u0000']) {
      await expectCode(verify(token({ iss }), hmacJwk, { issuer: 'https://issuer' }), 'ERR_JWT_CLAIM');
    }
    await verify(token({ iss: 'https://issuer', sub: 'user-1' }), hmacJwk, {
      issuer: ['https://other', 'https://issuer'],
      subject: 'user-1',
    });
  });
});
