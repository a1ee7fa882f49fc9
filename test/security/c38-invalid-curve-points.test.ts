/**
 * C38 — invalid-curve / off-curve EC public keys. Safe: JWK coordinates of the exact length and on
 * the curve (WebCrypto validates at import); the same through SPKI PEM. BCP-3.4-1.
 */
import { describe, it } from 'vitest';
import { verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256 } from './fixtures.js';

const token = forge({ alg: 'ES256' }, {}, { alg: 'ES256', key: p256.privateKey });
const y = Buffer.from(p256.publicJwk.y!, 'base64url');
const offCurveY = Buffer.from(y);
offCurveY[31] = offCurveY[31]! ^ 1;

/** SPKI for P-256 with an uncompressed point (RFC 5480), for points node:crypto refuses to export. */
function spkiPem(x: Buffer, yy: Buffer): string {
  const prefix = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
  const der = Buffer.concat([prefix, Buffer.from([4]), x, yy]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

describe('C38 EC points', () => {
  const x = Buffer.from(p256.publicJwk.x!, 'base64url');
  it.each([
    ['y flipped (off the curve)', { ...p256.publicJwk, y: offCurveY.toString('base64url') }],
    ['x of 31 bytes', { ...p256.publicJwk, x: x.subarray(1).toString('base64url') }],
    ['y of 33 bytes', { ...p256.publicJwk, y: Buffer.concat([Buffer.alloc(1), y]).toString('base64url') }],
    ['point at zero', { ...p256.publicJwk, x: Buffer.alloc(32).toString('base64url'), y: Buffer.alloc(32).toString('base64url') }],
    [
      'P-521 coordinates labelled P-256',
      { ...p256.publicJwk, x: Buffer.alloc(66, 1).toString('base64url'), y: Buffer.alloc(66, 1).toString('base64url') },
    ],
  ] as [string, Jwk][])('JWK: %s is ERR_KEY', async (_name, jwk) => {
    await expectCode(verify(token, jwk), 'ERR_KEY');
  });

  it('SPKI PEM with an off-curve point is ERR_KEY; the genuine point verifies', async () => {
    await verify(token, spkiPem(x, y));
    await expectCode(verify(token, spkiPem(x, offCurveY)), 'ERR_KEY');
  });
});
