/**
 * C65 — decryption failures told apart (padding, unwrap and OAEP oracles). An attacker who can tell
 * a bad CBC padding from a bad MAC (Vaudenay's padding oracle), an AES-KW integrity failure from a GCM
 * tag failure, or an OAEP failure from a later one (Manger's attack), learns the plaintext or the key
 * one query at a time. Safe: every failure to decrypt is one JwtError, ERR_JWE_DECRYPTION, whose
 * message is exactly 'decryption failed', with no `cause`.
 * Broken by: letting the backend's error through, or wrapping it as `cause`, or a distinct message for
 * unwrap / OAEP / padding / CEK length (e.g. rethrow the AES-KW error in the key management step):
 * the family, corruption or padding test for that step then fails.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKeyPair, type KeyInput } from '../../src/index.js';
import {
  aesKeyWrap,
  cbcTag,
  expectDecryptionFailure,
  expectOneOf,
  flipBit,
  forgeJwe,
  oaep256,
  parts,
  randomBytes,
  unb64,
  b64,
  withSegment,
  rsaEnc,
} from './jwe-fixtures.js';

const claims = { sub: 'alice', role: 'user' };
const PBES2 = 'PBES2-HS256+A128KW';

interface Family {
  name: string;
  /** Encrypts `claims` for the right recipient; gives the right and a wrong decryption key and decrypt options. */
  make: () => Promise<{ token: string; right: KeyInput; wrong: KeyInput; options: object }>;
}

const pair = async (alg: 'ECDH-ES' | 'ECDH-ES+A256KW' | 'RSA-OAEP-256', crv?: 'X25519') => {
  const [a, b] = await Promise.all([generateKeyPair(alg, crv && { crv }), generateKeyPair(alg, crv && { crv })]);
  return { token: await encrypt(claims, a.publicKey, { alg }), right: a.privateKey, wrong: b.privateKey, options: { algorithms: [alg] } };
};

const secretFamily =
  (alg: string, bytes: number): Family['make'] =>
  async () => {
    const right = randomBytes(bytes);
    const options = alg === 'dir' ? {} : { algorithms: [alg] };
    return { token: await encrypt(claims, right, alg === 'dir' ? {} : ({ alg } as never)), right, wrong: randomBytes(bytes), options };
  };

const families: Family[] = [
  { name: 'dir', make: secretFamily('dir', 32) },
  { name: 'A256KW', make: secretFamily('A256KW', 32) },
  { name: 'A256GCMKW', make: secretFamily('A256GCMKW', 32) },
  { name: 'ECDH-ES (P-256)', make: () => pair('ECDH-ES') },
  { name: 'ECDH-ES (X25519)', make: () => pair('ECDH-ES', 'X25519') },
  { name: 'ECDH-ES+A256KW', make: () => pair('ECDH-ES+A256KW') },
  { name: 'RSA-OAEP-256', make: () => pair('RSA-OAEP-256') },
  {
    name: PBES2,
    make: async () => ({
      token: await encrypt(claims, 'correct horse battery staple, 32+', { alg: PBES2 }),
      right: 'correct horse battery staple, 32+',
      wrong: 'correct horse battery stapler 32+',
      options: { algorithms: [PBES2] },
    }),
  },
];

