/**
 * C31 — key set selection ambiguity (duplicate kid, mixed oct/asymmetric, missing kid, missing alg).
 * Safe: candidates by kid and by what fits the alg; more than one candidate is refused, never
 * guessed; the header alg never picks a key type. (Remote sets: test/keys/remote.test.ts.)
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'vitest';
import { createLocalJWKSet, verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret, p256, rsa } from './fixtures.js';

const es256 = (kid?: string) =>
  forge(kid === undefined ? { alg: 'ES256' } : { alg: 'ES256', kid }, {}, { alg: 'ES256', key: p256.privateKey });
/** Another P-256 public key. */
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as Jwk;

describe('C31 key sets', () => {
  it('duplicate kid is refused even if one of the keys would verify', async () => {
    await expectCode(
      verify(es256('k'), {
        keys: [
          { ...p256.publicJwk, kid: 'k' },
          { ...other, kid: 'k', alg: 'ES256' },
        ],
      }),
      'ERR_JWKS_NO_KEY',
    );
    await expectCode(
      verify(
        es256('k'),
        createLocalJWKSet({
          keys: [
            { ...other, kid: 'k' },
            { ...other, kid: 'j' },
            { ...p256.publicJwk, kid: 'k' },
          ],
        }),
      ),
      'ERR_JWKS_NO_KEY',
    );
    // The same key listed twice under its kid is one key, not two (test/security/c60).
    await verify(es256('k'), {
      keys: [
        { ...p256.publicJwk, kid: 'k' },
        { ...p256.publicJwk, kid: 'k', alg: 'ES256' },
      ],
    });
  });

  it('no kid and two EC candidates is refused; one candidate is used', async () => {
    await expectCode(verify(es256(), { keys: [p256.publicJwk, { ...other, kid: 'second' }] }), 'ERR_JWKS_NO_KEY');
    await verify(es256(), { keys: [p256.publicJwk, rsa.publicJwk] });
  });

  it('an HS256 token whose kid names an RSA key never uses the RSA key as a secret', async () => {
    const token = forge({ alg: 'HS256', kid: 'rsa' }, {}, { alg: 'HS256', key: JSON.stringify(rsa.publicJwk) });
    await expectCode(verify(token, { keys: [{ ...rsa.publicJwk, kid: 'rsa' }] }), 'ERR_JWKS_NO_KEY');
  });

  it('an oct key in the set is never a candidate for RS/ES/EdDSA; mixed sets are refused', async () => {
    await expectCode(verify(es256('s'), { keys: [{ ...hmacJwk, kid: 's' }] }), 'ERR_JWKS_NO_KEY');
    const hs = forge({ alg: 'HS256', kid: 's' }, {}, { alg: 'HS256', key: hmacSecret });
    await verify(hs, { keys: [{ ...hmacJwk, kid: 's' }] });
    await expectCode(verify(hs, { keys: [{ ...hmacJwk, kid: 's' }, p256.publicJwk] }), 'ERR_KEY');
    await expectCode(verify(es256(), { keys: [hmacJwk, p256.publicJwk] }), 'ERR_KEY');
  });

  it('a JWK alg that differs from the token alg excludes the key', async () => {
    await expectCode(
      verify(forge({ alg: 'PS256' }, {}, { alg: 'PS256', key: rsa.privateKey }), { keys: [{ ...rsa.publicJwk, alg: 'RS256' }] }),
      'ERR_JWKS_NO_KEY',
    );
  });
});
