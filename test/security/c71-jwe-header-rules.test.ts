/**
 * C71 — JWE protected headers read loosely. A `crit` extension the recipient does not understand
 * must make the token invalid (RFC 7516 §4.1.13), or a policy the sender marked critical is silently
 * dropped; a header member of the wrong type read as absent (or coerced) changes how the token is
 * processed; a `zip` value other than "DEF" ignored means a compressed plaintext is parsed raw, or a
 * new algorithm reached without a decision. Safe: any `crit` is refused (webjwt understands no JWE
 * extension); `alg` and `enc` are required strings; the registered members must have their JSON types
 * (strings, an object `epk`, an integer `p2c`); `zip` other than exactly "DEF" is refused — all
 * ERR_JWT_MALFORMED, on tokens that are otherwise genuine. `zip` outside the protected header cannot
 * happen: compact JWEs have only a protected header, and the JSON serialization (which has shared and
 * per-recipient unprotected headers) is refused outright.
 * Key management members (`epk`, `apu`, `apv`, `iv`, `tag`, `p2s`, `p2c`) in a token whose algorithm
 * does not define them are refused too.
 * Broken by: ignoring `crit` (or allowing an empty list), skipping a member's type check, or treating
 * an unknown `zip` as none: the genuine tokens below then decrypt.
 */
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../src/index.js';
import { expectCode } from '../support.js';
import { b64, expectDecryptionFailure, forgeJwe, parts, randomBytes, withSegment } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const key = randomBytes(32);
const token = (extra: object | string) =>
  forgeJwe({
    header: typeof extra === 'string' ? extra : { alg: 'dir', enc: 'A256GCM', ...extra },
    cek: key,
    plaintext: claims,
  });

describe('C71 JWE header rules', () => {
  // RFC 7518 §4.6.1, §4.7.1, §4.8.1 define epk/apu/apv for ECDH-ES, iv/tag for AES-GCM key wrap and
  // p2s/p2c for PBES2 only. Broken by: reading them as ignorable in a token of another algorithm.
  it.each([
    { epk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } },
    { apu: 'QWxpY2U' },
    { apv: 'Qm9i' },
    { iv: b64(randomBytes(12)) },
    { tag: b64(randomBytes(16)) },
    { p2s: b64(randomBytes(16)) },
    { p2c: 1000 },
  ])("a dir token carrying another algorithm's member %j is ERR_JWT_MALFORMED", async (extra) => {
    await expectCode(decrypt(token(extra), key), 'ERR_JWT_MALFORMED');
  });

  it('control: a genuine dir token with kid, typ, cty-less, a private member, decrypts', async () => {
    expect((await decrypt(token({ kid: 'k1', typ: 'JWT', 'x-private': 1 }), key)).payload).toEqual(claims);
  });

  it.each([
    { crit: ['x-policy'], 'x-policy': 'require-mfa' },
    { crit: [] },
    { crit: ['exp'], exp: 1 },
    { crit: ['alg'] },
    { crit: ['zip'] },
    { crit: ['absent'] },
    { crit: 'x-policy', 'x-policy': 1 },
    { crit: [1] },
    { crit: null },
    { crit: ['b64'], b64: false },
  ])('crit %j is ERR_JWT_MALFORMED', async (extra) => {
    await expectCode(decrypt(token(extra), key), 'ERR_JWT_MALFORMED');
  });

  it.each([
    ['alg missing', '{"enc":"A256GCM"}'],
    ['enc missing', '{"alg":"dir"}'],
    ['alg not a string', '{"alg":["dir"],"enc":"A256GCM"}'],
    ['enc not a string', '{"alg":"dir","enc":{"A256GCM":1}}'],
    ['kid a number', { kid: 7 }],
    ['kid null', { kid: null }],
    ['typ an array', { typ: ['JWT'] }],
    ['cty a number', { cty: 1 }],
    ['zip a number', { zip: 1 }],
    ['zip null', { zip: null }],
    ['apu a number', { apu: 1 }],
    ['not an object', '["dir","A256GCM"]'],
    ['not JSON', '{"alg":"dir","enc":"A256GCM"'],
  ] as [string, object | string][])('%s: ERR_JWT_MALFORMED', async (_name, extra) => {
    await expectCode(decrypt(token(extra), key), 'ERR_JWT_MALFORMED');
  });

  it.each(['def', 'Def', 'gzip', 'deflate', 'DEFLATE', '', 'DEF ', ' DEF', 'DEF\u0000', 'none'])(
    'zip %j is ERR_JWT_MALFORMED',
    async (zip) => {
      await expectCode(decrypt(token({ zip }), key), 'ERR_JWT_MALFORMED');
    },
  );

  it('the JSON serialization (whose unprotected headers could carry zip or alg) is refused', async () => {
    const [protectedB64, , iv, ciphertext, tag] = parts(token({}));
    for (const json of [
      { protected: protectedB64, unprotected: { zip: 'DEF' }, iv, ciphertext, tag },
      { protected: protectedB64, header: { alg: 'dir' }, iv, ciphertext, tag },
      { protected: protectedB64, recipients: [{ header: { zip: 'DEF' } }], iv, ciphertext, tag },
    ]) {
      await expectCode(decrypt(JSON.stringify(json), key), 'ERR_JWT_MALFORMED');
    }
  });

  it('a header that is not canonical base64url, a segment missing or extra, an encrypted key for dir, is ERR_JWT_MALFORMED', async () => {
    const genuine = token({});
    const [h] = parts(genuine);
    await expectCode(decrypt(`${h}=${genuine.slice(h.length)}`, key), 'ERR_JWT_MALFORMED');
    await expectCode(decrypt(`${genuine}.`, key), 'ERR_JWT_MALFORMED');
    await expectCode(decrypt(genuine.slice(0, genuine.lastIndexOf('.')), key), 'ERR_JWT_MALFORMED');
    // dir takes no encrypted key: one present is malformed, not ignored.
    await expectCode(decrypt(withSegment(genuine, 1, b64(randomBytes(40))), key), 'ERR_JWT_MALFORMED');
  });

  it('keys embedded in the header (jwk, jku, x5u, x5c) are ignored, never used to decrypt (C09, C10 for JWE)', async () => {
    // The attacker encrypts under their own key and puts it in the header: only the configured key counts.
    const attacker = randomBytes(32);
    const embedded = { jwk: { kty: 'oct', k: b64(attacker) }, jku: 'http://169.254.169.254/keys', x5u: 'http://127.0.0.1/x' };
    const forged = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM', ...embedded }, cek: attacker, plaintext: { sub: 'admin' } });
    await expectDecryptionFailure(decrypt(forged, key));
    expect((await decrypt(token(embedded), key)).payload).toEqual(claims);
  });
});
