/**
 * C66 — CBC-HMAC tags checked partly. An implementation that compares only as many bytes as the
 * token carries (or stops at the first byte, or at half) lets an attacker forge a tag byte by byte
 * — a one-byte tag is right once in 256 tries — and one that decrypts before checking the tag is a
 * padding oracle. Safe: the tag must be the full length of its `enc` (16, 24 or 32 bytes) and is
 * compared in full, in constant time, before anything is decrypted (RFC 7518 §5.2.2.2).
 * Broken by: comparing `tag.length` bytes of the expected tag, or only a prefix of it (e.g. loop to
 * `length - 1`): the truncated-tag or last-byte test then accepts the token. Constant time itself is
 * by construction (node:crypto's timingSafeEqual; an XOR over every byte on WebCrypto) and, as in C35,
 * not asserted by timing (flaky by nature); a tag wrong in its first, middle or last byte fails alike.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../src/index.js';
import { b64, expectDecryptionFailure, expectOneOf, parts, randomBytes, unb64, withSegment } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const cases = [
  ['A128CBC-HS256', 32, 16],
  ['A256CBC-HS512', 64, 32],
] as const;

describe('C66 CBC-HMAC compares the full-length tag', () => {
  it.each(cases)('%s: the genuine tag is %i bytes and accepted', async (enc, keyBytes, tagBytes) => {
    const key = randomBytes(keyBytes);
    const token = await encrypt(claims, key, { enc });
    expect(unb64(parts(token)[4])).toHaveLength(tagBytes);
    expect((await decrypt(token, key, { encryptions: [enc] })).payload).toMatchObject(claims);
  });

  it.each(cases)(
    '%s: the tag truncated to its right first byte (and to every shorter prefix) is refused',
    async (enc, keyBytes, tagBytes) => {
      const key = randomBytes(keyBytes);
      const token = await encrypt(claims, key, { enc });
      const tag = unb64(parts(token)[4]);
      for (const length of [1, 2, tagBytes / 2, tagBytes - 1]) {
        await expectOneOf(decrypt(withSegment(token, 4, b64(tag.subarray(0, length))), key, { encryptions: [enc] }), [
          'ERR_JWT_MALFORMED',
          'ERR_JWE_DECRYPTION',
        ]);
      }
    },
  );

  it.each(cases)('%s: a tag right but for its last byte (or its first) is a decryption failure', async (enc, keyBytes) => {
    const key = randomBytes(keyBytes);
    const token = await encrypt(claims, key, { enc });
    const tag = unb64(parts(token)[4]);
    for (const at of [tag.length - 1, 0, tag.length >> 1]) {
      const wrong = Buffer.from(tag);
      wrong[at] = wrong[at]! ^ 0x80;
      await expectDecryptionFailure(decrypt(withSegment(token, 4, b64(wrong)), key, { encryptions: [enc] }));
    }
  });

  it.each(cases)('%s: the right tag with a byte appended is refused', async (enc, keyBytes) => {
    const key = randomBytes(keyBytes);
    const token = await encrypt(claims, key, { enc });
    const tag = unb64(parts(token)[4]);
    await expectOneOf(decrypt(withSegment(token, 4, b64(Buffer.concat([tag, Buffer.from([0])]))), key, { encryptions: [enc] }), [
      'ERR_JWT_MALFORMED',
      'ERR_JWE_DECRYPTION',
    ]);
  });
});
