/**
 * C72 — decompression bombs in `zip: "DEF"`. Ten kilobytes of DEFLATE inflate to ten megabytes (and
 * a megabyte to a gigabyte): a decrypt() that inflates the whole plaintext before looking at its size
 * exhausts memory (CVE-2024-28176 in jose, CVE-2024-21319 in Microsoft.IdentityModel, go-jose's
 * GHSA-c5q2-7r4c-mv6g). Safe: decompression happens only after the content authenticated, as a
 * stream that stops as soon as the output would exceed maxDecompressedLength (default 250 000 bytes):
 * ERR_JWT_MALFORMED, quickly. (draft-ietf-oauth-rfc8725bis "Limit JWE Decompression Size".)
 * `zip` outside the protected header is impossible here: a compact JWE has no other header, and the
 * JSON serialization is refused (C71).
 * Broken by: dropping the cap (the 250 001-byte plaintext then decrypts), or inflating everything
 * first and checking the length after (the truncated bomb below then fails with another message, at
 * the stream's end, instead of at the cap).
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../src/index.js';
import { expectCode } from '../support.js';
import { expectDecryptionFailure, flipBit, forgeJwe, randomBytes } from './jwe-fixtures.js';

const key = randomBytes(32);
const header = { alg: 'dir', enc: 'A256GCM', zip: 'DEF' };
const zipped = (plaintext: Uint8Array) => forgeJwe({ header, cek: key, plaintext: deflateRawSync(plaintext) });
/** Claims whose JSON text is exactly `length` bytes. */
const claimsOf = (length: number) => Buffer.from(`{"sub":"${'a'.repeat(length - 10)}"}`);
const bomb = deflateRawSync(Buffer.alloc(10_000_000)); // 10 MB of zeros in about 10 KB

describe('C72 zip DEF decompression bombs', () => {
  it('control: a compressed claims set decrypts; exactly 250 000 bytes is within the default cap', async () => {
    expect((await decrypt(zipped(Buffer.from('{"sub":"alice"}')), key)).payload).toEqual({ sub: 'alice' });
    expect(claimsOf(250_000)).toHaveLength(250_000);
    expect((await decrypt(zipped(claimsOf(250_000)), key)).payload.sub).toHaveLength(249_990);
  });

  it('250 001 bytes is over the default cap; a lower cap is honoured', async () => {
    await expectCode(decrypt(zipped(claimsOf(250_001)), key), 'ERR_JWT_MALFORMED');
    await expectCode(decrypt(zipped(claimsOf(101)), key, { maxDecompressedLength: 100 }), 'ERR_JWT_MALFORMED');
    await decrypt(zipped(claimsOf(100)), key, { maxDecompressedLength: 100 });
  });

  it('10 MB of zeros from 10 KB: ERR_JWT_MALFORMED in well under a second', async () => {
    expect(bomb.length).toBeLessThan(20_000);
    const token = forgeJwe({ header, cek: key, plaintext: bomb });
    const started = performance.now();
    await expectCode(decrypt(token, key), 'ERR_JWT_MALFORMED');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('the bomb stops at the cap: cut short of its end, it fails the same way (the end is never reached)', async () => {
    const whole = (await expectCode(decrypt(forgeJwe({ header, cek: key, plaintext: bomb }), key), 'ERR_JWT_MALFORMED')) as Error;
    const cut = forgeJwe({ header, cek: key, plaintext: bomb.subarray(0, bomb.length - 64) });
    const truncated = (await expectCode(decrypt(cut, key), 'ERR_JWT_MALFORMED')) as Error;
    expect(truncated.message).toBe(whole.message);
    // Whereas a stream cut before the cap is reached fails for being truncated, not for its size.
    const small = deflateRawSync(claimsOf(1000));
    const early = (await expectCode(
      decrypt(forgeJwe({ header, cek: key, plaintext: small.subarray(0, small.length - 4) }), key),
      'ERR_JWT_MALFORMED',
    )) as Error;
    expect(early.message).not.toBe(whole.message);
  });

  it('a tampered bomb is a decryption failure: nothing is inflated before the content authenticates', async () => {
    const token = forgeJwe({ header, cek: key, plaintext: bomb });
    await expectDecryptionFailure(decrypt(flipBit(token, 4, -1), key));
    await expectDecryptionFailure(decrypt(flipBit(token, 3, 100), key));
  });

  it('zip DEF over invalid DEFLATE data is ERR_JWT_MALFORMED', async () => {
    await expectCode(decrypt(forgeJwe({ header, cek: key, plaintext: Buffer.from('{"sub":"not deflated"}') }), key), 'ERR_JWT_MALFORMED');
  });
});
