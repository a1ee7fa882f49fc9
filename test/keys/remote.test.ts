/** createRemoteJWKSet: caching, coalescing and rotation against a real server on 127.0.0.1. (Abuse cases: test/security/c32.) */
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { startServer, useJwksServer } from './jwks-server.js';

describe('createRemoteJWKSet', () => {
  const fx = useJwksServer();

  it('fetches once and serves many verifications from the cache', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    for (let i = 0; i < 10; i++) expect((await verify(await fx.tokenFor(fx.a), jwks)).payload.sub).toBe('a');
    expect(fx.server.requests).toBe(1);
  });

  it('coalesces concurrent verifications into one fetch', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    const token = await fx.tokenFor(fx.a);
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(token, jwks)));
    expect(results).toHaveLength(20);
    expect(fx.server.requests).toBe(1);
  });

  it('picks up a rotated key on an unknown kid, with one refetch', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    fx.clock += 31_000; // past the cooldown since the first fetch
    expect((await verify(await fx.tokenFor(fx.b), jwks)).payload.sub).toBe('b');
    expect(fx.server.requests).toBe(2);
  });

  it('concurrent tokens with a rotated kid all wait for the one refetch', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    fx.clock += 31_000;
    const token = await fx.tokenFor(fx.b);
    // allSettled: a failure must not leave the refetch running into the next test.
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => verify(token, jwks)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.payload.sub : (r.reason as unknown)))).toEqual(
      Array<string>(20).fill('b'),
    );
    expect(fx.server.requests).toBe(2);
  });

  it('finds a kid published 1 s after the cold fetch at once: the cooldown counts between unknown-kid refetches only', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cooldown: '30s' });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    fx.clock += 1_000;
    expect((await verify(await fx.tokenFor(fx.b), jwks)).payload.sub).toBe('b');
    expect(fx.server.requests).toBe(2);
  });

  it('50 unknown kids right after the cold fetch cost one refetch per cooldown', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cooldown: '30s' });
    await verify(await fx.tokenFor(fx.a), jwks);
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => fx.tokenFor(fx.a, `unknown-${i}`)));
    for (const token of tokens) {
      await expectCode(verify(token, jwks), 'ERR_JWKS_NO_KEY');
      fx.clock += 500; // 25 s in all: within one cooldown
    }
    expect(fx.server.requests).toBe(2);
    await Promise.allSettled(tokens.map((token) => verify(token, jwks)));
    expect(fx.server.requests).toBe(2);
    fx.clock += 5_000; // 30 s after the refetch
    for (const token of tokens) await expectCode(verify(token, jwks), 'ERR_JWKS_NO_KEY');
    expect(fx.server.requests).toBe(3);
  });

  it('a token whose unknown kid made the cold fetch does not refetch at once', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await expectCode(verify(await fx.tokenFor(fx.b), jwks), 'ERR_JWKS_NO_KEY');
    expect(fx.server.requests).toBe(1);
  });

  it('refetches when the cache expires', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cacheMaxAge: '10m' });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.clock += 9 * 60_000;
    await verify(await fx.tokenFor(fx.a), jwks);
    expect(fx.server.requests).toBe(1);
    fx.clock += 2 * 60_000;
    await verify(await fx.tokenFor(fx.a), jwks);
    expect(fx.server.requests).toBe(2);
  });

  it('retries a failing server once per cooldown, not once per token, with a stale set', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cacheMaxAge: '10m', cooldown: '30s' });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.mode = '500';
    fx.clock += 11 * 60_000; // expired, within staleWhileError
    for (let i = 0; i < 10; i++) await verify(await fx.tokenFor(fx.a), jwks);
    expect(fx.server.requests).toBe(2);
    fx.server.mode = 'ok';
    fx.server.keys = [fx.b.jwk];
    fx.clock += 31_000;
    await verify(await fx.tokenFor(fx.b), jwks); // the retry after the cooldown succeeds
    expect(fx.server.requests).toBe(3);
  });

  it('retries a failing server once per cooldown, not once per token, with no set yet', async () => {
    fx.server.mode = '500';
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cooldown: '30s' });
    const errors: unknown[] = [];
    for (let i = 0; i < 10; i++) errors.push(await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH'));
    expect(fx.server.requests).toBe(1);
    // Until the retry, the last failure is the cause.
    for (const error of errors.slice(1)) expect((error as Error).cause).toBe(errors[0]);
    fx.server.mode = 'ok';
    fx.clock += 31_000;
    await verify(await fx.tokenFor(fx.a), jwks);
    expect(fx.server.requests).toBe(2);
  });

  it.each(['slow', 'stall-body'] as const)('the timeout ends a %s response quickly with ERR_JWKS_FETCH', async (mode) => {
    fx.server.mode = mode;
    const jwks = createRemoteJWKSet(fx.server.url, { timeout: 0.2 });
    const started = Date.now();
    await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH');
    // Generous: the point is not waiting for the server (1.5 s, or never).
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('refuses a same-origin redirect too, without following it', async () => {
    fx.server.mode = 'redirect-same-origin';
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH');
    expect(fx.server.requests).toBe(1);
  });

  it('never uses jku, x5u, jwk or x5c from the token', async () => {
    const attacker = await startServer();
    try {
      const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
      // Signed with b, claiming kid a, embedding b's public key and pointing at the attacker's set.
      const header = { kid: 'a', jku: attacker.url, x5u: attacker.url, jwk: fx.b.jwk, x5c: ['MIIB'] };
      attacker.keys = [fx.b.jwk];
      await expectCode(verify(await sign({}, fx.b.privateKey, { header }), jwks), 'ERR_JWT_SIGNATURE');
      expect(attacker.requests).toBe(0);
      expect(fx.server.requests).toBe(1);
    } finally {
      await attacker.close();
    }
  });

  it.each([
    ['https://auth.example.com/jwks.json', true],
    ['http://127.0.0.1:8080/jwks.json', true],
    ['http://localhost/jwks.json', true],
    ['http://[::1]/jwks.json', true],
    ['http://auth.example.com/jwks.json', false],
    ['http://127.0.0.1.nip.io/jwks.json', false],
    ['http://localhost.example.com/jwks.json', false],
    ['http://10.0.0.1/jwks.json', false],
    ['file:///etc/jwks.json', false],
  ] as const)('%s is accepted: %s', (url, accepted) => {
    if (accepted) expect(() => createRemoteJWKSet(url)).not.toThrow();
    else expect(() => createRemoteJWKSet(url)).toThrow(TypeError);
  });

  it('checks every option at creation: unknown names (with the nearest known one) and wrong types are TypeErrors', () => {
    const url = 'https://auth.example.com/jwks.json';
    expect(() => createRemoteJWKSet(url, { cacheMaxAg: '5m' } as never)).toThrow(
      /createRemoteJWKSet\(\): unknown option "cacheMaxAg"; did you mean "cacheMaxAge"\?/,
    );
    expect(() => createRemoteJWKSet(url, { coolDown: '5s' } as never)).toThrow(/did you mean "cooldown"/);
    const wrong: [string, unknown][] = [
      ['fetch', 'https://proxy'],
      ['headers', { 'user-agent': 1 }],
      ['headers', ['x']],
      ['cache', {}],
      ['cache', { get: () => undefined }],
      ['now', 5],
      ['issuer', 5],
      ['cacheMaxAge', 'soon'],
      ['cacheMinAge', -1],
      ['cooldown', 'x'],
      ['timeout', '0s'],
      ['staleWhileError', null],
      ['maxResponseBytes', 0],
      ['maxResponseBytes', 1.5],
      ['maxResponseBytes', '1024'],
    ];
    for (const [name, value] of wrong)
      expect(() => createRemoteJWKSet(url, { [name]: value }), `${name}: ${JSON.stringify(value)}`).toThrow(TypeError);
    expect(() =>
      createRemoteJWKSet(url, {
        headers: { 'user-agent': 'app' },
        cache: { get: () => undefined, set: () => undefined },
        now: Date.now,
        issuer: url,
      }),
    ).not.toThrow();
  });

  it('a zero timeout is a TypeError, not a key set that always fails', () => {
    expect(() => createRemoteJWKSet('https://auth.example.com/jwks.json', { timeout: 0 })).toThrow(TypeError);
  });

  it('uses an injected fetch', async () => {
    let calls = 0;
    const jwks = createRemoteJWKSet('https://auth.example.com/jwks.json', {
      fetch: () => {
        calls++;
        return Promise.resolve(new Response(JSON.stringify({ keys: [fx.a.jwk] })));
      },
    });
    await verify(await fx.tokenFor(fx.a), jwks);
    expect(calls).toBe(1);
  });
});

