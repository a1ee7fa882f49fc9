/**
 * C68 — a caller-chosen IV or CEK. GCM with a repeated (key, IV) pair leaks the XOR of two plaintexts
 * and the GHASH key (Joux's "forbidden attack"); a fixed CEK under `dir` or key wrapping makes every
 * token share it. APIs that take an `iv` or `cek` option (jose's setInitializationVector /
 * setContentEncryptionKey) invite exactly that. Safe: encrypt() has no option for either, and refuses
 * header members that would set them or the key management values (`iv`, `tag`, `epk`, `p2s`, `p2c`,
 * `apu`, `apv`, `zip`, `crit`, `alg`, `enc`) with a TypeError; the library draws a fresh IV (and CEK)
 * for every token.
 * Broken by: accepting an `iv`/`cek` option or copying `header` members over the generated ones, or a
 * fixed/counter IV: the option, header or "two encryptions differ" tests then fail.
 */
import { describe, expect, it } from 'vitest';
import { encrypt, generateKeyPair } from '../../src/index.js';
import { expectTypeError } from '../support.js';
import { parts, randomBytes, unb64 } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const currentDate = new Date(2_000_000_000_000);

describe('C68 no way to choose the IV or the CEK', () => {
  it.each(['iv', 'cek', 'contentEncryptionKey', 'initializationVector'])('option %j is refused (TypeError)', async (name) => {
    const key = randomBytes(32);
    await expectTypeError(encrypt(claims, key, { [name]: randomBytes(name.includes('iv') || name.startsWith('init') ? 12 : 32) }), name);
    await expectTypeError(encrypt(claims, randomBytes(32), { alg: 'A256KW', [name]: randomBytes(32) } as never), name);
  });

  it.each([
    ['iv', 'AAAAAAAAAAAAAAAA'],
    ['tag', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['epk', { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }],
    ['p2s', 'AAAAAAAAAAA'],
    ['p2c', 1],
    ['apu', 'QWxpY2U'],
    ['apv', 'Qm9i'],
    ['zip', 'DEF'],
    ['crit', ['exp']],
    ['alg', 'dir'],
    ['enc', 'A128GCM'],
  ])('header member %j is refused (TypeError)', async (name, value) => {
    await expectTypeError(encrypt(claims, randomBytes(32), { header: { [name]: value } }), name);
  });

  it('two encryptions of the same claims differ in IV and ciphertext (dir, A256KW, ECDH-ES, RSA-OAEP-256)', async () => {
    const secret = randomBytes(32);
    const ec = await generateKeyPair('ECDH-ES');
    const rsa = await generateKeyPair('RSA-OAEP-256');
    const makers = [
      () => encrypt(claims, secret, { currentDate }),
      () => encrypt(claims, secret, { alg: 'A256KW', currentDate }),
      () => encrypt(claims, ec.publicKey, { currentDate }),
      () => encrypt(claims, rsa.publicKey, { currentDate }),
    ];
    for (const make of makers) {
      const [a, b] = [parts(await make()), parts(await make())];
      expect(a[2]).not.toBe(b[2]); // IV
      expect(a[3]).not.toBe(b[3]); // ciphertext
      expect(a[4]).not.toBe(b[4]); // tag
      if (a[1] !== '') expect(a[1]).not.toBe(b[1]); // encrypted key: a fresh CEK
      if (a[0] !== b[0]) expect(JSON.parse(unb64(a[0]).toString())).toHaveProperty('epk'); // only a fresh epk differs
    }
  });

  it('a hundred dir tokens under one key: a hundred distinct 96-bit IVs', async () => {
    const key = randomBytes(32);
    const ivs = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const iv = parts(await encrypt(claims, key, { currentDate }))[2];
      expect(unb64(iv)).toHaveLength(12);
      ivs.add(iv);
    }
    expect(ivs.size).toBe(100);
  });
});
