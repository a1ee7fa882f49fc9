/**
 * C10 — jku / x5u headers dereferenced (SSRF, attacker key sets). Safe: never fetched; no network
 * request at all. BCP-3.10-1.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret, p256 } from './fixtures.js';

describe('C10 jku and x5u', () => {
  const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchSpy);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchSpy.mockClear();
  });

  it.each([
    { jku: 'http://169.254.169.254/latest/meta-data/', kid: 'x' },
    { x5u: 'http://127.0.0.1:2375/containers/json' },
    { jku: 'https://attacker.example/jwks.json', x5u: 'https://attacker.example/cert.pem' },
  ])('%o is never followed', async (extra) => {
    const forged = forge({ alg: 'ES256', ...extra }, { sub: 'admin' }, { alg: 'ES256', key: p256.privateKey });
    await verify(forged, p256.publicJwk); // signed by the real key: valid, and still nothing fetched
    const hs = forge({ alg: 'HS256', ...extra }, { sub: 'admin' }, { alg: 'HS256', key: 'attacker' });
    await expectCode(verify(hs, hmacJwk), 'ERR_JWT_SIGNATURE');
    await verify(forge({ alg: 'HS256', ...extra }, {}, { alg: 'HS256', key: hmacSecret }), hmacJwk);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
