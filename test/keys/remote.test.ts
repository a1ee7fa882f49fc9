/** createRemoteJWKSet: caching, coalescing and rotation against a real server on 127.0.0.1. (Abuse cases: test/security/c32.) */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, verify } from '../../src/index.js';
import { keyPair, startServer, type TestServer } from './jwks-server.js';

describe('createRemoteJWKSet', () => {
  let server: TestServer;
  let a: Awaited<ReturnType<typeof keyPair>>;
  let b: Awaited<ReturnType<typeof keyPair>>;
  let clock = 0;
  const now = () => clock;
  const tokenFor = (pair: typeof a, kid = pair.kid) => sign({ sub: kid }, pair.privateKey, { header: { kid } });

  beforeAll(async () => {
    server = await startServer();
    [a, b] = await Promise.all([keyPair('a'), keyPair('b')]);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests = 0;
    server.mode = 'ok';
    server.keys = [a.jwk];
    clock = 1_000_000;
  });

  it('fetches once and serves many verifications from the cache', async () => {
    const jwks = createRemoteJWKSet(server.url, { now });
    for (let i = 0; i < 10; i++) expect((await verify(await tokenFor(a), jwks)).payload.sub).toBe('a');
    expect(server.requests).toBe(1);
  });

  it('coalesces concurrent verifications into one fetch', async () => {
    const jwks = createRemoteJWKSet(server.url, { now });
    const token = await tokenFor(a);
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(token, jwks)));
    expect(results).toHaveLength(20);
    expect(server.requests).toBe(1);
  });

  it('picks up a rotated key on an unknown kid, with one refetch', async () => {
    const jwks = createRemoteJWKSet(server.url, { now });
    await verify(await tokenFor(a), jwks);
    server.keys = [a.jwk, b.jwk];
    clock += 31_000; // past the cooldown since the first fetch
    expect((await verify(await tokenFor(b), jwks)).payload.sub).toBe('b');
    expect(server.requests).toBe(2);
  });


  it('refetches when the cache expires', async () => {
    const jwks = createRemoteJWKSet(server.url, { now, cacheMaxAge: '10m' });
    await verify(await tokenFor(a), jwks);
    clock += 9 * 60_000;
    await verify(await tokenFor(a), jwks);
    expect(server.requests).toBe(1);
    clock += 2 * 60_000;
    await verify(await tokenFor(a), jwks);
    expect(server.requests).toBe(2);
  });






  it('uses an injected fetch', async () => {
    let calls = 0;
    const jwks = createRemoteJWKSet('https://auth.example.com/jwks.json', {
      fetch: () => {
        calls++;
        return Promise.resolve(new Response(JSON.stringify({ keys: [a.jwk] })));
      },
    });
    await verify(await tokenFor(a), jwks);
    expect(calls).toBe(1);
  });
});
