/** Several keys at once, custom validators, the revocation hook, and the context expiry errors carry. */
import { describe, expect, it, vi } from 'vitest';
import {
  JwtClaimError,
  JwtExpiredError,
  JwtNotBeforeError,
  JwtRevokedError,
  generateKeyPair,
  generateSecret,
  sign,
  verify,
  type JwtPayload,
} from '../src/index.js';
import * as backend from '../src/crypto/backend.js';
import { expectCode, testKeys } from './support.js';

// Factories are hoisted above imports, so the spy helper is loaded inside this one.
vi.mock(import('../src/crypto/backend.js'), async (original) => (await import('./backend-spy.js')).spyOnBackend(original));

describe('several keys (rotation without kid)', () => {
  it('verifies with whichever key fits, and says which', async () => {
    const oldSecret = generateSecret('HS256');
    const newSecret = generateSecret('HS256');
    const es = await testKeys('ES256');
    const keys = [oldSecret, es.verifying.pem!, newSecret];
    expect((await verify(await sign({}, newSecret), keys)).keyIndex).toBe(2);
    expect((await verify(await sign({}, oldSecret), keys)).keyIndex).toBe(0);
    expect((await verify(await sign({}, es.signing.jwk), keys)).keyIndex).toBe(1);
    expect((await verify(await sign({}, newSecret), newSecret)).keyIndex).toBeUndefined();
  });

  it('checks each fitting key at most once, and no key of another family', async () => {
    const secrets = [generateSecret('HS256'), generateSecret('HS256'), generateSecret('HS256')];
    const rsa = await generateKeyPair('RS256');
    const token = await sign({}, generateSecret('HS256'));
    const spy = vi.mocked(backend.verify);
    spy.mockClear();
    await expectCode(verify(token, [...secrets, rsa.publicKey]), 'ERR_JWT_SIGNATURE');
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('refuses a token whose alg fits none of the keys, and misconfigured lists', async () => {
    const rsa = await generateKeyPair('RS256');
    await expectCode(verify(await sign({}, rsa.privateKey), [generateSecret('HS256')]), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(await sign({}, rsa.privateKey), [generateSecret('HS256')], { algorithms: ['RS256'] }), 'ERR_KEY');
    await expect(verify(await sign({}, rsa.privateKey), [])).rejects.toBeInstanceOf(TypeError);
  });
});

describe('the crypto backend', () => {
  it('a key the backend imported but cannot use is ERR_KEY, not its own exception', async () => {
    // Deno imports an EC key whose point is off the curve and throws only when verifying with it.
    const secret = generateSecret('HS256');
    const token = await sign({}, secret);
    vi.mocked(backend.verify).mockImplementationOnce(() => {
      throw new TypeError('Invalid key format');
    });
    await expectCode(verify(token, secret), 'ERR_KEY');
    vi.mocked(backend.verify).mockImplementationOnce(() => Promise.reject(new TypeError('Invalid key format')));
    await expectCode(verify(token, secret), 'ERR_KEY');
    vi.mocked(backend.sign).mockImplementationOnce(() => Promise.reject(new TypeError('Invalid key format')));
    await expectCode(sign({}, secret), 'ERR_KEY');
    expect((await verify(token, secret)).payload).toBeDefined();
  });
});

describe('custom validators', () => {
  const secret = generateSecret('HS256');

  it('per claim: true passes, false or a reason fails with ERR_JWT_CLAIM', async () => {
    const token = await sign({ role: 'user', tenant: 't1' }, secret);
    await verify(token, secret, { validate: { tenant: (value) => value === 't1' } });
    const error = (await expectCode(
      verify(token, secret, { validate: { role: (value) => value === 'admin' || 'not an admin' } }),
      'ERR_JWT_CLAIM',
    )) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual(['role', 'not an admin']);
    const rejected = (await expectCode(
      verify(token, secret, { validate: { missing: (value) => value !== undefined } }),
      'ERR_JWT_CLAIM',
    )) as JwtClaimError;
    expect([rejected.claim, rejected.reason]).toEqual(['missing', 'rejected']);
  });

  it('whole payload, async, and fail closed on anything but true', async () => {
    const token = await sign({ a: 1, b: 2 }, secret);
    await verify(token, secret, { validate: (payload) => Promise.resolve(payload.a === 1) });
    const error = (await expectCode(
      verify(token, secret, { validate: (payload: JwtPayload) => (payload.b === 3 ? true : 'b must be 3') }),
      'ERR_JWT_CLAIM',
    )) as JwtClaimError;
    expect([error.claim, error.reason]).toEqual(['payload', 'b must be 3']);
    await expectCode(verify(token, secret, { validate: (() => undefined) as never }), 'ERR_JWT_CLAIM');
  });

  it('run only after the signature and the standard claims', async () => {
    const validator = vi.fn(() => true);
    const expired = await sign({}, secret, { expiresIn: 1, currentDate: new Date(0) });
    await expectCode(verify(expired, secret, { validate: validator }), 'ERR_JWT_EXPIRED');
    await expectCode(verify(await sign({}, generateSecret('HS256')), secret, { validate: { sub: validator } }), 'ERR_JWT_SIGNATURE');
    expect(validator).not.toHaveBeenCalled();
  });
});

describe('isRevoked', () => {
  const secret = generateSecret('HS256');

  it('a revoked jti fails with ERR_JWT_REVOKED; other tokens pass', async () => {
    const denied = new Map<string, number>([['stolen', Date.now() / 1000 + 60]]);
    const isRevoked = (payload: JwtPayload) => typeof payload.jti === 'string' && denied.has(payload.jti);
    const error = await expectCode(verify(await sign({}, secret, { jwtId: 'stolen' }), secret, { isRevoked }), 'ERR_JWT_REVOKED');
    expect(error).toBeInstanceOf(JwtRevokedError);
    await verify(await sign({}, secret, { jwtId: 'fine' }), secret, { isRevoked: (p) => Promise.resolve(isRevoked(p)) });
  });

  it('runs last, and must answer a boolean', async () => {
    const hook = vi.fn(() => true);
    await expectCode(
      verify(await sign({}, secret, { expiresIn: 1, currentDate: new Date(0) }), secret, { isRevoked: hook }),
      'ERR_JWT_EXPIRED',
    );
    expect(hook).not.toHaveBeenCalled();
    await expect(verify(await sign({}, secret), secret, { isRevoked: (() => 'no') as never })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('expiry errors carry the verified context', () => {
  it('ERR_JWT_EXPIRED and ERR_JWT_NOT_BEFORE have header, payload and the date', async () => {
    const secret = generateSecret('HS256');
    const expired = (await expectCode(
      verify(await sign({ sub: 'user-1' }, secret, { expiresIn: 60, currentDate: new Date(0) }), secret),
      'ERR_JWT_EXPIRED',
    )) as JwtExpiredError;
    expect([expired.payload.sub, expired.header.alg, expired.expiredAt.getTime()]).toEqual(['user-1', 'HS256', 60_000]);
    const early = (await expectCode(
      verify(await sign({ sub: 'user-2' }, secret, { notBefore: '1h' }), secret),
      'ERR_JWT_NOT_BEFORE',
    )) as JwtNotBeforeError;
    expect(early.payload.sub).toBe('user-2');
    expect(early.date.getTime()).toBe((early.payload.nbf as number) * 1000);
  });
});
