/**
 * Claim checks on a fixed clock, and every error code from the input that causes it, including
 * `alg: none` and algorithm confusion.
 */
import { check, checkJson } from './harness.js';
import { base64url, expectCode, rawToken, tamper, utf8, type SignOptions, type SuiteContext } from './support.js';

const SECRET = 'a-string-secret-at-least-256-bits-long';
const NOW = 1_700_000_000;
const at = (seconds: number): Date => new Date(seconds * 1000);

/** A token over exact header and payload text, signed with SECRET through WebCrypto. */
async function signedAs(signingInput: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput)));
  return `${signingInput}.${base64url(signature)}`;
}

export function registerClaims({ lib, testWith }: SuiteContext): void {
  // Every token here is HS256, the claims checks' vehicle.
  const test = (name: string, fn: () => Promise<void>): void => {
    testWith(['HS256'], name, fn);
  };
  const { JwtClaimError, JwtError, JwtExpiredError, JwtNotBeforeError, isJwtError, sign, verify } = lib;
  const issue = (payload: Record<string, unknown>, options: SignOptions = {}) =>
    sign(payload, SECRET, { currentDate: at(NOW), ...options });

  test('exp: valid before, ERR_JWT_EXPIRED at and after (with the verified payload), clockTolerance', async () => {
    const token = await issue({ sub: 'e' }, { expiresIn: 60 });
    check((await verify(token, SECRET, { currentDate: at(NOW + 59) })).payload.exp === NOW + 60, 'exp set from expiresIn');
    const error = await verify(token, SECRET, { currentDate: at(NOW + 60) }).catch((e: unknown) => e);
    check(error instanceof JwtExpiredError && isJwtError(error) && error.code === 'ERR_JWT_EXPIRED', `got ${String(error)}`);
    check(error.expiredAt.getTime() === (NOW + 60) * 1000 && error.payload.sub === 'e', 'expiredAt and payload');
    await verify(token, SECRET, { currentDate: at(NOW + 65), clockTolerance: '10s' });
    await expectCode(
      lib,
      verify(token, SECRET, { currentDate: at(NOW + 70), clockTolerance: 10 }),
      'ERR_JWT_EXPIRED',
      'past the tolerance',
    );
  });

  test('nbf: ERR_JWT_NOT_BEFORE until it, then valid', async () => {
    const token = await issue({}, { notBefore: '1m' });
    const error = await verify(token, SECRET, { currentDate: at(NOW) }).catch((e: unknown) => e);
    check(error instanceof JwtNotBeforeError && error.date.getTime() === (NOW + 60) * 1000, `got ${String(error)}`);
    await verify(token, SECRET, { currentDate: at(NOW + 60) });
    await verify(token, SECRET, { currentDate: at(NOW + 55), clockTolerance: 5 });
  });

  test('iss: exact match from a list; other or missing is ERR_JWT_CLAIM', async () => {
    const token = await issue({}, { issuer: 'https://a.example' });
    await verify(token, SECRET, { currentDate: at(NOW), issuer: ['https://b.example', 'https://a.example'] });
    for (const [candidate, issuer, reason] of [
      [token, 'https://a.example/', 'mismatch'],
      [await issue({}), 'https://a.example', 'missing'],
    ] as const) {
      const error = await verify(candidate, SECRET, { currentDate: at(NOW), issuer }).catch((e: unknown) => e);
      check(error instanceof JwtClaimError && error.code === 'ERR_JWT_CLAIM', `got ${String(error)}`);
      checkJson([error.claim, error.reason], ['iss', reason], 'claim and reason');
    }
  });

  test('aud: string, array and RegExp; a miss is ERR_JWT_CLAIM', async () => {
    const token = await issue({}, { audience: ['web', 'api'] });
    for (const audience of ['api', ['x', 'web'], /^ap/]) await verify(token, SECRET, { currentDate: at(NOW), audience });
    const error = await verify(token, SECRET, { currentDate: at(NOW), audience: 'admin' }).catch((e: unknown) => e);
    check(error instanceof JwtClaimError && error.claim === 'aud' && error.reason === 'mismatch', `got ${String(error)}`);
  });

  test('sub, typ and requiredClaims', async () => {
    const token = await issue({ sub: 'user-1', role: 'x' });
    await verify(token, SECRET, { currentDate: at(NOW), subject: 'user-1', typ: 'application/jwt', requiredClaims: ['role'] });
    await expectCode(lib, verify(token, SECRET, { currentDate: at(NOW), subject: 'user-2' }), 'ERR_JWT_CLAIM', 'sub');
    await expectCode(lib, verify(token, SECRET, { currentDate: at(NOW), typ: 'at+jwt' }), 'ERR_JWT_CLAIM', 'typ');
    await expectCode(lib, verify(token, SECRET, { currentDate: at(NOW), requiredClaims: ['jti'] }), 'ERR_JWT_CLAIM', 'requiredClaims');
  });

  test('registered claims of the wrong type are ERR_JWT_CLAIM even when no option asks for them', async () => {
    const hs256 = '{"alg":"HS256"}';
    for (const payload of ['{"exp":"tomorrow"}', '{"aud":[1]}', '{"iss":7}']) {
      const unsigned = `${utf8(hs256)}.${utf8(payload)}`;
      const token = await signedAs(unsigned);
      await expectCode(lib, verify(token, SECRET), 'ERR_JWT_CLAIM', payload);
    }
  });

  test('ERR_JWT_MALFORMED: not three canonical segments, not JSON objects, too long', async () => {
    const good = await issue({});
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const malformed = [
      '',
      'abc',
      `${header}.${payload}`,
      `${good}.`,
      `${header}.${payload}.${signature}.x`,
      ` ${good}`,
      `${header}=.${payload}.${signature}`,
      rawToken('[]', '{}', signature),
      rawToken('{"alg":"HS256"', '{}', signature),
      await signedAs(`${header}.${utf8('[1]')}`),
      await signedAs(`${header}.${utf8('{"a":1')}`),
      `${header}.${payload}.${signature.slice(0, -1)}*`,
    ];
    for (const token of malformed) await expectCode(lib, verify(token, SECRET), 'ERR_JWT_MALFORMED', JSON.stringify(token.slice(0, 40)));
    await expectCode(lib, verify(good, SECRET, { maxTokenLength: 20 }), 'ERR_JWT_MALFORMED', 'maxTokenLength');
  });

  test('ERR_JWT_ALGORITHM: none in every spelling, unknown algs, an alg outside the allowlist', async () => {
    const payload = '{"sub":"x"}';
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      await expectCode(lib, verify(rawToken(`{"alg":"${alg}"}`, payload, ''), SECRET), 'ERR_JWT_ALGORITHM', `alg ${alg}, no signature`);
      await expectCode(lib, verify(rawToken(`{"alg":"${alg}"}`, payload, 'c2ln'), SECRET), 'ERR_JWT_ALGORITHM', `alg ${alg}, a signature`);
    }
    for (const alg of ['hs256', 'HS1', 'ES256K', 'RS1'])
      await expectCode(lib, verify(rawToken(`{"alg":"${alg}"}`, payload, 'c2ln'), SECRET), 'ERR_JWT_ALGORITHM', alg);
    const token = await issue({});
    await expectCode(lib, verify(token, SECRET, { algorithms: ['HS512'] }), 'ERR_JWT_ALGORITHM', 'not in algorithms');
    await expectCode(lib, sign({}, SECRET, { alg: 'none' as never }), 'TypeError', 'signing with none');
  });

  test('ERR_JWT_SIGNATURE: tampered, wrong secret, wrong length, signature from another token', async () => {
    const token = await issue({ sub: 'a' });
    const other = await issue({ sub: 'b' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    for (const [name, candidate, key] of [
      ['tampered', tamper(token), SECRET],
      ['wrong secret', token, `${SECRET}!`],
      ['truncated', `${header}.${payload}.${signature.slice(0, 40)}`, SECRET],
      ['swapped', `${header}.${payload}.${other.split('.')[2]!}`, SECRET],
    ] as const) {
      await expectCode(lib, verify(candidate, key), 'ERR_JWT_SIGNATURE', name);
    }
  });

  test('errors: JwtError subclasses with stable codes, recognised by isJwtError, no token text in messages', async () => {
    const token = await issue({ secretClaim: 'do-not-leak' }, { expiresIn: 1 });
    const error = await verify(token, SECRET, { currentDate: at(NOW + 10) }).catch((e: unknown) => e);
    check(error instanceof JwtError && error instanceof Error && isJwtError(error), 'a JwtError');
    check(
      error.name === 'JwtExpiredError' && !error.message.includes('do-not-leak') && !error.message.includes(token.slice(0, 20)),
      'name and message',
    );
    check(isJwtError({ code: 'ERR_JWT_SIGNATURE', message: 'from another realm' }) && !isJwtError(new Error('x')), 'isJwtError by code');
    await expectCode(lib, verify(token, SECRET, { algorithms: 'HS256' as never }), 'TypeError', 'caller misuse');
  });
}
