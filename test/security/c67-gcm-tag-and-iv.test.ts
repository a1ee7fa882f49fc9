/**
 * C67 — AES-GCM with short tags or odd IVs. WebCrypto and node:crypto accept GCM tags of 4 to 16
 * bytes and IVs of any length: an implementation that passes `tagLength: tag.length * 8` along lets an
 * attacker send a 4-byte tag (forgeable in 2^32 tries, far fewer with Ferguson's attack), and a
 * non-96-bit IV is hashed through GHASH, outside what RFC 7518 §5.3 allows. Safe: GCM content (and
 * A*GCMKW key wrapping) requires a 12-byte IV and a 16-byte tag; anything else is ERR_JWT_MALFORMED.
 * Broken by: taking the tag length from the token, or dropping the IV length check: the tokens here
 * are genuinely encrypted with those tag and IV sizes (node:crypto), so they would then be accepted.
 */
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../src/index.js';
import { expectCode } from '../support.js';
import { b64, expectOneOf, forgeJwe, parts, randomBytes, unb64, withSegment } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const header = { alg: 'dir', enc: 'A256GCM' };

describe('C67 GCM tag and IV sizes', () => {
  it('control: a 16-byte tag and a 12-byte IV decrypt', async () => {
    const key = randomBytes(32);
    const token = forgeJwe({ header, cek: key, plaintext: claims });
    expect([unb64(parts(token)[2]).length, unb64(parts(token)[4]).length]).toEqual([12, 16]);
    expect((await decrypt(token, key)).payload).toEqual(claims);
  });

  it.each([4, 8, 12, 13, 15])('a genuine %i-byte GCM tag is ERR_JWT_MALFORMED', async (gcmTagLength) => {
    const key = randomBytes(32);
    const token = forgeJwe({ header, cek: key, plaintext: claims, gcmTagLength });
    expect(unb64(parts(token)[4])).toHaveLength(gcmTagLength);
    await expectCode(decrypt(token, key), 'ERR_JWT_MALFORMED');
  });

  it('a 17-byte or empty tag is ERR_JWT_MALFORMED', async () => {
    const key = randomBytes(32);
    const token = forgeJwe({ header, cek: key, plaintext: claims });
    const tag = unb64(parts(token)[4]);
    await expectCode(decrypt(withSegment(token, 4, b64(Buffer.concat([tag, Buffer.from([1])]))), key), 'ERR_JWT_MALFORMED');
    await expectCode(decrypt(withSegment(token, 4, ''), key), 'ERR_JWT_MALFORMED');
  });

  it.each([16, 8, 11, 13, 32, 1])('a genuine %i-byte GCM IV is ERR_JWT_MALFORMED', async (ivBytes) => {
    const key = randomBytes(32);
    const token = forgeJwe({ header, cek: key, plaintext: claims, iv: randomBytes(ivBytes) });
    await expectCode(decrypt(token, key), 'ERR_JWT_MALFORMED');
  });

  it('an empty IV is ERR_JWT_MALFORMED, and a CBC IV other than 16 bytes too', async () => {
    const key = randomBytes(32);
    await expectCode(decrypt(withSegment(forgeJwe({ header, cek: key, plaintext: claims }), 2, ''), key), 'ERR_JWT_MALFORMED');
    const cbc = forgeJwe({ header: { alg: 'dir', enc: 'A128CBC-HS256' }, cek: key, plaintext: claims });
    for (const iv of [randomBytes(12), randomBytes(15), randomBytes(17), new Uint8Array()]) {
      await expectCode(decrypt(withSegment(cbc, 2, b64(iv)), key, { encryptions: ['A128CBC-HS256'] }), 'ERR_JWT_MALFORMED');
    }
  });

  it('A256GCMKW: a key-wrap `tag` of 12 bytes or an `iv` of 16 bytes is refused, never accepted', async () => {
    const kek = randomBytes(32);
    const cek = randomBytes(32);
    const wrap = (iv: Uint8Array, authTagLength: number) => {
      const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength });
      const encryptedKey = Buffer.concat([cipher.update(cek), cipher.final()]);
      return forgeJwe({
        header: { alg: 'A256GCMKW', enc: 'A256GCM', iv: b64(iv), tag: b64(cipher.getAuthTag()) },
        cek,
        encryptedKey,
        plaintext: claims,
      });
    };
    const options = { algorithms: ['A256GCMKW' as const] };
    expect((await decrypt(wrap(randomBytes(12), 16), kek, options)).payload).toEqual(claims);
    await expectOneOf(decrypt(wrap(randomBytes(12), 12), kek, options), ['ERR_JWT_MALFORMED', 'ERR_JWE_DECRYPTION']);
    await expectOneOf(decrypt(wrap(randomBytes(12), 4), kek, options), ['ERR_JWT_MALFORMED', 'ERR_JWE_DECRYPTION']);
    await expectOneOf(decrypt(wrap(randomBytes(16), 16), kek, options), ['ERR_JWT_MALFORMED', 'ERR_JWE_DECRYPTION']);
  });
});
