/**
 * C32 — remote JWKS fetching abuse: refetch storms, hangs, oversized or hostile bodies, redirects,
 * outages, SSRF through token headers. Safe: cooldown on unknown kids, timeout, streamed size limit,
 * no redirects, https only (loopback http for development), last good set within a stale window,
 * never a URL from the token. BCP-3.10-1. Runs against a real server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, verify } from '../../src/index.js';
import { keyPair, startServer, useJwksServer, type TestServer } from '../keys/jwks-server.js';
import { expectCode } from '../support.js';

describe('C32 remote key sets', () => {
  const fx = useJwksServer();

  it('prevents refetch storms: 50 unknown kids, at most one refetch per cooldown', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cooldown: '30s' });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.clock += 31_000;
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => fx.tokenFor(fx.a, `unknown-${i}`)));
    for (const token of tokens) await expectCode(verify(token, jwks), 'ERR_JWKS_NO_KEY');
    expect(fx.server.requests).toBe(2);
    fx.clock += 10_000;
    await expectCode(verify(tokens[0]!, jwks), 'ERR_JWKS_NO_KEY');
    expect(fx.server.requests).toBe(2);
    fx.clock += 30_000;
    await expectCode(verify(tokens[0]!, jwks), 'ERR_JWKS_NO_KEY');
    expect(fx.server.requests).toBe(3);
  });
  it('times out a slow server with ERR_JWKS_FETCH', async () => {
    fx.server.mode = 'slow';
    const jwks = createRemoteJWKSet(fx.server.url, { timeout: 0.2 });
    await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH');
  });
  it.each(['500', '404', 'html', 'bad-json', 'huge', 'huge-chunked', 'redirect', 'private', 'secret'] as const)(
    '%s is ERR_JWKS_FETCH',
    async (mode) => {
      fx.server.mode = mode;
      const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, maxResponseBytes: 1024 * 1024 });
      const error = (await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH')) as Error;
      expect(error.message).not.toMatch(/login|oops|xxxx/);
      expect(fx.server.requests).toBe(1);
    },
  );
  it('keeps serving the last good set within the stale window when refetches fail', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now, cacheMaxAge: '10m', staleWhileError: '1h' });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.mode = '500';
    fx.clock += 30 * 60_000;
    await verify(await fx.tokenFor(fx.a), jwks);
    expect(fx.server.requests).toBe(2);
    fx.clock += 45 * 60_000;
    await expectCode(verify(await fx.tokenFor(fx.a), jwks), 'ERR_JWKS_FETCH');
  });
  it('never follows jku or x5u from the token', async () => {
    const attacker = await startServer();
    try {
      const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
      const token = await sign({}, fx.b.privateKey, { header: { kid: 'b', jku: attacker.url, x5u: attacker.url } });
      await expectCode(verify(token, jwks), 'ERR_JWKS_NO_KEY');
      expect(attacker.requests).toBe(0);
    } finally {
      await attacker.close();
    }
  });
  it('refuses URLs that are not https or loopback http, and credentials in URLs', () => {
    expect(() => createRemoteJWKSet('http://auth.example.com/jwks.json')).toThrow(TypeError);
    expect(() => createRemoteJWKSet('ftp://127.0.0.1/jwks.json')).toThrow(TypeError);
    expect(() => createRemoteJWKSet('https://user:pass@auth.example.com/jwks.json')).toThrow(TypeError);
    expect(() => createRemoteJWKSet('https://auth.example.com/jwks.json', { cooldown: 'soon' })).toThrow(TypeError);
    expect(() => createRemoteJWKSet('https://auth.example.com/jwks.json')).not.toThrow();
  });
});

describe('BCP-3.8-2 key set bound to its issuer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('a token from another issuer is refused even when its key is in the set', async () => {
    const pair = await keyPair('k');
    server.keys = [pair.jwk];
    const jwks = createRemoteJWKSet(server.url, { issuer: 'https://auth.example.com' });
    const sign_ = (iss?: string) => sign(iss === undefined ? {} : { iss }, pair.privateKey, { header: { kid: 'k' } });
    await verify(await sign_('https://auth.example.com'), jwks);
    await expectCode(verify(await sign_('https://evil.example.com'), jwks), 'ERR_JWT_CLAIM');
    await expectCode(verify(await sign_(), jwks), 'ERR_JWT_CLAIM');
    // Both bindings apply when the caller also passes an issuer option.
    await expectCode(verify(await sign_('https://auth.example.com'), jwks, { issuer: 'https://other.example.com' }), 'ERR_JWT_CLAIM');
  });
});
