/**
 * C69 — ECDH-ES with a hostile ephemeral key (`epk`). Invalid-curve attacks send points off the
 * recipient's curve (or on another curve, or of small order) so that Z falls in a small subgroup and
 * each answer leaks the private key modulo a small prime (Jager, Schwenk, Somorovsky 2015, which broke
 * several JOSE libraries); an X25519 small-order `x` makes Z all zero, a CEK anyone can compute; an
 * `epk` carrying `d` shows a sender that leaks keys, and an implementation that imports it as a
 * private key. Deno imports off-curve and (0,0) points without complaint, so WebCrypto's own checks
 * cannot be relied on. Safe: webjwt checks `epk` itself: a public JWK (no `d`) of the recipient key's
 * type and curve, coordinates of the exact length, on the curve (not (0,0)) — else ERR_JWT_MALFORMED;
 * an all-zero X25519 secret is refused (ERR_JWT_MALFORMED or ERR_JWE_DECRYPTION).
 * Broken by: dropping the on-curve check (isOnCurve: the off-curve and (0,0) tests then fail with
 * WebCrypto's import message instead of webjwt's), the curve match (another code), or the `d` check
 * (the genuine token carrying `d` then decrypts). The small-order X25519 tokens are genuinely encrypted
 * under the CEK that Z = 0 gives; on Node, OpenSSL refuses an all-zero X25519 result itself, so with
 * webjwt's zero check (crypto/jwe.ts ecdhSecret) removed these still pass there: that check guards
 * runtimes whose X25519 returns the zeros, and this test guards against any runtime accepting them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../src/index.js';
import { expectCode } from '../support.js';
import { aesKeyWrap, b64, concatKdf, ephemeral, expectOneOf, forgeEcdhEs, forgeJwe, randomBytes, unb64 } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p256Jwk = p256.privateKey.export({ format: 'jwk' });
const x25519 = generateKeyPairSync('x25519');
const x25519Jwk = x25519.privateKey.export({ format: 'jwk' });

describe('C69 ECDH-ES epk', () => {
  it('control: a genuine epk decrypts (P-256 and X25519)', async () => {
    for (const [pair, jwk] of [
      [p256, p256Jwk],
      [x25519, x25519Jwk],
    ] as const) {
      const e = ephemeral(pair.publicKey);
      expect((await decrypt(forgeEcdhEs({ epk: e.epk, z: e.z, plaintext: claims }), jwk)).payload).toEqual(claims);
    }
  });

  it('an epk carrying its private `d` is ERR_JWT_MALFORMED (ECDH-ES and ECDH-ES+A256KW)', async () => {
    const e = ephemeral(p256.publicKey);
    await expectCode(decrypt(forgeEcdhEs({ epk: { ...e.epk, d: e.d }, z: e.z, plaintext: claims }), p256Jwk), 'ERR_JWT_MALFORMED');
    const cek = randomBytes(32);
    const kw = forgeJwe({
      header: { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: { ...e.epk, d: e.d } },
      cek,
      encryptedKey: aesKeyWrap(concatKdf(e.z, 32, 'ECDH-ES+A256KW'), cek),
      plaintext: claims,
    });
    await expectCode(decrypt(kw, p256Jwk, { algorithms: ['ECDH-ES+A256KW'] }), 'ERR_JWT_MALFORMED');
    const x = ephemeral(x25519.publicKey);
    await expectCode(decrypt(forgeEcdhEs({ epk: { ...x.epk, d: x.d }, z: x.z, plaintext: claims }), x25519Jwk), 'ERR_JWT_MALFORMED');
  });

  it('an epk on another curve or of another type than the recipient key is ERR_JWT_MALFORMED', async () => {
    const other = (crv: 'P-384' | 'P-521' | 'x25519') =>
      crv === 'x25519' ? generateKeyPairSync('x25519').publicKey : generateKeyPairSync('ec', { namedCurve: crv }).publicKey;
    for (const crv of ['P-384', 'P-521', 'x25519'] as const) {
      const epk = other(crv).export({ format: 'jwk' });
      await expectCode(decrypt(forgeEcdhEs({ epk, z: randomBytes(32), plaintext: claims }), p256Jwk), 'ERR_JWT_MALFORMED');
    }
    const p256Epk = p256.publicKey.export({ format: 'jwk' });
    await expectCode(decrypt(forgeEcdhEs({ epk: p256Epk, z: randomBytes(32), plaintext: claims }), x25519Jwk), 'ERR_JWT_MALFORMED');
    // A P-256 point labelled P-384 (the curve names must agree, not just the lengths).
    await expectCode(
      decrypt(forgeEcdhEs({ epk: { ...p256Epk, crv: 'P-384' }, z: randomBytes(32), plaintext: claims }), p256Jwk),
      'ERR_JWT_MALFORMED',
    );
  });

  // Node's WebCrypto refuses these points at import too, so the code alone cannot show who refused:
  // the message does. webjwt's own check names the curve ('… is not a point on P-256'); Deno, which
  // imports such points, has only that check between the point and the private key.
  const ownCheck = /not a point on P-256/;

  it("an off-curve point (one bit of y or x flipped) is ERR_JWT_MALFORMED, by webjwt's own check", async () => {
    const e = ephemeral(p256.publicKey);
    for (const coordinate of ['x', 'y'] as const) {
      for (const at of [31, 0]) {
        const bytes = unb64(e.epk[coordinate]!);
        bytes[at] = bytes[at]! ^ 1;
        const epk = { ...e.epk, [coordinate]: b64(bytes) };
        const error = await expectCode(decrypt(forgeEcdhEs({ epk, z: e.z, plaintext: claims }), p256Jwk), 'ERR_JWT_MALFORMED');
        expect((error as Error).message).toMatch(ownCheck);
      }
    }
  });

  it("(0,0) and (0, y) are ERR_JWT_MALFORMED, by webjwt's own check", async () => {
    const e = ephemeral(p256.publicKey);
    const zero = b64(Buffer.alloc(32));
    for (const epk of [
      { ...e.epk, x: zero, y: zero },
      { ...e.epk, x: zero },
    ]) {
      const error = await expectCode(decrypt(forgeEcdhEs({ epk, z: e.z, plaintext: claims }), p256Jwk), 'ERR_JWT_MALFORMED');
      expect((error as Error).message).toMatch(ownCheck);
    }
  });

  it('(0,0), coordinates of the wrong length, or missing, are ERR_JWT_MALFORMED', async () => {
    const e = ephemeral(p256.publicKey);
    const zero = b64(Buffer.alloc(32));
    for (const epk of [
      { ...e.epk, x: zero, y: zero },
      { ...e.epk, x: b64(unb64(e.epk.x!).subarray(1)) },
      { ...e.epk, y: b64(Buffer.concat([Buffer.alloc(1), unb64(e.epk.y!)])) },
      { kty: 'EC', crv: 'P-256', x: e.epk.x },
      { kty: 'oct', k: zero },
      { ...e.epk, kty: 'OKP' },
      'not an object',
      null,
    ]) {
      await expectCode(decrypt(forgeEcdhEs({ epk: epk as object, z: e.z, plaintext: claims }), p256Jwk), 'ERR_JWT_MALFORMED');
    }
    // No epk at all.
    await expectCode(
      decrypt(forgeJwe({ header: { alg: 'ECDH-ES', enc: 'A256GCM' }, cek: concatKdf(e.z, 32, 'A256GCM'), plaintext: claims }), p256Jwk),
      'ERR_JWT_MALFORMED',
    );
  });

  it.each([
    ['0', '0000000000000000000000000000000000000000000000000000000000000000'],
    ['1', '0100000000000000000000000000000000000000000000000000000000000000'],
    ['order 8', 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'],
    ['order 8 (other)', '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157'],
    ['p - 1', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
    ['p', 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
    ['p + 1', 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
  ])('X25519 small-order epk x = %s: refused, although the token is valid for Z = 0', async (_name, hex) => {
    // Z is all zero whatever the recipient's key: anyone can derive this CEK and forge the token.
    const epk = { kty: 'OKP', crv: 'X25519', x: b64(Buffer.from(hex, 'hex')) };
    const token = forgeEcdhEs({ epk, z: Buffer.alloc(32), plaintext: { sub: 'admin' } });
    await expectOneOf(decrypt(token, x25519Jwk), ['ERR_JWT_MALFORMED', 'ERR_JWE_DECRYPTION']);
  });

  it('ECDH-ES with a non-empty encrypted key is ERR_JWT_MALFORMED', async () => {
    const e = ephemeral(p256.publicKey);
    const token = forgeEcdhEs({ epk: e.epk, z: e.z, plaintext: claims }).split('.');
    token[1] = b64(randomBytes(40));
    await expectCode(decrypt(token.join('.'), p256Jwk), 'ERR_JWT_MALFORMED');
  });
});
