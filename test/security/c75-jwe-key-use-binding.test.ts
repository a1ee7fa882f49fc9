/**
 * C75 — one key for signing and encryption. A key that both signs and decrypts lets an attacker use
 * one operation as an oracle for the other (RSA decryption as a signature oracle; a MAC key as a
 * content key), and a key set that hands a signing key to decrypt() — or an encryption key to
 * verify() — makes the kid choose the use. RFC 8725 §3.1 and RFC 7517 §4.2/§4.3 bind a key to one use.
 * Safe: a JWK with `use: "sig"` or signing `key_ops` is ERR_KEY for encrypt/decrypt, `use: "enc"` or a
 * JWE `alg` is ERR_KEY for sign/verify; a JwtKey imported for a JWS algorithm cannot encrypt or
 * decrypt, one imported for a JWE algorithm cannot sign or verify; a mixed key set gives decrypt() its
 * encryption key and verify() its signing key, even under the same kid.
 * Broken by: ignoring `use`/`key_ops` in the JWE key path, or letting key sets hand out any key whose
 * kid matches: the refusals below then succeed (the secret and RSA keys here can do both operations).
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, importKey, sign, verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { b64, expectOneOf, randomBytes, rsaEnc as rsa } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const oct = (bytes: Uint8Array, extra: Partial<Jwk> = {}): Jwk => ({ kty: 'oct', k: b64(bytes), ...extra });

describe('C75 a key has one use', () => {
  it('JWK use "sig" or signing key_ops: ERR_KEY for encrypt and decrypt', async () => {
    const secret = randomBytes(32);
    const token = await encrypt(claims, secret);
    for (const extra of [{ use: 'sig' }, { key_ops: ['sign', 'verify'] }, { key_ops: ['verify'] }, { alg: 'HS256' }] as Partial<Jwk>[]) {
      await expectCode(encrypt(claims, oct(secret, extra)), 'ERR_KEY');
      await expectCode(decrypt(token, oct(secret, extra)), 'ERR_KEY');
    }
    const rsaToken = await encrypt(claims, rsa.publicJwk);
    for (const extra of [{ use: 'sig' }, { alg: 'RS256' }, { alg: 'PS256' }] as Partial<Jwk>[]) {
      await expectCode(encrypt(claims, { ...rsa.publicJwk, ...extra }), 'ERR_KEY');
      await expectCode(decrypt(rsaToken, { ...rsa.privateJwk, ...extra }), 'ERR_KEY');
    }
  });

  it('JWK use "enc" or a JWE alg: ERR_KEY for sign and verify', async () => {
    const secret = randomBytes(32);
    const jws = await sign(claims, secret);
    for (const extra of [{ use: 'enc' }, { alg: 'dir' }, { alg: 'A256KW' }, { key_ops: ['encrypt', 'decrypt'] }] as Partial<Jwk>[]) {
      await expectCode(sign(claims, oct(secret, extra)), 'ERR_KEY');
      await expectCode(verify(jws, oct(secret, extra)), 'ERR_KEY');
    }
    const rs256 = await sign(claims, rsa.privateJwk, { alg: 'RS256' });
    for (const extra of [{ use: 'enc' }, { alg: 'RSA-OAEP-256' }, { alg: 'RSA-OAEP' }] as Partial<Jwk>[]) {
      await expectCode(sign(claims, { ...rsa.privateJwk, ...extra }), 'ERR_KEY');
      await expectCode(verify(rs256, { ...rsa.publicJwk, ...extra }), 'ERR_KEY');
    }
  });

  it('a JwtKey imported for RS256 or HS256 cannot encrypt or decrypt; one for RSA-OAEP-256 or dir cannot sign or verify', async () => {
    const rsaToken = await encrypt(claims, rsa.publicJwk);
    await expectCode(decrypt(rsaToken, importKey(rsa.privateJwk, 'RS256')), 'ERR_KEY');
    await expectCode(encrypt(claims, importKey(rsa.publicJwk, 'RS256')), 'ERR_KEY');
    // sign() and verify() refuse a key pinned to a JWE algorithm as they refuse any key pinned to another
    // algorithm: ERR_KEY, or ERR_JWT_ALGORITHM (jwe-spec.md says ERR_KEY; both refuse, the code is theirs).
    const pinned = ['ERR_KEY', 'ERR_JWT_ALGORITHM'] as const;
    await expectOneOf(sign(claims, importKey(rsa.privateJwk, 'RSA-OAEP-256')), pinned);
    await expectOneOf(verify(await sign(claims, rsa.privateJwk, { alg: 'RS256' }), importKey(rsa.publicJwk, 'RSA-OAEP-256')), pinned);
    const secret = randomBytes(32);
    await expectCode(encrypt(claims, importKey(secret, 'HS256')), 'ERR_KEY');
    await expectCode(decrypt(await encrypt(claims, secret), importKey(secret, 'HS256')), 'ERR_KEY');
    await expectOneOf(sign(claims, importKey(secret, 'dir')), pinned);
    await expectOneOf(verify(await sign(claims, secret), importKey(secret, 'A256KW')), pinned);
    // Controls: the same material, imported for the right use.
    expect((await decrypt(rsaToken, importKey(rsa.privateJwk, 'RSA-OAEP-256'))).payload).toMatchObject(claims);
    await verify(await sign(claims, rsa.privateJwk, { alg: 'RS256' }), importKey(rsa.publicJwk, 'RS256'));
  });

  it('a mixed oct key set under one kid: decrypt() takes the enc key, verify() the sig key', async () => {
    const sigSecret = randomBytes(32);
    const encSecret = randomBytes(32);
    const set = { keys: [oct(sigSecret, { kid: 'k1', use: 'sig', alg: 'HS256' }), oct(encSecret, { kid: 'k1', use: 'enc', alg: 'dir' })] };
    const jwe = await encrypt(claims, encSecret, { header: { kid: 'k1' } });
    const jws = await sign(claims, sigSecret, { header: { kid: 'k1' } });
    expect((await decrypt(jwe, set)).payload).toMatchObject(claims);
    expect((await verify(jws, set)).payload).toMatchObject(claims);
    expect((await decrypt(jwe, JSON.stringify(set))).payload).toMatchObject(claims);
    // Swapped: a JWE made with the signing secret, a JWS made with the encryption secret, both refused.
    await expectCode(decrypt(await encrypt(claims, sigSecret, { header: { kid: 'k1' } }), set), 'ERR_JWE_DECRYPTION');
    await expectCode(verify(await sign(claims, encSecret, { header: { kid: 'k1' } }), set), 'ERR_JWT_SIGNATURE');
  });

  it('mixed RSA key sets under one kid: decrypt() takes the enc key, verify() the sig key', async () => {
    // verify() refuses any set holding private material (C31/C62), so each gets the set it would be
    // configured with: the recipient's (its private enc key beside the signer's public key) and the
    // published one (both public keys).
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const encPrivate = { ...(other.privateKey.export({ format: 'jwk' }) as Jwk), kid: 'k1', use: 'enc' };
    const encPublic = { ...(other.publicKey.export({ format: 'jwk' }) as Jwk), kid: 'k1', use: 'enc' };
    const sigPublic = { ...rsa.publicJwk, kid: 'k1', use: 'sig' };
    const set = { keys: [sigPublic, encPrivate] };
    const published = { keys: [encPublic, sigPublic] };
    const jwe = await encrypt(claims, encPublic, { header: { kid: 'k1' } });
    const jws = await sign(claims, rsa.privateJwk, { alg: 'RS256', header: { kid: 'k1' } });
    expect((await decrypt(jwe, set)).payload).toMatchObject(claims);
    expect((await verify(jws, published)).payload).toMatchObject(claims);
    // The signer's private key beside the enc key: decrypt() still takes the enc key.
    expect((await decrypt(jwe, { keys: [{ ...rsa.privateJwk, kid: 'k1', use: 'sig' }, encPrivate] })).payload).toMatchObject(claims);
    // A JWE to the signing key's public half is not decrypted by the set (the sig key is skipped).
    await expectCode(decrypt(await encrypt(claims, { ...rsa.publicJwk, kid: 'k1' }, { header: { kid: 'k1' } }), set), 'ERR_JWE_DECRYPTION');
  });

  it('a key resolver that answers with a signing key: ERR_KEY for decrypt', async () => {
    const secret = randomBytes(32);
    const token = await encrypt(claims, secret, { header: { kid: 'k1' } });
    await expectCode(
      decrypt(token, () => oct(secret, { use: 'sig' })),
      'ERR_KEY',
    );
    await expectCode(
      decrypt(token, () => importKey(secret, 'HS256')),
      'ERR_KEY',
    );
    expect((await decrypt(token, () => oct(secret, { use: 'enc' }))).payload).toMatchObject(claims);
  });
});
