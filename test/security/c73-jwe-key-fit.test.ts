/**
 * C73 — a JWE key used outside its algorithm. `dir` with a longer secret that an implementation
 * slices (or a shorter one it pads), an A128KW key sliced out of a 32-byte secret, an RSA key made
 * into a password or a secret, an `enc` the key does not pin: each lets one key serve several
 * algorithms, the JWE form of RFC 8725 §3.1. RSA1_5 (Bleichenbacher's oracle, ROBOT) and RSA keys under
 * 2048 bits are out. Safe: `dir` needs a secret of exactly the enc's CEK length; AxxxKW/AxxxGCMKW
 * exactly 16/24/32 bytes; the key's family fixes the algorithm family; without `encryptions` a dir key
 * takes only the enc its length gives; RSA1_5 is refused by name ("RSA1_5 is not supported: no
 * WebCrypto implements it; use RSA-OAEP-256"); RSA under 2048 bits is ERR_KEY.
 * Broken by: slicing or padding secrets to the wanted length, or letting a key's default algorithm
 * list grow: the genuine tokens below (made with the sliced key) then decrypt.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKeyPair } from '../../src/index.js';
import { expectCode } from '../support.js';
import { aesKeyWrap, b64, expectOneOf, forgeJwe, oaep256, randomBytes, rsaEnc as rsa } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const refused = ['ERR_KEY', 'ERR_JWT_ALGORITHM'] as const;

describe('C73 JWE key fit', () => {
  it('dir: a 64-byte secret never acts as a 32-byte A256GCM key (either half), nor a 16-byte as 32', async () => {
    const secret = randomBytes(64);
    for (const cek of [secret.subarray(0, 32), secret.subarray(32)]) {
      const token = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM' }, cek, plaintext: claims });
      await expectOneOf(decrypt(token, secret, { encryptions: ['A256GCM'] }), refused);
      await expectOneOf(decrypt(token, secret), [...refused, 'ERR_JWE_DECRYPTION']);
    }
    await expectOneOf(encrypt(claims, secret, { alg: 'dir', enc: 'A256GCM' }), refused);
    await expectOneOf(encrypt(claims, randomBytes(16), { alg: 'dir', enc: 'A256GCM' }), refused);
    const short = randomBytes(16);
    const padded = Buffer.concat([short, Buffer.alloc(16)]);
    await expectOneOf(
      decrypt(forgeJwe({ header: { alg: 'dir', enc: 'A256GCM' }, cek: padded, plaintext: claims }), short, { encryptions: ['A256GCM'] }),
      refused,
    );
  });

  it('dir: a secret of no CEK length (31, 33 bytes) is refused by encrypt()', async () => {
    for (const bytes of [31, 33, 8]) await expectOneOf(encrypt(claims, randomBytes(bytes)), refused);
  });

  it('dir: without `encryptions`, a 32-byte key takes A256GCM only, not A128CBC-HS256', async () => {
    const key = randomBytes(32);
    const token = forgeJwe({ header: { alg: 'dir', enc: 'A128CBC-HS256' }, cek: key, plaintext: claims });
    await expectCode(decrypt(token, key), 'ERR_JWT_ALGORITHM');
    expect((await decrypt(token, key, { encryptions: ['A128CBC-HS256'] })).payload).toEqual(claims);
  });

  it('A128KW: the first 16 bytes of a 32-byte secret never unwrap; A256KW with a 16-byte key is refused', async () => {
    const secret = randomBytes(32);
    const cek = randomBytes(32);
    const token = forgeJwe({
      header: { alg: 'A128KW', enc: 'A256GCM' },
      cek,
      encryptedKey: aesKeyWrap(secret.subarray(0, 16), cek),
      plaintext: claims,
    });
    await expectOneOf(decrypt(token, secret, { algorithms: ['A128KW'] }), refused);
    await expectOneOf(encrypt(claims, randomBytes(16), { alg: 'A256KW' }), refused);
    await expectOneOf(encrypt(claims, randomBytes(24), { alg: 'A256GCMKW' }), refused);
  });

  it('the key family fixes the algorithm family', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecJwk = ec.privateKey.export({ format: 'jwk' });
    const secret = randomBytes(32);
    const oaep = forgeJwe({
      header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      cek: secret,
      encryptedKey: oaep256(rsa.publicKey, secret),
      plaintext: claims,
    });
    const dir = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM' }, cek: secret, plaintext: claims });
    // An RSA key with dir / A256KW / ECDH-ES; an EC key with RSA-OAEP-256; a secret with RSA-OAEP-256.
    await expectOneOf(decrypt(dir, rsa.privateJwk, { algorithms: ['dir'] }), refused);
    await expectOneOf(decrypt(dir, rsa.privateJwk), refused);
    await expectOneOf(decrypt(oaep, ecJwk, { algorithms: ['RSA-OAEP-256'] }), refused);
    await expectOneOf(decrypt(oaep, secret, { algorithms: ['RSA-OAEP-256'] }), refused);
    await expectOneOf(encrypt(claims, rsa.publicJwk, { alg: 'A256KW' }), refused);
    await expectOneOf(encrypt(claims, rsa.publicJwk, { alg: 'ECDH-ES' }), refused);
    await expectOneOf(encrypt(claims, ec.publicKey.export({ format: 'jwk' }), { alg: 'RSA-OAEP-256' }), refused);
    await expectOneOf(encrypt(claims, secret, { alg: 'RSA-OAEP-256' }), refused);
  });

  it('key text (a PEM, a JWK) is never a PBES2 password', async () => {
    const alg = 'PBES2-HS256+A128KW';
    for (const key of [rsa.publicPem, JSON.stringify(rsa.publicJwk)]) {
      await expectOneOf(encrypt(claims, key, { alg }), refused);
    }
  });

  it('RSA1_5 is refused by name, with its message, on decrypt and encrypt', async () => {
    // jwe-spec.md: "RSA1_5 is not supported: no WebCrypto implements it; use RSA-OAEP-256" (its sense, pinned).
    const message = /^RSA1_5 is not supported: no WebCrypto implements it\b.*; use RSA-OAEP-256$/;
    const token = [
      b64('{"alg":"RSA1_5","enc":"A128CBC-HS256"}'),
      b64(randomBytes(256)),
      b64(randomBytes(16)),
      b64(randomBytes(32)),
      b64(randomBytes(16)),
    ].join('.');
    for (const options of [{}, { algorithms: ['RSA-OAEP'] }, { algorithms: ['RSA-OAEP-256'] }]) {
      const error = (await expectCode(decrypt(token, rsa.privateJwk, options as never), 'ERR_JWT_ALGORITHM')) as Error;
      expect(error.message).toMatch(message);
    }
    // Nor can it be listed: `algorithms` takes only supported names.
    await expect(decrypt(token, rsa.privateJwk, { algorithms: ['RSA1_5'] } as never)).rejects.toThrow(TypeError);
    // encrypt() takes `alg` from its caller, not a token: a TypeError (as for any bad option) or
    // ERR_JWT_ALGORITHM, saying what to use instead.
    const refusal = await encrypt(claims, rsa.publicJwk, { alg: 'RSA1_5' } as never).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(refusal instanceof TypeError || refusal?.code === 'ERR_JWT_ALGORITHM').toBe(true);
    expect(refusal?.message).toMatch(/^RSA1_5 is not supported\b.*; use RSA-OAEP-256$/);
  });

  it('RSA under 2048 bits is ERR_KEY for encrypt and decrypt; 2048 works', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const cek = randomBytes(32);
    const token = forgeJwe({
      header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
      cek,
      encryptedKey: oaep256(small.publicKey, cek),
      plaintext: claims,
    });
    await expectCode(decrypt(token, small.privateKey.export({ format: 'jwk' })), 'ERR_KEY');
    await expectCode(decrypt(token, small.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string), 'ERR_KEY');
    await expectCode(encrypt(claims, small.publicKey.export({ format: 'jwk' })), 'ERR_KEY');
    const ok = await generateKeyPair('RSA-OAEP-256');
    expect((await decrypt(await encrypt(claims, ok.publicKey), ok.privateKey)).payload).toMatchObject(claims);
  });
});
