/**
 * Encryption (JWE) keys: import and its refusals, the binding of a key to one use (RFC 7517 §4.2,
 * RFC 8725 §3.1), X25519 (RFC 8037 §2, RFC 8410), generation, export, thumbprints, and choosing the
 * encryption key of a local or remote JWK Set. RSA and EC keys are prepared (imported into the
 * backend) by the JWE integration tests, once the JWE backend exists; here every check that runs
 * before that import is tested.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createRemoteJWKSet,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importKey,
  JwksNoKeyError,
  sign,
  thumbprint,
  verify,
  type Jwk,
  type JwkSet,
} from '../src/index.js';
import {
  defaultContentEncryption,
  importEncryptionKey,
  keyManagementOf,
  prepareEncryptionKey,
  toEncryptionKey,
} from '../src/keys/encryption-key.js';
import {
  encryptionKeyResolver,
  importEncryptionSet,
  selectFromEncryptionSet,
  type RecipientHeader,
} from '../src/keys/encryption-keyset.js';

/** A set's encryption key for a header, as decrypt() chooses it. */
const selectEncryptionKey = (set: unknown, header: RecipientHeader) => selectFromEncryptionSet(importEncryptionSet(set), header);
import { expectCode } from './support.js';

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
const b64u = (data: Uint8Array) => Buffer.from(data).toString('base64url');
const octJwk = (n: number, extra: object = {}): Jwk => ({ kty: 'oct', k: b64u(bytes(n)), ...extra });
const message = async (attempt: Promise<unknown> | (() => unknown), code: Parameters<typeof expectCode>[1]) =>
  ((await expectCode(attempt, code)) as Error).message;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
const rsaJwk = rsa.publicKey.export({ format: 'jwk' }) as Jwk;
const rsaPrivateJwk = rsa.privateKey.export({ format: 'jwk' }) as Jwk;
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p256Jwk = p256.publicKey.export({ format: 'jwk' }) as Jwk;
const p256PrivatePem = p256.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const x25519 = generateKeyPairSync('x25519');
const x25519Pem = x25519.publicKey.export({ format: 'pem', type: 'spki' }) as string;
const x25519PrivatePem = x25519.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
const x25519Jwk = x25519.publicKey.export({ format: 'jwk' }) as Jwk;
const x25519PrivateJwk = x25519.privateKey.export({ format: 'jwk' }) as Jwk;

