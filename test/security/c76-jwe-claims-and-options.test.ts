/**
 * C76 — encrypted tokens escaping the claim checks. Encryption hides claims from the client, not
 * from the clock: a decrypt() that returns the payload without verify()'s checks accepts expired
 * tokens, tokens for another audience or issuer, or of another type; and a misspelt option
 * (`audiance`) that is ignored silently drops its check (C55). Safe: decrypt() applies exactly
 * verify()'s claim checks (exp, nbf, iss, aud, sub, typ, maxAge, requiredClaims, validate, isRevoked)
 * after decryption and authentication — a token that does not decrypt says so, whatever its claims —
 * and refuses unknown option names, at the top level and inside `verify: {}`, with a TypeError that
 * names the option meant.
 * Broken by: skipping the claims step in decrypt(), or not running checkOptions on decrypt's or
 * encrypt's options (or on options.verify): the expired or misaddressed tokens then decrypt, the
 * misspelt options then pass.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, sign, type JwtClaimError } from '../../src/index.js';
import { expectCode, expectTypeError } from '../support.js';
import { expectDecryptionFailure, randomBytes } from './jwe-fixtures.js';

const T = 2_000_000_000;
const at = (seconds: number) => new Date(seconds * 1000);
const key = randomBytes(32);

describe('C76 decrypt() checks claims as verify() does', () => {
  it('an expired token is ERR_JWT_EXPIRED after decryption; with a wrong key it is a decryption failure', async () => {
    const token = await encrypt({ sub: 'alice' }, key, { expiresIn: 60, currentDate: at(T) });
    await decrypt(token, key, { currentDate: at(T + 59) });
    await expectCode(decrypt(token, key, { currentDate: at(T + 60) }), 'ERR_JWT_EXPIRED');
    await expectDecryptionFailure(decrypt(token, randomBytes(32), { currentDate: at(T + 60) }));
    await decrypt(token, key, { currentDate: at(T + 69), clockTolerance: 10 });
  });

  it('nbf, iss, aud, sub, typ, maxAge, requiredClaims', async () => {
    const token = await encrypt({ scope: 'read' }, key, {
      notBefore: 60,
      issuer: 'https://issuer',
      audience: 'api',
      subject: 'alice',
      currentDate: at(T),
    });
    const now = { currentDate: at(T + 60) };
    await decrypt(token, key, { ...now, issuer: 'https://issuer', audience: 'api', subject: 'alice', typ: 'JWT' });
    await expectCode(decrypt(token, key, { currentDate: at(T + 59) }), 'ERR_JWT_NOT_BEFORE');
    const claimOf = async (options: object) =>
      ((await expectCode(decrypt(token, key, { ...now, ...options }), 'ERR_JWT_CLAIM')) as JwtClaimError).claim;
    expect(await claimOf({ issuer: 'https://evil' })).toBe('iss');
    expect(await claimOf({ audience: 'other' })).toBe('aud');
    expect(await claimOf({ subject: 'bob' })).toBe('sub');
    expect(await claimOf({ typ: 'at+jwt' })).toBe('typ');
    expect(await claimOf({ maxAge: 30 })).toBe('iat');
    expect(await claimOf({ requiredClaims: ['jti'] })).toBe('jti');
  });

  it('validate and isRevoked run', async () => {
    const token = await encrypt({ sub: 'alice', jti: 'j1' }, key);
    await expectCode(decrypt(token, key, { isRevoked: () => true }), 'ERR_JWT_REVOKED');
    await expect(
      decrypt(token, key, {
        validate: () => {
          throw new Error('no');
        },
      }),
    ).rejects.toThrow();
  });

  it('unknown option names: TypeError with did-you-mean, at the top level and inside verify', async () => {
    const token = await encrypt({ sub: 'alice', aud: 'other' }, key);
    await expectTypeError(decrypt(token, key, { audiance: 'api' } as never), 'unknown option "audiance"', 'did you mean "audience"?');
    await expectTypeError(decrypt(token, key, { algorithm: ['dir'] } as never), 'unknown option "algorithm"', 'did you mean "algorithms"?');
    await expectTypeError(
      decrypt(token, key, { encryption: ['A256GCM'] } as never),
      'unknown option "encryption"',
      'did you mean "encryptions"?',
    );
    await expectTypeError(
      decrypt(token, key, { maxPBES2count: 1 } as never),
      'unknown option "maxPBES2count"',
      'did you mean "maxPBES2Count"?',
    );
    await expectTypeError(
      decrypt(token, key, { maxDecompressedLenght: 1 } as never),
      'unknown option "maxDecompressedLenght"',
      'did you mean "maxDecompressedLength"?',
    );
    const signer = randomBytes(32);
    const nested = await encrypt(await sign({ sub: 'alice', aud: 'other' }, signer), key);
    await expectTypeError(
      decrypt(nested, key, { verify: { key: signer, audiance: 'api' } } as never),
      'unknown option "audiance"',
      'did you mean "audience"?',
    );
    await expectTypeError(encrypt({}, key, { expiresin: '1h' } as never), 'unknown option "expiresin"', 'did you mean "expiresIn"?');
    // Once the name is right, the check it carried refuses the token.
    await expectCode(decrypt(token, key, { audience: 'api' }), 'ERR_JWT_CLAIM');
    await expectCode(decrypt(nested, key, { verify: { key: signer, audience: 'api' } }), 'ERR_JWT_CLAIM');
  });
});
