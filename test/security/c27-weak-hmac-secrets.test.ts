/**
 * C27 — weak or short HMAC secrets. Safe: refused below the hash output size (RFC 7518 §3.2) at sign
 * and verify, as strings (UTF-8 bytes) or bytes; allowWeakKeys is the only, explicit, opt-in. BCP-3.5-1.
 */
import { describe, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';

const sizes = { HS256: 32, HS384: 48, HS512: 64 } as const;

describe('C27 HMAC secret length', () => {
  for (const [alg, min] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
    it.each([1, 6, min - 1])(`${alg}: %i bytes refused at sign and verify, accepted with allowWeakKeys`, async (length) => {
      for (const secret of ['k'.repeat(length), new Uint8Array(length).fill(7)]) {
        await expectCode(sign({}, secret, { alg }), 'ERR_KEY');
        const token = hmacToken(`{"alg":"${alg}"}`, '{}', secret, `sha${alg.slice(2)}`);
        await expectCode(verify(token, secret, { algorithms: [alg] }), 'ERR_KEY');
        await verify(token, secret, { algorithms: [alg], allowWeakKeys: true });
        await verify(await sign({}, secret, { alg, allowWeakKeys: true }), secret, { algorithms: [alg], allowWeakKeys: true });
      }
    });

    it(`${alg}: exactly ${min} bytes is enough`, async () => {
      const secret = new Uint8Array(min).fill(9);
      await verify(await sign({}, secret, { alg }), secret, { algorithms: [alg] });
    });
  }

  it('a 32-byte secret is not enough for HS512 even when listed', async () => {
    const secret = 'k'.repeat(32);
    await expectCode(verify(hmacToken('{"alg":"HS512"}', '{}', secret, 'sha512'), secret, { algorithms: ['HS512'] }), 'ERR_KEY');
  });
});
