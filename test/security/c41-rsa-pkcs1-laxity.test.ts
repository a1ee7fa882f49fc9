/**
 * C41 — RSA PKCS#1 v1.5 padding laxity (Bleichenbacher-style forgeries). Safe: WebCrypto's strict
 * RSASSA-PKCS1-v1_5; exact signature length. Wycheproof's rsa_signature_* run in test/conformance/wycheproof.ts.
 */
import { constants, privateEncrypt } from 'node:crypto';
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, rsa, withSignature } from './fixtures.js';

const token = forge({ alg: 'RS256' }, { sub: 'admin' }, { alg: 'RS256', key: rsa.privateKey });
const sig = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');

describe('C41 RSA PKCS#1 v1.5', () => {
  it('a raw PKCS#1 block without the DigestInfo is refused', async () => {
    const input = token.slice(0, token.lastIndexOf('.'));
    const { createHash } = await import('node:crypto');
    const bare = privateEncrypt({ key: rsa.privateKey, padding: constants.RSA_PKCS1_PADDING }, createHash('sha256').update(input).digest());
    await expectCode(verify(withSignature(token, bare.toString('base64url')), rsa.publicJwk), 'ERR_JWT_SIGNATURE');
  });

  it('a signature one byte short (leading zero stripped) or one byte long is refused', async () => {
    await expectCode(verify(withSignature(token, sig.subarray(1).toString('base64url')), rsa.publicJwk), 'ERR_JWT_SIGNATURE');
    await expectCode(
      verify(withSignature(token, Buffer.concat([Buffer.alloc(1), sig]).toString('base64url')), rsa.publicJwk),
      'ERR_JWT_SIGNATURE',
    );
  });

  it('an RS256 signature presented as RS384 or PS256 is refused', async () => {
    const asRs384 = forge({ alg: 'RS384' }, { sub: 'admin' }, { alg: 'RS256', key: rsa.privateKey });
    await expectCode(verify(asRs384, rsa.publicJwk, { algorithms: ['RS384'] }), 'ERR_JWT_SIGNATURE');
    const asPs256 = forge({ alg: 'PS256' }, { sub: 'admin' }, { alg: 'RS256', key: rsa.privateKey });
    await expectCode(verify(asPs256, rsa.publicJwk, { algorithms: ['PS256'] }), 'ERR_JWT_SIGNATURE');
  });
});
