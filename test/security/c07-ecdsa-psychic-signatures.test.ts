/** C07 — ECDSA r = s = 0 ("psychic signatures", CVE-2022-21449). Safe: refused. BCP-3.4-1. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, p521, withSignature } from './fixtures.js';

describe('C07 r = s = 0', () => {
  it.each([
    ['ES256 64 zero bytes', 'ES256', p256, Buffer.alloc(64)],
    ['ES512 132 zero bytes', 'ES512', p521, Buffer.alloc(132)],
    ['ES256 DER 3006020100020100', 'ES256', p256, Buffer.from('3006020100020100', 'hex')],
    ['ES256 r = 0, s = 1', 'ES256', p256, Buffer.concat([Buffer.alloc(32), Buffer.alloc(31), Buffer.from([1])])],
  ] as const)('%s', async (_name, alg, key, sig) => {
    const token = withSignature(forge({ alg }, { sub: 'admin' }, { alg, key: key.privateKey }), sig.toString('base64url'));
    await expectCode(verify(token, key.publicJwk), 'ERR_JWT_SIGNATURE');
  });
});
