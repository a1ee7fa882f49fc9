/**
 * C35 — timing side channel in HMAC comparison. Safe: no MAC is compared with === or byte by byte in
 * JavaScript. On WebCrypto webjwt calls verify("HMAC"), which compares in constant time; the Node
 * backend computes the MAC and compares it with crypto.timingSafeEqual once the lengths match (the
 * length is public: RFC 7518 §3.2 fixes it per alg). Tested here: a same-length wrong MAC
 * and MACs that differ only in the last byte all fail the same way. No timing assertion (flaky by nature).
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret, withSignature } from './fixtures.js';

describe('C35 HMAC verification', () => {
  const token = forge({ alg: 'HS256' }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret });
  const mac = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');

  it.each([0, 15, 31])('a MAC differing only in byte %i is refused', async (index) => {
    const wrong = Buffer.from(mac);
    wrong[index] = wrong[index]! ^ 0x01;
    await expectCode(verify(withSignature(token, wrong.toString('base64url')), hmacJwk), 'ERR_JWT_SIGNATURE');
  });

  it('a truncated MAC (a prefix) is refused', async () => {
    await expectCode(verify(withSignature(token, mac.subarray(0, 16).toString('base64url')), hmacJwk), 'ERR_JWT_SIGNATURE');
  });
});
