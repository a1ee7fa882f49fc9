/**
 * C08 — ECDSA signature encoding: DER instead of R||S, wrong lengths, r or s ≥ n, malleability.
 * Safe: only fixed-length R||S (RFC 7518 §3.4). (r, n − s) IS a valid ECDSA signature: it verifies,
 * which is why a token string must never serve as a unique id (README, Security). BCP-3.4-1.
 */
import { sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, p521, withSignature } from './fixtures.js';

const N256 = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const toHex = (n: bigint, bytes: number) => n.toString(16).padStart(bytes * 2, '0');
const token = forge({ alg: 'ES256' }, { sub: 'admin' }, { alg: 'ES256', key: p256.privateKey });
const sig = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
const r = BigInt(`0x${sig.subarray(0, 32).toString('hex')}`);
const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
const rs = (a: bigint, b: bigint, bytes = 32) => Buffer.from(toHex(a, bytes) + toHex(b, bytes), 'hex').toString('base64url');

describe('C08 ECDSA encodings', () => {
  it('the genuine signature verifies', async () => {
    await verify(token, p256.publicJwk);
  });

  it('the same (r, s) DER-encoded is refused', async () => {
    const input = token.slice(0, token.lastIndexOf('.'));
    const der = nodeSign('sha256', Buffer.from(input), { key: p256.privateKey, dsaEncoding: 'der' });
    await expectCode(verify(withSignature(token, der.toString('base64url')), p256.publicJwk), 'ERR_JWT_SIGNATURE');
  });

  it.each([63, 65, 0, 1, 128])('a %i-byte signature is refused', async (length) => {
    const bytes = Buffer.alloc(length, 0x11);
    sig.copy(bytes, 0, 0, Math.min(length, 64));
    await expectCode(verify(withSignature(token, bytes.toString('base64url')), p256.publicJwk), 'ERR_JWT_SIGNATURE');
  });

  it('ES512 signatures of 131 or 133 bytes are refused', async () => {
    const es512 = forge({ alg: 'ES512' }, {}, { alg: 'ES512', key: p521.privateKey });
    const good = Buffer.from(es512.slice(es512.lastIndexOf('.') + 1), 'base64url');
    expect(good).toHaveLength(132);
    for (const bad of [good.subarray(1), Buffer.concat([Buffer.alloc(1), good])]) {
      await expectCode(verify(withSignature(es512, bad.toString('base64url')), p521.publicJwk), 'ERR_JWT_SIGNATURE');
    }
  });

  it('r + n or s + n (out of range) is refused', async () => {
    // r + n may not fit 32 bytes; then the length check refuses it, otherwise the range check does.
    for (const forged of [
      [r + N256, s],
      [r, s + N256],
    ] as const) {
      const bytes = Math.max(32, Math.ceil(forged[0].toString(16).length / 2), Math.ceil(forged[1].toString(16).length / 2));
      await expectCode(verify(withSignature(token, rs(forged[0], forged[1], bytes)), p256.publicJwk), 'ERR_JWT_SIGNATURE');
    }
  });

  it('(r, n − s) verifies: ECDSA malleability, documented', async () => {
    const malleated = withSignature(token, rs(r, N256 - s));
    expect(malleated).not.toBe(token);
    expect((await verify(malleated, p256.publicJwk)).payload.sub).toBe('admin');
  });
});
