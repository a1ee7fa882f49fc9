/** C40 — Ed25519 edge cases: wrong lengths, S ≥ L. Safe: exact lengths checked, WebCrypto does the rest. */
import { describe, it } from 'vitest';
import { verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { ed25519, forge, withSignature } from './fixtures.js';

const token = forge({ alg: 'EdDSA' }, { sub: 'a' }, { alg: 'EdDSA', key: ed25519.privateKey });
const sig = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('C40 Ed25519', () => {
  it.each([63, 65, 0, 32])('a %i-byte signature is refused', async (length) => {
    const bytes = Buffer.alloc(length);
    sig.copy(bytes, 0, 0, Math.min(64, length));
    await expectCode(verify(withSignature(token, bytes.toString('base64url')), ed25519.publicJwk), 'ERR_JWT_SIGNATURE');
  });

  it('S + L (non-canonical S) is refused', async () => {
    const s = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + L;
    const sBytes = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
    await expectCode(
      verify(withSignature(token, Buffer.concat([sig.subarray(0, 32), sBytes]).toString('base64url')), ed25519.publicJwk),
      'ERR_JWT_SIGNATURE',
    );
  });

  it.each([
    ['31-byte x', { ...ed25519.publicJwk, x: Buffer.alloc(31, 1).toString('base64url') }],
    ['33-byte x', { ...ed25519.publicJwk, x: Buffer.alloc(33, 1).toString('base64url') }],
    ['crv Ed448', { ...ed25519.publicJwk, crv: 'Ed448' }],
    ['kty EC', { ...ed25519.publicJwk, kty: 'EC' }],
  ] as [string, Jwk][])('key with %s is ERR_KEY', async (_name, jwk) => {
    await expectCode(verify(token, jwk), 'ERR_KEY');
  });
});
