/**
 * C61 — a remote key set's helpers that never answer: a cache store whose `get()` or `set()` never
 * settles (or throws), a custom `fetch` that ignores the abort signal.
 * Malicious input: a KV binding that hangs, a fetch wrapper (retrying, instrumented) that drops the
 * signal, a body that stalls forever. Before: verification hung forever, and after one hung `set()`
 * every unknown-kid token and every verification after cacheMaxAge hung too.
 * Safe: `get()` is a miss after `timeout`; `set()` runs apart from every verification; the fetch and
 * its body are bounded by `timeout` whatever the fetch does with the signal. The clock is a fake
 * `now`; timeouts are real but short (0.2 s), and each verification must settle within a bound.
 */
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, verify, type JwksCacheStore } from '../../src/index.js';
import { useJwksServer } from '../keys/jwks-server.js';
import { expectCode } from '../support.js';

const TIMEOUT = 0.2;
/** Far above TIMEOUT, far below "forever". */
const BOUND_MS = 1500;

/** `pending`, failing the test if it has not settled within `ms`; its outcome either way. */
async function settles<T>(pending: Promise<T>, ms = BOUND_MS): Promise<PromiseSettledResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => {
      resolve('hung');
    }, ms);
  });
  const outcome = await Promise.race([Promise.allSettled([pending]).then(([result]) => result), hang]);
  clearTimeout(timer);
  if (outcome === 'hung') expect.fail(`the verification did not settle within ${ms} ms`);
  return outcome;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

describe('C61 a cache store can never hang verification', () => {
  const fx = useJwksServer();

  it('get() that never settles is a miss after the timeout', async () => {
    const store: JwksCacheStore = { get: () => never(), set: () => undefined };
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cache: store, timeout: TIMEOUT });
    const started = performance.now();
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT * 1000 - 20);
    expect(fx.server.requests).toBe(1);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('kv down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('kv down'))],
  ] as const)('get() that %s is a miss', async (_, get) => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cache: { get, set: () => undefined }, timeout: TIMEOUT });
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
  });

  it('set() that never settles delays nothing: not the first verification, not a rotation, not a refresh', async () => {
    let writes = 0;
    const store: JwksCacheStore = {
      get: () => undefined,
      set: () => {
        writes++;
        return never();
      },
    };
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cache: store, timeout: TIMEOUT, cacheMaxAge: '10m' });
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
    // A rotated key: the unknown kid refetches, and that fetch must not wait for the store either.
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    expect((await settles(verify(await fx.tokenFor(fx.b), jwks))).status).toBe('fulfilled');
    fx.clock += 11 * 60_000;
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
    expect(fx.server.requests).toBe(3);
    // Concurrent verifications sharing a fetch are not held by the store either.
    fx.clock += 11 * 60_000;
    const all = Promise.all(Array.from({ length: 10 }, async () => verify(await fx.tokenFor(fx.a), jwks)));
    expect((await settles(all)).status).toBe('fulfilled');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(writes).toBe(4);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('kv down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('kv down'))],
  ] as const)('set() that %s is ignored', async (_, set) => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cache: { get: () => undefined, set }, timeout: TIMEOUT });
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    expect((await settles(verify(await fx.tokenFor(fx.b), jwks))).status).toBe('fulfilled');
  });
});

describe('C61 a fetch that ignores the abort signal cannot hang verification', () => {
  const fx = useJwksServer();

  it('a fetch that never answers: ERR_JWKS_FETCH after the timeout', async () => {
    let calls = 0;
    const jwks = createRemoteJWKSet('https://issuer.example/jwks.json', {
      timeout: TIMEOUT,
      fetch: () => {
        calls++;
        return never();
      },
    });
    const started = performance.now();
    const outcome = await settles(verify(await fx.tokenFor(fx.a), jwks));
    expect(outcome.status).toBe('rejected');
    await expectCode(() => {
      throw (outcome as PromiseRejectedResult).reason;
    }, 'ERR_JWKS_FETCH');
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT * 1000 - 20);
    expect(calls).toBe(1);
  });

  it('a body that never ends, whose stream ignores cancellation: ERR_JWKS_FETCH after the timeout', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (controller) => {
            controller.enqueue(new TextEncoder().encode('{"keys":['));
          },
        }),
      );
    const jwks = createRemoteJWKSet('https://issuer.example/jwks.json', { timeout: TIMEOUT, fetch: () => Promise.resolve(stalled()) });
    const outcome = await settles(verify(await fx.tokenFor(fx.a), jwks));
    await expectCode(() => {
      throw (outcome as PromiseRejectedResult).reason;
    }, 'ERR_JWKS_FETCH');
  });

  it('after a hung fetch, the set still works once the fetch answers (the hang held nothing)', async () => {
    let hang = true;
    const jwks = createRemoteJWKSet(fx.server.url, {
      now: fx.now,
      timeout: TIMEOUT,
      cooldown: '30s',
      fetch: (input, init) => (hang ? never() : fetch(input, init)),
    });
    await expectCode(
      settles(verify(await fx.tokenFor(fx.a), jwks)).then((o) => (o.status === 'rejected' ? Promise.reject(o.reason as Error) : o.value)),
      'ERR_JWKS_FETCH',
    );
    hang = false;
    fx.clock += 31_000;
    expect((await settles(verify(await fx.tokenFor(fx.a), jwks))).status).toBe('fulfilled');
  });
});
