/** C28 — RSA keys under 2048 bits. Safe: refused at import for use, opt-in only (RFC 7518 §3.3). */
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'vitest';
import { importKey, sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge } from './fixtures.js';

describe('C28 RSA modulus size', () => {
  it.each([1024, 1536, 2040])('%i bits: refused as PEM, JWK and for signing; allowWeakKeys opts in', async (bits) => {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const token = forge({ alg: 'RS256' }, {}, { alg: 'RS256', key: pair.privateKey });
    await expectCode(verify(token, pem), 'ERR_KEY');
    await expectCode(verify(token, jwk as never), 'ERR_KEY');
    await expectCode(sign({}, privatePem), 'ERR_KEY');
    await expectCode(() => importKey(pem, 'RS256'), 'ERR_KEY');
    await verify(token, pem, { allowWeakKeys: true });
  });

  it('2048 bits is accepted', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await verify(
      forge({ alg: 'PS256' }, {}, { alg: 'PS256', key: pair.privateKey }),
      pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      { algorithms: ['PS256'] },
    );
  });
});