describe('createRemoteJWKSet follows HTTP caching', () => {
  const fx = useJwksServer();

  /** Requests made by verifying at each offset (ms) from the first fetch. */
  async function requestsAt(offsets: number[], options: object = {}): Promise<number[]> {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, ...options });
    const start = fx.clock;
    const seen: number[] = [];
    for (const offset of offsets) {
      fx.clock = start + offset;
      await verify(await fx.tokenFor(fx.a), jwks);
      seen.push(fx.server.requests);
    }
    return seen;
  }

  it('Cache-Control max-age shortens the cache', async () => {
    fx.server.headers = { 'cache-control': 'public, max-age=60' };
    expect(await requestsAt([0, 59_000, 61_000])).toEqual([1, 1, 2]);
  });

  it('is clamped to cacheMinAge below and cacheMaxAge above', async () => {
    fx.server.headers = { 'cache-control': 'max-age=5' };
    expect(await requestsAt([0, 29_000, 31_000])).toEqual([1, 1, 2]);
    fx.server.requests = 0;
    fx.server.headers = { 'cache-control': 'no-store' };
    expect(await requestsAt([0, 29_000, 31_000], { cacheMinAge: '30s' })).toEqual([1, 1, 2]);
    fx.server.requests = 0;
    fx.server.headers = { 'cache-control': 'max-age=86400' };
    expect(await requestsAt([0, 9 * 60_000, 11 * 60_000], { cacheMaxAge: '10m' })).toEqual([1, 1, 2]);
  });

  it('Expires is honoured when there is no max-age', async () => {
    // The server's Expires is absolute, so the test clock must match real time here.
    const realNow = Date.now();
    fx.clock = realNow;
    fx.server.headers = { expires: new Date(realNow + 120_000).toUTCString() };
    expect(await requestsAt([0, 100_000, 125_000])).toEqual([1, 1, 2]);
  });

  it('a cache store lets a new instance (a cold isolate) start without fetching', async () => {
    let saved: unknown;
    const store = {
      get: () => saved,
      set: (entry: unknown) => {
        saved = entry;
      },
    };
    await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(fx.server.url, { now: fx.now, cache: store }));
    expect(fx.server.requests).toBe(1);
    // The store is written apart from the verification, in a task of its own.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(saved).toMatchObject({ jwks: { keys: [fx.a.jwk] }, fetchedAt: fx.clock });
    await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(fx.server.url, { now: fx.now, cache: store }));
    expect(fx.server.requests).toBe(1);
    fx.clock += 11 * 60_000; // the stored copy is now stale
    await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(fx.server.url, { now: fx.now, cache: store }));
    expect(fx.server.requests).toBe(2);
  });

  it('a broken or poisoned store is a cache miss, never a failure or a key source', async () => {
    const throwing = {
      get: () => {
        throw new Error('kv down');
      },
      set: () => Promise.reject(new Error('kv down')),
    };
    await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(fx.server.url, { now: fx.now, cache: throwing }));
    const poisoned = {
      get: () => ({ jwks: { keys: [{ kty: 'oct', k: 'a'.repeat(43) }] }, fetchedAt: fx.clock, maxAge: 600_000 }),
      set: () => undefined,
    };
    await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(fx.server.url, { now: fx.now, cache: poisoned }));
    expect(fx.server.requests).toBe(2);
  });
});
