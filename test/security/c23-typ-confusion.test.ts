/**
 * C23 — cross-JWT confusion by typ. Safe: the typ option compares media types case-insensitively,
 * a value without '/' standing for "application/" + it (C58); a token of another kind, or without
 * typ, is refused. Profiles
 * combine typ, aud, iss and requiredClaims. BCP-3.11-1, BCP-3.12-1.
 */
import { describe, expect, it } from 'vitest';
import { sign, verify, type JwtClaimError, type VerifyOptions } from '../../src/index.js';
import { expectCode } from '../support.js';
import { hmacJwk } from './fixtures.js';

const accessProfile: VerifyOptions = { typ: 'at+jwt', audience: 'api', issuer: 'https://issuer', requiredClaims: ['client_id'] };
const idProfile: VerifyOptions = { typ: 'JWT', audience: 'client-1', issuer: 'https://issuer', requiredClaims: ['nonce'] };

describe('C23 typ', () => {
  it('an ID token is not an access token, and the other way round', async () => {
    const idToken = await sign({ nonce: 'n', aud: 'client-1', iss: 'https://issuer' }, hmacJwk);
    const accessToken = await sign({ client_id: 'c', aud: 'api', iss: 'https://issuer' }, hmacJwk, {
      header: { typ: 'application/at+jwt' },
    });
    await verify(idToken, hmacJwk, idProfile);
    await verify(accessToken, hmacJwk, accessProfile);
    expect(((await expectCode(verify(idToken, hmacJwk, accessProfile), 'ERR_JWT_CLAIM')) as JwtClaimError).claim).toBe('typ');
    await expectCode(verify(accessToken, hmacJwk, idProfile), 'ERR_JWT_CLAIM');
  });

  it.each(['secevent+jwt', 'logout+jwt', 'at+jwt; charset=utf-8', 'at+jwtx', 'jwt'])('typ %j is not at+jwt', async (typ) => {
    await expectCode(verify(await sign({}, hmacJwk, { header: { typ } }), hmacJwk, { typ: 'at+jwt' }), 'ERR_JWT_CLAIM');
  });
});
