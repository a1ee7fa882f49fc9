/**
 * C70 — PBES2 iteration count and salt. `p2c` comes from the token: a p2c of 2^31-1 makes one
 * decrypt() run PBKDF2 for hours (CVE-2022-36083 in jose, CVE-2023-50967 in latchset/jose), and an
 * attacker needs no key to send it. A short `p2s` makes precomputed password tables practical.
 * PBES2 on a server that did not ask for it turns any secret into a password. Safe: p2c must be an
 * integer from 1 to maxPBES2Count (default 10 000), checked before any work (ERR_JWT_MALFORMED naming
 * maxPBES2Count); p2s must decode to at least 8 bytes (RFC 7518 §4.8.1.1); PBES2 is refused
 * (ERR_JWT_ALGORITHM) unless listed in `algorithms`.
 * Broken by: dropping the cap (the 10 001 token then decrypts, the 2^31-1 one hangs past the time
 * limit), the p2s length check (the 4- and 7-byte salts then decrypt), or letting a secret's
 * default algorithms include PBES2 (the unlisted token then decrypts).
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../src/index.js';
import { expectCode } from '../support.js';
import { aesKeyWrap, b64, expectOneOf, forgeJwe, pbes2Kek, randomBytes } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const ALG = 'PBES2-HS256+A128KW';
const password = 'correct horse battery staple, 32+';

/** A genuine PBES2 token with exactly this salt and count (header values may be overridden as JSON). */
function pbes2(p2s: Uint8Array, p2c: number, override: object = {}): string {
  const cek = randomBytes(32);
  return forgeJwe({
    header: { alg: ALG, enc: 'A256GCM', p2s: b64(p2s), p2c, ...override },
    cek,
    encryptedKey: aesKeyWrap(pbes2Kek(ALG, password, p2s, p2c), cek),
    plaintext: claims,
  });
}

describe('C70 PBES2', () => {
  it('control: a listed PBES2 token with p2c 10 000 and an 8-byte salt decrypts', async () => {
    expect((await decrypt(pbes2(randomBytes(8), 10_000), password, { algorithms: [ALG] })).payload).toEqual(claims);
    expect((await decrypt(await encrypt(claims, password, { alg: ALG }), password, { algorithms: [ALG] })).payload).toMatchObject(claims);
  });

  it('p2c 10 001 is over the default cap: ERR_JWT_MALFORMED naming maxPBES2Count; allowed when the cap is raised', async () => {
    const token = pbes2(randomBytes(16), 10_001);
    const error = await expectCode(decrypt(token, password, { algorithms: [ALG] }), 'ERR_JWT_MALFORMED');
    expect((error as Error).message).toContain('maxPBES2Count');
    expect((await decrypt(token, password, { algorithms: [ALG], maxPBES2Count: 10_001 })).payload).toEqual(claims);
    await expectCode(decrypt(pbes2(randomBytes(16), 1000), password, { algorithms: [ALG], maxPBES2Count: 999 }), 'ERR_JWT_MALFORMED');
  });

  it('p2c 2^31-1 is refused before any work (well under a second)', async () => {
    const token = forgeJwe({
      header: { alg: ALG, enc: 'A256GCM', p2s: b64(randomBytes(16)), p2c: 2 ** 31 - 1 },
      cek: randomBytes(32),
      encryptedKey: randomBytes(40),
      plaintext: claims,
    });
    const started = performance.now();
    const error = await expectCode(decrypt(token, password, { algorithms: [ALG] }), 'ERR_JWT_MALFORMED');
    expect(performance.now() - started).toBeLessThan(1000);
    expect((error as Error).message).toContain('maxPBES2Count');
  });

  it.each([1000.5, -1, 0, '10000', null, true, [1000], 2 ** 53, 1e21])('p2c %j is ERR_JWT_MALFORMED', async (p2c) => {
    const token = pbes2(randomBytes(16), 1000, { p2c });
    const started = performance.now();
    await expectCode(decrypt(token, password, { algorithms: [ALG], maxPBES2Count: 1_000_000 }), 'ERR_JWT_MALFORMED');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([0, 1, 4, 7])('a genuine token with a %i-byte p2s is ERR_JWT_MALFORMED', async (bytes) => {
    await expectCode(decrypt(pbes2(randomBytes(bytes), 1000), password, { algorithms: [ALG] }), 'ERR_JWT_MALFORMED');
  });

  it('p2s missing, not a string, or not canonical base64url is ERR_JWT_MALFORMED; p2c missing too', async () => {
    for (const override of [{ p2s: undefined }, { p2s: 12345678 }, { p2s: 'AAAAAAAAAAA=' }, { p2s: 'AAAA AAAAAAA' }, { p2c: undefined }]) {
      await expectCode(decrypt(pbes2(randomBytes(8), 1000, override), password, { algorithms: [ALG] }), 'ERR_JWT_MALFORMED');
    }
  });

  it('PBES2 is refused unless listed in `algorithms` (ERR_JWT_ALGORITHM), even for the right password', async () => {
    const token = pbes2(randomBytes(16), 1000);
    // A password that is no dir/KW length has no default algorithm at all: ERR_KEY or ERR_JWT_ALGORITHM.
    await expectOneOf(decrypt(token, password), ['ERR_JWT_ALGORITHM', 'ERR_KEY']);
    await expectOneOf(decrypt(token, password, { algorithms: ['dir', 'A256KW'] }), ['ERR_JWT_ALGORITHM', 'ERR_KEY']);
    await expectCode(decrypt(token, password, { algorithms: ['PBES2-HS512+A256KW'] }), 'ERR_JWT_ALGORITHM');
    // And a 32-byte secret (a dir key by default) is not a password unless asked.
    const secret = randomBytes(32);
    const cek = randomBytes(32);
    const p2s = randomBytes(16);
    const forged = forgeJwe({
      header: { alg: ALG, enc: 'A256GCM', p2s: b64(p2s), p2c: 1000 },
      cek,
      encryptedKey: aesKeyWrap(pbes2Kek(ALG, secret, p2s, 1000), cek),
      plaintext: claims,
    });
    await expectCode(decrypt(forged, secret), 'ERR_JWT_ALGORITHM');
  });

  it('encrypt() refuses a p2c under 1000 (RFC 7518 §4.8.1.2 asks for at least 1000)', async () => {
    await expect(encrypt(claims, password, { alg: ALG, p2c: 999 })).rejects.toThrow(TypeError);
    await expect(encrypt(claims, password, { alg: ALG, p2c: 1000.5 })).rejects.toThrow(TypeError);
  });
});
