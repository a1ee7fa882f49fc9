import { describe, expect, it } from 'vitest';
import { JwtClaimError, JwtExpiredError, JwtNotBeforeError, sign, verify, type VerifyOptions } from '../src/index.js';
import { expectCode } from './support.js';

const secret = 'a-string-secret-at-least-256-bits-long';
const T = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);
const token = (payload: Record<string, unknown>, header?: Record<string, unknown>) =>
  sign(payload, secret, { issuedAt: false, ...(header === undefined ? {} : { header }) });

async function claimError(payload: Record<string, unknown>, options: VerifyOptions, header?: Record<string, unknown>) {
  const error = await expectCode(verify(await token(payload, header), secret, { currentDate: at(T), ...options }), 'ERR_JWT_CLAIM');
  expect(error).toBeInstanceOf(JwtClaimError);
  return error as JwtClaimError;
}

describe('exp', () => {
  it.each([
    [T + 1, 0, 'accept'],
    [T, 0, 'reject'],
    [T - 1, 0, 'reject'],
    [T - 10, 10, 'reject'],
    [T - 9, 10, 'accept'],
    [T - 10, '10s', 'reject'],
    [T - 9, '10s', 'accept'],
  ] as const)('now=T, exp=%s, clockTolerance=%s → %s', async (exp, tolerance, outcome) => {
    const t = await token({ exp });
    const run = verify(t, secret, { currentDate: at(T), clockTolerance: tolerance });
    if (outcome === 'accept') await expect(run).resolves.toBeDefined();
    else {
      const error = (await expectCode(run, 'ERR_JWT_EXPIRED')) as JwtExpiredError;
      expect(error).toBeInstanceOf(JwtExpiredError);
      expect(error.expiredAt).toEqual(at(exp));
      expect(error.payload.exp).toBe(exp);
      expect(error.header.alg).toBe('HS256');
    }
  });
});

describe('nbf', () => {
  it.each([
    [T, 0, 'accept'],
    [T + 1, 0, 'reject'],
    [T + 10, 10, 'accept'],
    [T + 11, 10, 'reject'],
  ] as const)('nbf=%s tolerance=%s → %s', async (nbf, tolerance, outcome) => {
    const run = verify(await token({ nbf }), secret, { currentDate: at(T), clockTolerance: tolerance });
    if (outcome === 'accept') await expect(run).resolves.toBeDefined();
    else {
      const error = (await expectCode(run, 'ERR_JWT_NOT_BEFORE')) as JwtNotBeforeError;
      expect(error.date).toEqual(at(nbf));
    }
  });
});

describe('maxAge and iat', () => {
  it('accepts a token exactly maxAge old and refuses one a second older', async () => {
    await verify(await token({ iat: T - 60 }), secret, { currentDate: at(T), maxAge: '1m' });
    const error = await claimError({ iat: T - 61 }, { maxAge: 60 });
    expect([error.claim, error.reason]).toEqual(['iat', 'too_old']);
    await verify(await token({ iat: T - 61 }), secret, { currentDate: at(T), maxAge: 60, clockTolerance: 1 });
  });

  it('needs iat, and refuses iat in the future when maxAge is set', async () => {
    expect([(await claimError({}, { maxAge: 60 })).reason]).toEqual(['missing']);
    const future = await claimError({ iat: T + 5 }, { maxAge: 60 });
    expect([future.claim, future.reason]).toEqual(['iat', 'in_future']);
    // Documented choice: without maxAge, a future iat is not checked.
    await verify(await token({ iat: T + 5 }), secret, { currentDate: at(T) });
  });
});

