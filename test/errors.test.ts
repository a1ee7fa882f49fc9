/** The error classes and isJwtError: one class per code, narrowing by code, other copies recognised. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isJwtError,
  JwksFetchError,
  JwksNoKeyError,
  JwtAlgorithmError,
  JwtClaimError,
  JwtError,
  JwtExpiredError,
  JwtMalformedError,
  JwtNotBeforeError,
  JwtRevokedError,
  JwtSignatureError,
  KeyError,
  SessionStoreError,
  sign,
  verify,
  type JwtErrorCode,
} from '../src/index.js';

const now = new Date();
const examples: [JwtErrorCode, JwtError][] = [
  ['ERR_JWT_MALFORMED', new JwtMalformedError('m')],
  ['ERR_JWT_ALGORITHM', new JwtAlgorithmError('m')],
  ['ERR_JWT_SIGNATURE', new JwtSignatureError()],
  ['ERR_JWT_EXPIRED', new JwtExpiredError('m', now, { alg: 'HS256' }, { sub: 'u' })],
  ['ERR_JWT_NOT_BEFORE', new JwtNotBeforeError('m', now, { alg: 'HS256' }, {})],
  ['ERR_JWT_CLAIM', new JwtClaimError('aud', 'missing', 'm')],
  ['ERR_JWT_REVOKED', new JwtRevokedError()],
  ['ERR_KEY', new KeyError('m')],
  ['ERR_JWKS_NO_KEY', new JwksNoKeyError('m')],
  ['ERR_JWKS_FETCH', new JwksFetchError('m')],
  ['ERR_SESSION_STORE', new SessionStoreError('m')],
];

describe('errors', () => {
  it.each(examples)('%s has a class of its own, recognised with and without the code', (code, error) => {
    expect(error.code).toBe(code);
    expect(error.name).toBe(error.constructor.name);
    expect(isJwtError(error)).toBe(true);
    expect(isJwtError(error, code)).toBe(true);
    for (const [other] of examples) if (other !== code) expect(isJwtError(error, other)).toBe(false);
  });

  it('every code has exactly one class', () => {
    expect(new Set(examples.map(([code]) => code)).size).toBe(examples.length);
    expect(new Set(examples.map(([, error]) => error.constructor)).size).toBe(examples.length);
  });

  it('narrows to the class of the code, so an expired token payload is typed', async () => {
    const secret = 'a-string-secret-at-least-256-bits-long';
    const error: unknown = await verify(await sign({ sub: 'u' }, secret, { expiresIn: 1, currentDate: new Date(0) }), secret).catch(
      (e: unknown) => e,
    );
    if (!isJwtError(error, 'ERR_JWT_EXPIRED')) throw new Error('expected an expired token');
    expectTypeOf(error).toEqualTypeOf<JwtExpiredError>();
    expect(error.payload.sub).toBe('u');
  });

  it('recognises an error of another copy by its code, and nothing else', () => {
    const foreign = Object.assign(new Error('token has expired'), { code: 'ERR_JWT_EXPIRED' });
    expect(isJwtError(foreign, 'ERR_JWT_EXPIRED')).toBe(true);
    expect(isJwtError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isJwtError({ code: 'ERR_KEY' })).toBe(false);
    expect(isJwtError(null)).toBe(false);
    expect(() => isJwtError(foreign, 'ERR_NOPE' as JwtErrorCode)).toThrow(TypeError);
  });
});
