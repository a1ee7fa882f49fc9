/**
 * C21 — audience confusion. Safe: with an audience configured, aud must be a string or array of
 * strings containing an exact, case-sensitive match; missing, empty or other types refused. BCP-3.9-1.
 */
import { describe, expect, it } from 'vitest';
import { verify, type JwtClaimError } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const token = (payload: string) => hmacToken('{"alg":"HS256"}', payload, hmacSecret);

describe('C21 aud', () => {
  it.each([
    ['{}', 'missing'],
    ['{"aud":[]}', 'missing'],
    ['{"aud":"API"}', 'mismatch'],
    ['{"aud":"api "}', 'mismatch'],
    ['{"aud":["web","mobile"]}', 'mismatch'],
    ['{"aud":"https://api"}', 'mismatch'],
    ['{"aud":"ap"}', 'mismatch'],
    ['{"aud":null}', 'invalid'],
    ['{"aud":1}', 'invalid'],
    ['{"aud":{"api":true}}', 'invalid'],
    ['{"aud":["api",1]}', 'invalid'],
    ['{"aud":[["api"]]}', 'invalid'],
  ])('%s → %s', async (payload, reason) => {
    const error = (await expectCode(verify(token(payload), hmacJwk, { audience: 'api' }), 'ERR_JWT_CLAIM')) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual(['aud', reason]);
  });

  it('a string or an array containing the exact value is accepted', async () => {
    await verify(token('{"aud":"api"}'), hmacJwk, { audience: 'api' });
    await verify(token('{"aud":["web","api"]}'), hmacJwk, { audience: ['other', 'api'] });
  });
});