describe('importKey makes encryption keys', () => {
  it('for a JWE alg, a JWK with "use": "enc" or a JWE alg, X25519, and encryption CryptoKeys', async () => {
    const dir = importKey(bytes(32), 'dir');
    expect([dir.kty, dir.type, dir.alg]).toEqual(['oct', 'secret', 'dir']);
    expect(keyManagementOf(dir)).toEqual({ algorithms: ['dir'], defaults: ['dir'] });
    const enc = importKey(octJwk(32, { use: 'enc', kid: 'k1' }));
    expect(enc.kid).toBe('k1');
    expect(keyManagementOf(enc).defaults).toEqual(['dir']);
    expect(keyManagementOf(enc).algorithms).toEqual([
      'dir',
      'A256KW',
      'A256GCMKW',
      'PBES2-HS256+A128KW',
      'PBES2-HS384+A192KW',
      'PBES2-HS512+A256KW',
    ]);
    expect(importKey(octJwk(16, { alg: 'A128KW' })).alg).toBe('A128KW');
    expect(keyManagementOf(importKey({ ...rsaJwk, key_ops: ['wrapKey', 'encrypt'] })).defaults).toEqual(['RSA-OAEP-256']);
    expect(keyManagementOf(importKey({ ...rsaJwk, use: 'enc' }))).toMatchObject({ defaults: ['RSA-OAEP-256'] });
    expect(keyManagementOf(importKey(rsaPem, 'RSA-OAEP'))).toEqual({ algorithms: ['RSA-OAEP'], defaults: ['RSA-OAEP'] });
    expect(keyManagementOf(importKey({ ...p256Jwk, use: 'enc' })).defaults).toEqual(['ECDH-ES']);
    for (const x of [importKey(x25519Pem), importKey(x25519Jwk), importKey(JSON.stringify(x25519Jwk))]) {
      expect([x.kty, x.crv, x.type]).toEqual(['OKP', 'X25519', 'public']);
      expect(keyManagementOf(x).algorithms).toEqual(['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']);
    }
    expect(importKey(x25519PrivatePem).type).toBe('private');
    const kw = await crypto.subtle.generateKey({ name: 'AES-KW', length: 192 }, true, ['wrapKey', 'unwrapKey']);
    expect(importKey(kw).alg).toBe('A192KW');
    const oaep = await generateKeyPair('RSA-OAEP-512');
    expect(importKey(oaep.publicKey).alg).toBe('RSA-OAEP-512');
    // Without such a sign, the same material is a signing key.
    expect(importKey(bytes(32)).alg).toBeUndefined();
    expect(() => keyManagementOf(importKey(bytes(32)))).toThrow(/imported for signatures/);
  });

  it('remembers keys: the same material is the same key', () => {
    const jwk = octJwk(32, { use: 'enc' });
    expect(toEncryptionKey(jwk)).toBe(toEncryptionKey(jwk));
    expect(toEncryptionKey(x25519Pem)).toBe(toEncryptionKey(x25519Pem));
    expect(toEncryptionKey('a password')).toBe(toEncryptionKey('a password'));
    const changed = { ...jwk };
    const before = toEncryptionKey(changed);
    changed.k = b64u(bytes(16));
    expect(toEncryptionKey(changed)).not.toBe(before);
  });

  it.each([
    ['a "use": "sig" JWK', () => importKey(octJwk(32, { use: 'sig' }), 'dir'), /"use" is "sig"/],
    ['a "use": "sig" JWK, to toEncryptionKey', () => toEncryptionKey(octJwk(32, { use: 'sig' })), /signing key/],
    ['a JWK with another use', () => importKey(octJwk(32, { use: 'other' }), 'dir'), /"use" must be "enc"/],
    ['a JWK with a JWS alg', () => importKey(octJwk(32, { alg: 'HS256' }), 'dir'), /JWS algorithm/],
    ['a JWK with RSA1_5', () => importKey({ ...rsaJwk, alg: 'RSA1_5' }, 'RSA-OAEP'), /RSA1_5 is not supported/],
    ['a JWK with signing key_ops', () => importKey(octJwk(32, { key_ops: ['sign', 'verify'] }), 'dir'), /key_ops/],
    [
      'a JWK with signing and encryption key_ops',
      () => importKey(octJwk(32, { key_ops: ['sign', 'encrypt'] }), 'dir'),
      /"sign" or "verify"/,
    ],
    ['a JWK with no encryption key_ops', () => importKey(octJwk(32, { key_ops: ['foo'] }), 'dir'), /no encryption operation/],
    ['a JWK with malformed key_ops', () => importKey(octJwk(32, { key_ops: 'encrypt' }), 'dir'), /key_ops/],
    ['a JWK alg the key does not fit', () => importKey(octJwk(32, { alg: 'A128KW', use: 'enc' })), /A128KW needs a 16-byte secret/],
    ['a dir secret of no CEK length', () => importKey(bytes(20), 'dir'), /16, 24, 32, 48 or 64 bytes, not 20/],
    ['an AES-KW secret of another size', () => importKey(bytes(32), 'A128KW'), /A128KW needs a 16-byte secret, not 32/],
    ['an AES-GCMKW secret of another size', () => importKey(bytes(16), 'A256GCMKW'), /A256GCMKW needs a 32-byte/],
    ['an empty secret', () => importKey('', 'PBES2-HS256+A128KW'), /empty/],
    ['an empty byte secret', () => importKey(new Uint8Array(0), 'dir'), /empty/],
    ['an RSA key for AES-KW', () => importKey(rsaPem, 'A256KW'), /A256KW cannot be used with a public RSA key/],
    ['an EC key for RSA-OAEP', () => importKey(p256Jwk, 'RSA-OAEP-256'), /RSA-OAEP-256 cannot be used with a public EC P-256 key/],
    ['a secret for ECDH-ES', () => importKey(bytes(32), 'ECDH-ES'), /ECDH-ES cannot be used with a secret/],
    ['an Ed25519 key', () => importKey({ kty: 'OKP', crv: 'Ed25519', x: b64u(bytes(32)) }, 'ECDH-ES'), /Ed25519 keys sign/],
    ['a secp256k1 key', () => importKey({ kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA', use: 'enc' }), /curve "secp256k1"/],
    ['an X25519 JWK with a short x', () => importKey({ kty: 'OKP', crv: 'X25519', x: b64u(bytes(31)) }), /"x" must be 32 bytes/],
    ['an X25519 key with a JWS alg', () => importKey(x25519Pem, 'EdDSA'), /EdDSA cannot be used with a public OKP X25519 key/],
    ['a JWK Set', () => toEncryptionKey(JSON.stringify({ keys: [octJwk(32)] })), /JWK Set/],
    ['a signing JwtKey', () => toEncryptionKey(importKey(bytes(32), 'HS256')), /imported for signatures/],
    ['a signing JwtKey with a JWE alg', () => importKey(importKey(bytes(32), 'HS256'), 'dir'), /imported for signatures/],
    ['a key pinned to another JWE alg', () => importKey(importKey(bytes(16), 'A128KW'), 'dir'), /A128KW/],
    ['an RSA key under 2048 bits', () => importKey(weakRsaPem(), 'RSA-OAEP-256'), /1024 bits; at least 2048/],
  ])('refuses %s with ERR_KEY', async (_, attempt, words) => {
    expect(await message(attempt, 'ERR_KEY')).toMatch(words);
  });

  it('refuses an RSASSA-PSS key and signing CryptoKeys', async () => {
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    expect(await message(() => importKey(pss, 'RSA-OAEP-256'), 'ERR_KEY')).toMatch(/id-RSASSA-PSS/);
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(await message(() => toEncryptionKey(hmac), 'ERR_KEY')).toMatch(/HMAC cannot encrypt/);
    const ecdsa = await generateKeyPair('ES256');
    await expectCode(() => importKey(ecdsa.publicKey, 'ECDH-ES'), 'ERR_KEY');
  });

  it('takes weak RSA keys with allowWeakKeys, and checks alg and options like the JWS import', () => {
    expect(importKey(weakRsaPem(), 'RSA-OAEP-256', { allowWeakKeys: true }).alg).toBe('RSA-OAEP-256');
    expect(() => importKey(bytes(32), 'RSA1_5' as never)).toThrow(TypeError);
    expect(() => importKey(bytes(32), 'dir', { allowWeakKey: true } as never)).toThrow(/did you mean "allowWeakKeys"/);
    expect(() => importEncryptionKey(bytes(32), 'dir', { allowWeakKeys: 'yes' } as never)).toThrow(TypeError);
    expect(() => importEncryptionKey(bytes(32), 'HS256' as never)).toThrow(TypeError);
  });
});

let weak: string | undefined;
function weakRsaPem(): string {
  weak ??= generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
  return weak;
}

describe('a key is bound to one use', () => {
  it('sign() and verify() refuse encryption keys', async () => {
    const pinned = importKey(bytes(32), 'A256KW');
    expect(await message(sign({}, pinned), 'ERR_KEY')).toBe('no algorithm fits an HMAC secret pinned to A256KW');
    await expectCode(sign({}, pinned, { alg: 'HS256' }), 'ERR_KEY');
    await expectCode(sign({}, importKey(x25519PrivatePem)), 'ERR_KEY');
    await expectCode(sign({}, x25519PrivatePem), 'ERR_KEY');
    await expectCode(sign({}, octJwk(32, { use: 'enc' })), 'ERR_KEY');
    const token = await sign({}, bytes(32));
    await expectCode(verify(token, importKey(bytes(32), 'dir')), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(token, importKey(bytes(32), 'dir'), { algorithms: ['HS256'] }), 'ERR_KEY');
    await expectCode(verify(token, x25519Pem), 'ERR_JWT_ALGORITHM');
    await expectCode(() => importKey(importKey(bytes(32), 'dir'), 'HS256'), 'ERR_KEY');
  });

  it('toEncryptionKey refuses signing keys, and decrypting ops for encrypting', async () => {
    await expectCode(() => toEncryptionKey({ ...rsaJwk, use: 'sig' }), 'ERR_KEY');
    await expectCode(() => toEncryptionKey({ ...rsaJwk, alg: 'RS256' }), 'ERR_KEY');
    await expectCode(() => toEncryptionKey({ ...rsaJwk, key_ops: ['verify'] }), 'ERR_KEY');
    const decryptOnly = toEncryptionKey(octJwk(32, { key_ops: ['decrypt'] }));
    expect(await message(() => prepareEncryptionKey(decryptOnly, 'dir', 'encrypt'), 'ERR_KEY')).toMatch(/allow no encryption/);
    expect(prepareEncryptionKey(decryptOnly, 'dir', 'decrypt').secret).toEqual(bytes(32));
    const wrapOnly = toEncryptionKey(octJwk(32, { key_ops: ['wrapKey'] }));
    expect(prepareEncryptionKey(wrapOnly, 'A256KW', 'encrypt').alg).toBe('A256KW');
    await expectCode(() => prepareEncryptionKey(wrapOnly, 'A256KW', 'decrypt'), 'ERR_KEY');
  });
});

describe('prepareEncryptionKey', () => {
  it('prepares secrets once per alg and usage', () => {
    const key = toEncryptionKey(bytes(32));
    const prepared = prepareEncryptionKey(key, 'dir', 'encrypt');
    expect(prepared).toEqual({ alg: 'dir', secret: bytes(32) });
    expect(prepareEncryptionKey(key, 'dir', 'encrypt')).toBe(prepared);
    expect(prepareEncryptionKey(key, 'dir', 'decrypt')).not.toBe(prepared);
    expect(prepareEncryptionKey(key, 'A256GCMKW', 'decrypt')).toMatchObject({ alg: 'A256GCMKW', secret: bytes(32) });
    expect(prepareEncryptionKey(toEncryptionKey(bytes(24)), 'A192KW', 'encrypt').alg).toBe('A192KW');
  });

  it('takes any non-empty password for PBES2, and never uses it as one unless named', () => {
    const password = toEncryptionKey('correct horse');
    expect(keyManagementOf(password)).toEqual({
      algorithms: ['PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'],
      defaults: [],
    });
    expect(prepareEncryptionKey(password, 'PBES2-HS512+A256KW', 'decrypt')).toEqual({
      alg: 'PBES2-HS512+A256KW',
      secret: new TextEncoder().encode('correct horse'),
    });
    expect(keyManagementOf(importKey('correct horse', 'PBES2-HS256+A128KW')).defaults).toEqual(['PBES2-HS256+A128KW']);
  });

  it.each([
    ['a secret for an alg it does not fit', () => prepareEncryptionKey(toEncryptionKey(bytes(32)), 'A128KW', 'encrypt'), /16-byte/],
    ['a pinned key for another alg', () => prepareEncryptionKey(importKey(bytes(32), 'A256KW'), 'dir', 'encrypt'), /pinned to A256KW/],
    ['a private key to encrypt', () => prepareEncryptionKey(toEncryptionKey(p256PrivatePem), 'ECDH-ES', 'encrypt'), /pass the public key/],
    ['a private X25519 key to encrypt', () => prepareEncryptionKey(toEncryptionKey(x25519PrivateJwk), 'ECDH-ES', 'encrypt'), /public key/],
    ['a private RSA key to encrypt', () => prepareEncryptionKey(toEncryptionKey(rsaPrivateJwk), 'RSA-OAEP-256', 'encrypt'), /public key/],
    ['a public key to decrypt', () => prepareEncryptionKey(toEncryptionKey(rsaJwk), 'RSA-OAEP-256', 'decrypt'), /private key/],
    ['a public X25519 key to decrypt', () => prepareEncryptionKey(toEncryptionKey(x25519Pem), 'ECDH-ES+A128KW', 'decrypt'), /private/],
    ['an RSA key under 2048 bits', () => prepareEncryptionKey(toEncryptionKey(weakRsaPem()), 'RSA-OAEP', 'encrypt'), /2048/],
    ['an EC key for RSA-OAEP', () => prepareEncryptionKey(toEncryptionKey(p256Jwk), 'RSA-OAEP', 'encrypt'), /RSA-OAEP cannot/],
  ])('refuses %s with ERR_KEY', async (_, attempt, words) => {
    expect(await message(attempt, 'ERR_KEY')).toMatch(words);
  });

  it('refuses a signing key', async () => {
    await expectCode(() => prepareEncryptionKey(importKey(bytes(32)), 'dir', 'encrypt'), 'ERR_KEY');
  });

  it('reads an extractable AES CryptoKey, and refuses one that is not', async () => {
    const kw = await crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, true, ['wrapKey', 'unwrapKey']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', kw));
    const prepared = prepareEncryptionKey(toEncryptionKey(kw), 'A256KW', 'encrypt');
    expect(prepared.secret).toBeUndefined();
    expect(await prepared.pendingSecret).toEqual(raw);
    const gcm = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt']);
    expect(keyManagementOf(toEncryptionKey(gcm))).toEqual({ algorithms: ['dir', 'A128GCMKW'], defaults: ['dir'] });
    expect(defaultContentEncryption(toEncryptionKey(gcm), 'dir')).toBe('A128GCM');
    expect(await message(() => prepareEncryptionKey(toEncryptionKey(gcm), 'dir', 'decrypt'), 'ERR_KEY')).toMatch(/not extractable/);
  });

  it('defaultContentEncryption: dir by the secret length, else A256GCM', async () => {
    for (const [n, enc] of [
      [16, 'A128GCM'],
      [24, 'A192GCM'],
      [32, 'A256GCM'],
      [48, 'A192CBC-HS384'],
      [64, 'A256CBC-HS512'],
    ] as const) {
      expect(defaultContentEncryption(toEncryptionKey(bytes(n)), 'dir')).toBe(enc);
    }
    expect(defaultContentEncryption(toEncryptionKey(rsaJwk), 'RSA-OAEP-256')).toBe('A256GCM');
    expect(defaultContentEncryption(toEncryptionKey(bytes(16)), 'A128KW')).toBe('A256GCM');
    await expectCode(() => defaultContentEncryption(toEncryptionKey(bytes(20)), 'dir'), 'ERR_KEY');
  });
});

describe('X25519', () => {
  it('PEM and JWK round trips, public and private', async () => {
    expect(await exportPEM(x25519Pem)).toBe(x25519Pem);
    expect(await exportPEM(x25519PrivatePem)).toBe(x25519PrivatePem);
    expect(await exportJWK(x25519Pem)).toEqual({ ...x25519Jwk, use: 'enc' });
    expect(await exportJWK(x25519PrivatePem)).toEqual({ ...x25519PrivateJwk, use: 'enc' });
    expect(await exportJWK(x25519PrivateJwk)).toEqual({ ...x25519PrivateJwk, use: 'enc' });
    expect(await exportPEM(x25519Jwk)).toBe(x25519Pem);
    expect(await exportPEM(x25519PrivateJwk)).toBe(x25519PrivatePem);
    const exported = await exportJWK(importKey(x25519Jwk, 'ECDH-ES+A256KW'));
    expect(exported).toEqual({ ...x25519Jwk, alg: 'ECDH-ES+A256KW', use: 'enc' });
    expect(importKey(exported).alg).toBe('ECDH-ES+A256KW');
  });

  it('has RFC 7638 thumbprints of crv, kty and x', async () => {
    const expected = createHash('sha256')
      .update(JSON.stringify({ crv: 'X25519', kty: 'OKP', x: x25519Jwk.x }))
      .digest('base64url');
    expect(await thumbprint(x25519PrivateJwk)).toBe(expected);
    expect(await thumbprint(await exportJWK(x25519Pem))).toBe(expected);
  });

  it('is refused by JWS with a clear error', async () => {
    expect(await message(sign({}, x25519PrivatePem), 'ERR_KEY')).toMatch(/X25519/);
    expect(await message(() => importKey({ ...x25519Jwk }, 'EdDSA'), 'ERR_KEY')).toMatch(/X25519/);
  });
});

describe('generateSecret and generateKeyPair for JWE', () => {
  it('generates dir keys by content encryption, and KEKs by key wrapping', () => {
    expect(generateSecret('A128GCM')).toHaveLength(16);
    expect(generateSecret('A256GCM')).toHaveLength(32);
    expect(generateSecret('A128CBC-HS256')).toHaveLength(32);
    expect(generateSecret('A192CBC-HS384')).toHaveLength(48);
    expect(generateSecret('A256CBC-HS512')).toHaveLength(64);
    expect(generateSecret('A192KW')).toHaveLength(24);
    expect(generateSecret('A128GCMKW')).toHaveLength(16);
    expect(generateSecret('HS384')).toHaveLength(48);
    expect(keyManagementOf(importKey(generateSecret('A256GCMKW'), 'A256GCMKW')).defaults).toEqual(['A256GCMKW']);
    for (const alg of ['dir', 'PBES2-HS256+A128KW', 'RSA-OAEP', 'ECDH-ES', 'A128GCMKX', 'RS256']) {
      expect(() => generateSecret(alg as never), alg).toThrow(TypeError);
    }
  });

  it('generates ECDH (P-256 by default, or options.crv) and RSA-OAEP key pairs that import as encryption keys', async () => {
    const ecdh = await generateKeyPair('ECDH-ES');
    expect(ecdh.publicKey.algorithm).toEqual({ name: 'ECDH', namedCurve: 'P-256' });
    expect(importKey(ecdh.publicKey).crv).toBe('P-256');
    const p384 = await generateKeyPair('ECDH-ES+A192KW', { crv: 'P-384', extractable: true });
    expect(toEncryptionKey(p384.privateKey).crv).toBe('P-384');
    expect((await exportJWK(p384.privateKey)).d).toBeTypeOf('string');
    const x = await generateKeyPair('ECDH-ES+A128KW', { crv: 'X25519', extractable: true });
    expect([toEncryptionKey(x.publicKey).crv, toEncryptionKey(x.privateKey).type]).toEqual(['X25519', 'private']);
    expect(await exportPEM(x.publicKey)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const oaep = await generateKeyPair('RSA-OAEP-256');
    expect(oaep.publicKey.algorithm).toMatchObject({ name: 'RSA-OAEP', modulusLength: 2048, hash: { name: 'SHA-256' } });
    expect(toEncryptionKey(oaep.publicKey).alg).toBe('RSA-OAEP-256');
    expect(keyManagementOf(toEncryptionKey(oaep.privateKey)).defaults).toEqual(['RSA-OAEP-256']);
  });

  it('refuses secrets, crv where it does not belong, and unknown curves and options', async () => {
    await expect(generateKeyPair('A256KW' as never)).rejects.toThrow(/generateSecret\('A256KW'\)/);
    await expect(generateKeyPair('dir' as never)).rejects.toThrow(/generateSecret\('A256GCM'\)/);
    await expect(generateKeyPair('ES256', { crv: 'P-256' })).rejects.toBeInstanceOf(TypeError);
    await expect(generateKeyPair('RSA-OAEP', { crv: 'P-256' })).rejects.toBeInstanceOf(TypeError);
    await expect(generateKeyPair('ECDH-ES', { crv: 'secp256k1' as never })).rejects.toBeInstanceOf(TypeError);
    await expect(generateKeyPair('ECDH-ES', { curve: 'P-256' } as never)).rejects.toThrow(/unknown option "curve"/);
  });
});

describe('exportJWK, exportPEM and thumbprint of encryption keys', () => {
  it('exports secrets, RSA and EC keys with "use": "enc", which import again as encryption keys', async () => {
    const dir = await exportJWK(importKey(bytes(32), 'dir'));
    expect(dir).toEqual({ kty: 'oct', k: b64u(bytes(32)), alg: 'dir', use: 'enc' });
    expect(importKey(dir).alg).toBe('dir');
    const rsaKey = await exportJWK(importKey(rsaPem, 'RSA-OAEP-384'));
    expect(rsaKey).toEqual({ ...rsaJwk, alg: 'RSA-OAEP-384', use: 'enc' });
    expect(await exportPEM(importKey({ ...rsaJwk, use: 'enc' }))).toBe(rsaPem);
    expect(await exportPEM(importKey(p256PrivatePem, 'ECDH-ES'))).toBe(p256PrivatePem);
    expect(await exportJWK(importKey({ ...p256Jwk, use: 'enc', kid: 'e1' }))).toEqual({ ...p256Jwk, kid: 'e1', use: 'enc' });
    expect(await thumbprint(rsaKey)).toBe(await thumbprint(rsaJwk));
  });

  it('refuses a PEM of a secret', async () => {
    expect(await message(exportPEM(importKey(bytes(16), 'A128KW')), 'ERR_KEY')).toMatch(/a secret has no PEM form/);
    const gcm = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    await expectCode(exportPEM(gcm), 'ERR_KEY');
  });
});

describe('key sets: the encryption keys', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as Jwk;
  const set: JwkSet = {
    keys: [
      { ...rsaPrivateJwk, kid: 'sig', use: 'sig' },
      { ...rsaPrivateJwk, kid: 'rs', alg: 'RS256' },
      { ...other, kid: 'ops', key_ops: ['sign'] },
      { ...rsaPrivateJwk, kid: 'rsa-enc', use: 'enc' },
      { ...x25519PrivateJwk, kid: 'x' },
      octJwk(16, { kid: 'kw', alg: 'A128KW' }),
      { kty: 'OKP', crv: 'Ed25519', x: b64u(bytes(32)), kid: 'ed' },
    ],
  };

  it('picks by kid, then by what fits the alg, skipping signing keys', () => {
    expect(selectEncryptionKey(set, { kid: 'rsa-enc', alg: 'RSA-OAEP-256' }).kid).toBe('rsa-enc');
    expect(selectEncryptionKey(set, { alg: 'RSA-OAEP-256' }).kid).toBe('rsa-enc');
    expect(selectEncryptionKey(set, { alg: 'ECDH-ES+A128KW' }).kid).toBe('x');
    expect(selectEncryptionKey(set, { alg: 'A128KW' }).kid).toBe('kw');
    expect(selectEncryptionKey(JSON.stringify(set), { kid: 'x', alg: 'ECDH-ES' }).crv).toBe('X25519');
    expect(selectEncryptionKey(new TextEncoder().encode(JSON.stringify(set)), { kid: 'kw', alg: 'A128KW' }).alg).toBe('A128KW');
  });

  it.each([
    [{ kid: 'sig', alg: 'RSA-OAEP-256' }, /skipped: it is a signing key/],
    [{ kid: 'rs', alg: 'RSA-OAEP-256' }, /skipped: its "alg" is not a JWE/],
    [{ kid: 'ops', alg: 'RSA-OAEP-256' }, /skipped: its "key_ops" are for signatures/],
    [{ kid: 'ed', alg: 'ECDH-ES' }, /skipped: OKP curve "Ed25519" cannot encrypt/],
    [{ kid: 'kw', alg: 'A256KW' }, /no encryption key/],
    [{ kid: 'nope', alg: 'RSA-OAEP-256' }, /no encryption key/],
    [{ alg: 'HS256' }, /no encryption key/],
    [{ alg: 'dir' }, /no encryption key/],
  ])('%j: ERR_JWKS_NO_KEY', async (header, words) => {
    expect(await message(() => selectEncryptionKey(set, header), 'ERR_JWKS_NO_KEY')).toMatch(words);
  });

  it('refuses to guess between keys, but takes the same key twice as one (its private half)', async () => {
    const two = {
      keys: [
        { ...rsaJwk, use: 'enc' },
        { ...other, use: 'enc' },
      ],
    };
    expect(await message(() => selectEncryptionKey(two, { alg: 'RSA-OAEP' }), 'ERR_JWKS_NO_KEY')).toMatch(/refusing to guess/);
    const shared = {
      keys: [
        { ...rsaJwk, use: 'enc', kid: 'a' },
        { ...other, use: 'enc', kid: 'a' },
      ],
    };
    expect(await message(() => selectEncryptionKey(shared, { kid: 'a', alg: 'RSA-OAEP' }), 'ERR_JWKS_NO_KEY')).toMatch(/share/);
    const halves = {
      keys: [
        { ...rsaJwk, use: 'enc', kid: 'a' },
        { ...rsaPrivateJwk, use: 'enc', kid: 'a' },
      ],
    };
    expect(selectEncryptionKey(halves, { kid: 'a', alg: 'RSA-OAEP' }).type).toBe('private');
    expect(selectEncryptionKey(halves, { alg: 'RSA-OAEP' }).type).toBe('private');
  });

  it('refuses a malformed set with ERR_KEY', async () => {
    await expectCode(() => selectEncryptionKey({ keys: 'x' }, { alg: 'dir' }), 'ERR_KEY');
    await expectCode(() => selectEncryptionKey({ keys: [null] }, { alg: 'dir' }), 'ERR_KEY');
    await expectCode(() => selectEncryptionKey('not a set', { alg: 'dir' }), 'ERR_KEY');
  });

  it('verify() still picks signing keys from the same set', async () => {
    const token = await sign({}, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }), { header: { kid: 'sig' } });
    const PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);
    const publicSet = {
      keys: set.keys
        .filter((k) => k.kty !== 'oct')
        .map((k) => Object.fromEntries(Object.entries(k).filter(([name]) => !PRIVATE.has(name))) as Jwk),
    };
    await verify(token, publicSet);
    await expectCode(
      verify(await sign({}, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { header: { kid: 'rsa-enc' } }), publicSet),
      'ERR_JWKS_NO_KEY',
    );
  });
});

