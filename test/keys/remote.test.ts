/** createRemoteJWKSet: caching, coalescing and rotation against a real server on 127.0.0.1. (Abuse cases: test/security/c32.) */
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, verify } from '../../src/index.js';
import { useJwksServer } from './jwks-server.js';

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