describe('iss, sub, aud, typ, requiredClaims', () => {
  it.each([
    [{ iss: 'a' }, { issuer: 'a' }],
    [{ iss: 'b' }, { issuer: ['a', 'b'] }],
    [{ sub: 's' }, { subject: 's' }],
    [{ aud: 'api' }, { audience: 'api' }],
    [{ aud: ['x', 'api'] }, { audience: 'api' }],
    [{ aud: 'api' }, { audience: ['web', 'api'] }],
    [{ aud: 'urn:svc:7' }, { audience: /^urn:svc:\d+$/ }],
    [{ aud: ['x', 'urn:svc:7'] }, { audience: [/^urn:svc:\d+$/g] }],
    [{ a: 1, b: null }, { requiredClaims: ['a', 'b'] }],
  ] as [Record<string, unknown>, VerifyOptions][])('accepts %j with %o', async (payload, options) => {
    const t = await token(payload);
    // Twice: a global RegExp must not carry lastIndex state from one check to the next.
    await verify(t, secret, options);
    await verify(t, secret, options);
  });

  it.each([
    [{}, { issuer: 'a' }, 'iss', 'missing'],
    [{ iss: 'A' }, { issuer: 'a' }, 'iss', 'mismatch'],
    [{ iss: 'a ' }, { issuer: ['a'] }, 'iss', 'mismatch'],
    [{}, { subject: 's' }, 'sub', 'missing'],
    [{ sub: 't' }, { subject: 's' }, 'sub', 'mismatch'],
    [{}, { audience: 'api' }, 'aud', 'missing'],
    [{ aud: [] }, { audience: 'api' }, 'aud', 'missing'],
    [{ aud: 'web' }, { audience: 'api' }, 'aud', 'mismatch'],
    [{ aud: ['web'] }, { audience: /^api$/ }, 'aud', 'mismatch'],
    [{ a: 1 }, { requiredClaims: ['a', 'b'] }, 'b', 'missing'],
  ] as [Record<string, unknown>, VerifyOptions, string, string][])('%j with %o → %s %s', async (payload, options, claim, reason) => {
    const error = await claimError(payload, options);
    expect([error.claim, error.reason]).toEqual([claim, reason]);
  });

  it('compares typ case-insensitively, with or without application/', async () => {
    for (const typ of ['at+jwt', 'AT+JWT', 'application/at+jwt', 'Application/At+Jwt']) {
      await verify(await token({}, { typ }), secret, { typ: 'at+jwt' });
      await verify(await token({}, { typ: 'at+jwt' }), secret, { typ });
    }
    expect((await claimError({}, { typ: 'at+jwt' }, { typ: 'JWT' })).reason).toBe('mismatch');
    const missing = (await expectCode(
      verify(await signRaw('{}', '{"alg":"HS256"}'), secret, { typ: 'at+jwt' }),
      'ERR_JWT_CLAIM',
    )) as JwtClaimError;
    expect([missing.claim, missing.reason]).toEqual(['typ', 'missing']);
  });

  it('an inherited or __proto__ member never satisfies a check', async () => {
    const t = await sign(JSON.parse('{"__proto__":{"iss":"a","aud":"api"}}') as Record<string, unknown>, secret);
    expect((await claimError(JSON.parse('{"__proto__":{"iss":"a"}}'), { issuer: 'a' })).reason).toBe('missing');
    await expectCode(verify(t, secret, { audience: 'api' }), 'ERR_JWT_CLAIM');
    await expectCode(verify(t, secret, { requiredClaims: ['iss'] }), 'ERR_JWT_CLAIM');
    expect(({} as Record<string, unknown>).iss).toBeUndefined();
  });
});

describe('registered claim types', () => {
  const wrongTypes: unknown[] = ['1', null, true, [], {}, '', 'NaN'];
  const cases: [string, unknown][] = [
    ...['exp', 'nbf', 'iat'].flatMap((claim) => wrongTypes.map((v): [string, unknown] => [claim, v])),
    ...['iss', 'sub', 'jti'].flatMap((claim) => [1, null, true, [], {}, ['a']].map((v): [string, unknown] => [claim, v])),
    ...[1, null, true, {}, [1], ['a', 2], [null]].map((v): [string, unknown] => ['aud', v]),
  ];
  it.each(cases)('%s = %j is ERR_JWT_CLAIM invalid, even with no option configured', async (claim, value) => {
    // sign() refuses these, so the token is built by signing a raw payload via the JSON text.
    const t = await signRaw(`{"${claim}":${JSON.stringify(value)}}`);
    const error = (await expectCode(verify(t, secret), 'ERR_JWT_CLAIM')) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual([claim, 'invalid']);
  });

  it('1e400 (Infinity) is not a NumericDate', async () => {
    const error = (await expectCode(verify(await signRaw('{"exp":1e400}'), secret), 'ERR_JWT_CLAIM')) as JwtClaimError;
    expect(error.claim).toBe('exp');
  });
});

describe('claim options are validated', () => {
  it.each([
    [{ clockTolerance: -1 }],
    [{ clockTolerance: '5' }],
    [{ clockTolerance: Number.NaN }],
    [{ maxAge: 'soon' }],
    [{ issuer: [] }],
    [{ issuer: 5 }],
    [{ audience: [] }],
    [{ audience: 5 }],
    [{ subject: 5 }],
    [{ typ: 5 }],
    [{ requiredClaims: 'sub' }],
    [{ algorithms: [] }],
    [{ algorithms: ['none'] }],
    [{ algorithms: ['hs256'] }],
    [{ maxTokenLength: 0 }],
    [{ currentDate: 5 }],
  ])('%o is a TypeError', async (options) => {
    const t = await sign({ iss: 'a', aud: 'b', sub: 'c' }, secret, { expiresIn: 60 });
    await expect(verify(t, secret, { maxAge: 60, ...(options as VerifyOptions) })).rejects.toBeInstanceOf(TypeError);
  });
});

/** An HS256 token over an exact payload text, for payloads sign() rightly refuses to produce. */
async function signRaw(payloadJson: string, headerJson = '{"alg":"HS256","typ":"JWT"}'): Promise<string> {
  const { rawToken } = await import('./support.js');
  const { createHmac } = await import('node:crypto');
  const unsigned = rawToken(headerJson, payloadJson, '');
  return unsigned + createHmac('sha256', secret).update(unsigned.slice(0, -1)).digest('base64url');
}