describe('createRemoteJWKSet for decrypt', () => {
  const served = (sets: object[]) => {
    let fetches = 0;
    const fetch = () => {
      const body = JSON.stringify(sets[Math.min(fetches, sets.length - 1)]);
      fetches++;
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }));
    };
    return { fetch, count: () => fetches };
  };

  it('looks up encryption keys in the same fetched set as verification, refetching for an unknown kid', async () => {
    const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sigJwk = { ...(signing.publicKey.export({ format: 'jwk' }) as Jwk), kid: 'sig', use: 'sig' };
    const first = { keys: [sigJwk, { ...rsaJwk, kid: 'enc-1', use: 'enc' }] };
    const second = { keys: [...first.keys, { ...x25519Jwk, kid: 'enc-2' }] };
    const server = served([first, second]);
    const resolver = createRemoteJWKSet('https://issuer.example/jwks.json', { fetch: server.fetch });
    const lookup = encryptionKeyResolver(resolver);
    expect(lookup).toBeTypeOf('function');
    const token = await sign({}, signing.privateKey.export({ format: 'pem', type: 'pkcs8' }), { header: { kid: 'sig' } });
    await verify(token, resolver);
    const key = await lookup!({ kid: 'enc-1', alg: 'RSA-OAEP-256' });
    expect([key.kid, key.kty, key.type]).toEqual(['enc-1', 'RSA', 'public']);
    expect(await lookup!({ kid: 'enc-1', alg: 'RSA-OAEP-256' })).toBe(key);
    expect(server.count()).toBe(1);
    // A rotated key: the unknown kid refetches once.
    expect((await lookup!({ kid: 'enc-2', alg: 'ECDH-ES' })).crv).toBe('X25519');
    expect(server.count()).toBe(2);
    await expect(lookup!({ kid: 'sig', alg: 'ECDH-ES' })).rejects.toBeInstanceOf(JwksNoKeyError);
    await verify(token, resolver);
  });

  it('is undefined for anything but a remote set resolver', () => {
    expect(encryptionKeyResolver(() => importKey(bytes(32), 'dir'))).toBeUndefined();
    expect(encryptionKeyResolver({ keys: [] })).toBeUndefined();
  });
});
