/**
 * C01 — "alg":"none" accepted by verify(). Safe: never accepted, whatever the key or options; sign()
 * never emits it. BCP-3.2-1, BCP-3.2-2.
 */
import { describe, expect, it } from 'vitest';
import { decode, sign, verify } from '../../src/index.js';
import rfc7515 from '../../vectors/rfc/rfc7515_appendix_a.json' with { type: 'json' };
import rfc7519 from '../../vectors/rfc/rfc7519_examples.json' with { type: 'json' };
import { expectCode, rawToken } from '../support.js';
import { hmacJwk, p256, rsa } from './fixtures.js';

const clock = { currentDate: new Date(1300819000 * 1000) };
const keys = [
  ['HMAC JWK', hmacJwk, 'HS256'],
  ['RSA public JWK', rsa.publicJwk, 'RS256'],
  ['EC PEM', p256.publicPem, 'ES256'],
] as const;
const spellings = ['none', 'None', 'NONE', 'nOnE'];

describe('C01 alg none', () => {
  it.each(keys)('RFC 7515 A.5 and RFC 7519 §6.1 are refused with a %s', async (_name, key, alg) => {
    for (const token of [rfc7515.examples[4]!.compact, rfc7519.examples[1]!.compact]) {
      expect(decode(token).header.alg).toBe('none');
      await expectCode(verify(token, key, clock), 'ERR_JWT_ALGORITHM');
      await expectCode(verify(token, key, { ...clock, algorithms: [alg] }), 'ERR_JWT_ALGORITHM');
    }
  });

  it.each(spellings.flatMap((alg) => ['', 'c2ln', 'AAAA'].map((sig) => [alg, sig] as const)))(
    'alg %j with signature %j',
    async (alg, sig) => {
      const token = rawToken(JSON.stringify({ alg, typ: 'JWT' }), '{"sub":"admin"}', sig);
      for (const [, key, keyAlg] of keys) {
        await expectCode(verify(token, key), 'ERR_JWT_ALGORITHM');
        await expectCode(verify(token, key, { algorithms: [keyAlg] }), 'ERR_JWT_ALGORITHM');
        await expectCode(
          verify(token, () => key),
          'ERR_JWT_ALGORITHM',
        );
      }
    },
  );

  it('"none" can never be listed or requested', async () => {
    await expect(verify('a.b.c', hmacJwk, { algorithms: ['none' as never] })).rejects.toBeInstanceOf(TypeError);
    await expect(sign({}, hmacJwk, { alg: 'none' as never })).rejects.toBeInstanceOf(TypeError);
    await expect(sign({}, hmacJwk, { header: { alg: 'none' } })).rejects.toBeInstanceOf(TypeError);
    expect(decode(await sign({}, hmacJwk)).header.alg).toBe('HS256');
  });
});
