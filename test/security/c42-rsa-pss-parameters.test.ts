/** C42 — RSA-PSS parameter mismatch. Safe: PSxxx = SHA-xxx, MGF1 with the same hash, salt = hash length (RFC 7518 §3.5). */
import { constants, sign as nodeSign } from 'node:crypto';
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, rsa, withSignature } from './fixtures.js';

const token = forge({ alg: 'PS256' }, { sub: 'a' }, { alg: 'PS256', key: rsa.privateKey });
const input = Buffer.from(token.slice(0, token.lastIndexOf('.')));
const pss = (hash: string, saltLength: number) =>
  nodeSign(hash, input, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }).toString('base64url');

describe('C42 PSS parameters', () => {
  it('the right parameters verify', async () => {
    await verify(withSignature(token, pss('sha256', 32)), rsa.publicJwk, { algorithms: ['PS256'] });
  });

  it.each([
    ['salt 0', 'sha256', 0],
    ['salt 20', 'sha256', 20],
    ['maximum salt', 'sha256', 222],
    ['SHA-384 hash', 'sha384', 32],
    ['SHA-1 hash', 'sha1', 20],
  ] as const)('%s is refused for PS256', async (_name, hash, salt) => {
    await expectCode(verify(withSignature(token, pss(hash, salt)), rsa.publicJwk, { algorithms: ['PS256'] }), 'ERR_JWT_SIGNATURE');
  });
});