describe('C65 one error for every decryption failure', () => {
  it.each(families)('wrong key: $name', async ({ make }) => {
    const { token, right, wrong, options } = await make();
    expect((await decrypt(token, right, options)).payload).toMatchObject(claims);
    await expectDecryptionFailure(decrypt(token, wrong, options));
  });

  it.each(families.filter((f) => !['dir', 'ECDH-ES (P-256)', 'ECDH-ES (X25519)'].includes(f.name)))(
    'corrupted encrypted key (first and last byte): $name',
    async ({ make }) => {
      const { token, right, options } = await make();
      expect(unb64(parts(token)[1]).length).toBeGreaterThan(0);
      await expectDecryptionFailure(decrypt(flipBit(token, 1, 0), right, options));
      await expectDecryptionFailure(decrypt(flipBit(token, 1, -1), right, options));
    },
  );

  it('a CEK of the wrong length after a successful unwrap (A256KW, RSA-OAEP-256) is the same failure', async () => {
    // A 16-byte CEK wrapped correctly, the content really encrypted with it (AES-128-GCM), the header
    // saying A256GCM: an implementation that imports whatever the unwrap gives would decrypt it.
    const kek = randomBytes(32);
    const cek = randomBytes(16);
    const header = { alg: 'A256KW', enc: 'A256GCM' };
    // (forgeJwe picks the AES key size from the CEK's length, whatever the header says.)
    const kw = forgeJwe({ header, cek, encryptedKey: aesKeyWrap(kek, cek), plaintext: claims });
    await expectDecryptionFailure(decrypt(kw, kek, { algorithms: ['A256KW'] }));
    const oaep = forgeJwe({
      header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      cek,
      encryptedKey: oaep256(rsaEnc.publicKey, cek),
      plaintext: claims,
    });
    await expectDecryptionFailure(decrypt(oaep, rsaEnc.privateJwk, { algorithms: ['RSA-OAEP-256'] }));
  });

  it('GCM: tag, ciphertext, IV or protected header changed', async () => {
    const key = randomBytes(32);
    const token = await encrypt(claims, key);
    await expectDecryptionFailure(decrypt(flipBit(token, 4, -1), key));
    await expectDecryptionFailure(decrypt(flipBit(token, 4, 0), key));
    await expectDecryptionFailure(decrypt(flipBit(token, 3, 0), key));
    await expectDecryptionFailure(decrypt(flipBit(token, 2, 0), key));
    // The protected header is the AAD: the same header with one more member.
    const header = JSON.parse(unb64(parts(token)[0]).toString()) as object;
    await expectDecryptionFailure(decrypt(withSegment(token, 0, b64(JSON.stringify({ ...header, kid: 'x' }))), key));
  });

  it.each(['A128CBC-HS256', 'A256CBC-HS512'] as const)('%s: tag, ciphertext or IV changed', async (enc) => {
    const key = randomBytes(enc === 'A128CBC-HS256' ? 32 : 64);
    const token = await encrypt(claims, key, { enc });
    const options = { encryptions: [enc] };
    expect((await decrypt(token, key, options)).payload).toMatchObject(claims);
    await expectDecryptionFailure(decrypt(flipBit(token, 4, -1), key, options));
    await expectDecryptionFailure(decrypt(flipBit(token, 3, -1), key, options)); // the last block: the padding
    await expectDecryptionFailure(decrypt(flipBit(token, 2, 0), key, options));
  });

  it('CBC padding: a valid HMAC over a ciphertext whose padding is wrong is the same failure', async () => {
    // dir + A128CBC-HS256 with a known key: the test holds the CEK, so it computes a correct tag over a
    // ciphertext that decrypts to bad PKCS#7 padding. Only the padding check can refuse it.
    const cek = randomBytes(32);
    const options = { encryptions: ['A128CBC-HS256' as const] };
    const header = { alg: 'dir', enc: 'A128CBC-HS256' };
    const body = Buffer.from(JSON.stringify({ sub: 'alice', x: 'pad' }));
    const size = Math.ceil((body.length + 1) / 16) * 16;
    const n = size - body.length; // the right padding: n bytes of value n
    const padded = (tail: number[]) => {
      const out = Buffer.alloc(size, n);
      body.copy(out);
      Buffer.from(tail).copy(out, size - tail.length);
      return out;
    };
    expect(n).toBeGreaterThan(2);
    const good = padded([]);
    expect((await decrypt(forgeJwe({ header, cek, plaintext: good, rawPadding: true }), cek, options)).payload).toEqual({
      sub: 'alice',
      x: 'pad',
    });
    for (const tail of [[0], [17], [n + 1], [n - 1, n], [n, n - 1, n], [255]]) {
      const token = forgeJwe({ header, cek, plaintext: padded(tail), rawPadding: true });
      // The tag really is right: recomputing it over the token's parts gives the tag it carries.
      const [h, , iv, ct, tag] = parts(token);
      expect(b64(cbcTag('A128CBC-HS256', cek, unb64(iv), unb64(ct), Buffer.from(h)))).toBe(tag);
      await expectDecryptionFailure(decrypt(token, cek, options));
    }
    // A whole block of padding 16, and a plaintext that is not a whole number of blocks after padding removal.
    await expectDecryptionFailure(decrypt(forgeJwe({ header, cek, plaintext: Buffer.alloc(16, 17), rawPadding: true }), cek, options));
  });

  it('a truncated CBC tag is malformed or a decryption failure, never accepted', async () => {
    const key = randomBytes(32);
    const options = { encryptions: ['A128CBC-HS256' as const] };
    const token = await encrypt(claims, key, { enc: 'A128CBC-HS256' });
    const tag = unb64(parts(token)[4]);
    expect(tag).toHaveLength(16);
    for (const length of [15, 8, 1, 0]) {
      await expectOneOf(decrypt(withSegment(token, 4, b64(tag.subarray(0, length))), key, options), [
        'ERR_JWT_MALFORMED',
        'ERR_JWE_DECRYPTION',
      ]);
    }
  });

  it('the failures cannot be told apart by message, code, class or cause', async () => {
    const key = randomBytes(32);
    const token = await encrypt(claims, key, { enc: 'A128CBC-HS256' });
    const options = { encryptions: ['A128CBC-HS256' as const] };
    const errors = await Promise.all(
      [flipBit(token, 4, 0), flipBit(token, 3, -1), flipBit(token, 2, 0), token].map((t, i) =>
        decrypt(t, i === 3 ? randomBytes(32) : key, options).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    const shapes = errors.map((e) => {
      const error = e as Error & { code: string };
      return {
        name: error.name,
        code: error.code,
        message: error.message,
        proto: Object.getPrototypeOf(error) as unknown,
        own: Object.keys(error).sort(),
      };
    });
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
  });
});
