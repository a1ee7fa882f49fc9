/** createVerifier / createSigner, and the opt-in verified-token cache. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSigner, createVerifier, decode, generateKeyPair, generateSecret, sign } from '../src/index.js';
import * as backend from '../src/crypto/backend.js';
import { expectCode, tamper } from './support.js';

// Factories are hoisted above imports, so the spy helper is loaded inside this one.
vi.mock(import('../src/crypto/backend.js'), async (original) => (await import('./backend-spy.js')).spyOnBackend(original));

afterEach(() => {
  vi.clearAllMocks();
  vi.useRealTimers();
});

describe('createSigner and createVerifier', () => {
  it('bind key and options once; per-call options merge over them', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const signAccess = createSigner(privateKey, { issuer: 'https://auth', expiresIn: '15m', header: { typ: 'at+jwt' } });
    const verifyAccess = createVerifier(publicKey, { issuer: 'https://auth', typ: 'at+jwt' });
    const token = await signAccess({ sub: 'user-1' }, { audience: 'api' });
    expect(decode(token).payload).toMatchObject({ iss: 'https://auth', aud: 'api', sub: 'user-1' });
    expect((await verifyAccess(token)).payload.sub).toBe('user-1');
    await expectCode(verifyAccess(tamper(token)), 'ERR_JWT_SIGNATURE');
  });

  it('a misconfiguration throws at creation, not on the first token', () => {
    expect(() => createVerifier(generateSecret('HS256'), { algorithms: ['RS256'] })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY' }) as Error,
    );
    expect(() => createVerifier(generateSecret('HS256'), { algorithms: ['none' as never] })).toThrow(TypeError);
    expect(() => createSigner('short')).toThrow(expect.objectContaining({ code: 'ERR_KEY' }) as Error);
    expect(() => createVerifier('short')).toThrow(expect.objectContaining({ code: 'ERR_KEY' }) as Error);
    expect(() => createVerifier(['short', generateSecret('HS256')])).toThrow(expect.objectContaining({ code: 'ERR_KEY' }) as Error);
    expect(typeof createVerifier('short', { allowWeakKeys: true })).toBe('function');
    expect(() => createVerifier(generateSecret('HS256'), { cache: { maxEntries: 0 } })).toThrow(TypeError);
    // Claim options are checked (and compiled) once, at creation.
    for (const options of [
      { issuer: 5 },
      { audience: [] },
      { clockTolerance: '5' },
      { maxAge: 'soon' },
      { requiredClaims: 'sub' },
      { typ: 1 },
      { subject: {} },
    ]) {
      expect(() => createVerifier(generateSecret('HS256'), options as never), JSON.stringify(options)).toThrow(TypeError);
    }
  });
});

describe('verified-token cache', () => {
  const secret = generateSecret('HS256');

  it('skips the signature check for a token seen before, and only for that exact token', async () => {
    const verifyCached = createVerifier(secret, { cache: true });
    const token = await sign({ sub: 'a' }, secret, { expiresIn: '1h' });
    const spy = vi.mocked(backend.verify);
    spy.mockClear();
    await verifyCached(token);
    await verifyCached(token);
    await verifyCached(token);
    expect(spy).toHaveBeenCalledTimes(1);
    // A token differing in one character is a different entry, and fails on its own merits.
    await expectCode(verifyCached(tamper(token)), 'ERR_JWT_SIGNATURE');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('still checks the clock, the claims and isRevoked every time', async () => {
    const revoked = new Set<string>();
    const verifyCached = createVerifier(secret, { cache: true, audience: 'api', isRevoked: (p) => revoked.has(p.jti ?? '') });
    const issued = new Date();
    const token = await sign({ aud: 'api' }, secret, { expiresIn: 60, jwtId: 'j1', currentDate: issued });
    await verifyCached(token);
    await expectCode(verifyCached(token, { currentDate: new Date(issued.getTime() + 61_000) }), 'ERR_JWT_EXPIRED');
    revoked.add('j1');
    await expectCode(verifyCached(token), 'ERR_JWT_REVOKED');
  });

  it('returns fresh objects: a caller mutating a payload cannot change the next result', async () => {
    const verifyCached = createVerifier(secret, { cache: true });
    const token = await sign({ roles: ['user'] }, secret);
    const first = await verifyCached(token);
    (first.payload.roles as string[]).push('admin');
    expect((await verifyCached(token)).payload.roles).toEqual(['user']);
  });

  it('is bounded by maxEntries (least recently used goes first) and by ttl', async () => {
    const verifyCached = createVerifier(secret, { cache: { maxEntries: 2, ttl: '1s' } });
    const [t1, t2, t3] = await Promise.all([1, 2, 3].map((n) => sign({ n }, secret)));
    const spy = vi.mocked(backend.verify);
    spy.mockClear();
    await verifyCached(t1!);
    await verifyCached(t2!);
    await verifyCached(t3!); // evicts t1
    await verifyCached(t1!);
    expect(spy).toHaveBeenCalledTimes(4);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2000);
    await verifyCached(t1!); // past the ttl
    expect(spy).toHaveBeenCalledTimes(5);
  });

  it('never remembers a token past its exp, nor one that failed', async () => {
    // The clock stands still until moved: on the real one, exp (2 s after iat, a whole second) can
    // be as little as 1 s away when signed, which a busy machine may spend before the first verify.
    vi.useFakeTimers({ toFake: ['Date'] });
    const verifyCached = createVerifier(secret, { cache: { ttl: '1h' }, audience: 'api' });
    const soon = await sign({ aud: 'api' }, secret, { expiresIn: 2 });
    const wrongAudience = await sign({ aud: 'web' }, secret);
    const spy = vi.mocked(backend.verify);
    spy.mockClear();
    await verifyCached(soon);
    await expectCode(verifyCached(wrongAudience), 'ERR_JWT_CLAIM');
    await expectCode(verifyCached(wrongAudience), 'ERR_JWT_CLAIM');
    expect(spy).toHaveBeenCalledTimes(3);
    vi.setSystemTime(Date.now() + 3000);
    await expectCode(verifyCached(soon), 'ERR_JWT_EXPIRED');
    expect(spy).toHaveBeenCalledTimes(4);
  });
});
