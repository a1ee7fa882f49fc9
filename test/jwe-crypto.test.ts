/**
 * The JWE crypto primitives (src/crypto/jwe.ts, and node.ts's versions in the `node` project): the
 * deterministic values of RFC 7520 §5, RFC 7516 appendix A and RFC 7518 appendix C reproduced byte
 * for byte, Wycheproof's JWE tokens opened with the primitives alone, failures that must throw, the
 * inflation cap, and the curve check of points.ts. Vectors are read as data from vectors/jwe/.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as backend from '../src/crypto/backend.js';
import { isOnCurve } from '../src/crypto/points.js';
import {
  contentEncryptionSpec,
  CONTENT_ENCRYPTION_NAMES,
  isContentEncryption,
  KEY_MANAGEMENT_NAMES,
  keyManagementSpec,
  type AgreementCurve,
  type ContentEncryption,
  type KeyManagementAlgorithm,
} from '../src/jwa/encryption.js';
import rfc7516 from '../vectors/jwe/rfc7516_appendix_a_jwe.json' with { type: 'json' };
import rfc7518 from '../vectors/jwe/rfc7518_appendix_c_ecdh_es.json' with { type: 'json' };
import rfc7520 from '../vectors/jwe/rfc7520_section5_jwe.json' with { type: 'json' };
import wycheproof from '../vectors/jwe/wycheproof/json_web_encryption_test.json' with { type: 'json' };
import rfc7520Keys from '../vectors/rfc/rfc7520_section3_keys.json' with { type: 'json' };

// ---- the loader: vectors as data, binary values decoded from base64url ----

const bytes = (b64u: string): Uint8Array => new Uint8Array(Buffer.from(b64u, 'base64url'));
const b64u = (data: Uint8Array): string => Buffer.from(data).toString('base64url');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

type Jwk = JsonWebKey & { kid?: string; crv?: string };

interface ContentVector {
  readonly name: string;
  readonly enc: ContentEncryption;
  readonly cek: Uint8Array;
  readonly iv: Uint8Array;
  /** RFC 7516 §5.1 step 14: ASCII(protected) or ASCII(protected || '.' || aad); empty without a protected header. */
  readonly aad: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

interface Rfc7520Vector {
  readonly id: string;
  readonly alg?: string;
  readonly enc: string;
  readonly plaintext: string;
  readonly password?: string;
  readonly key?: Jwk;
  readonly encrypted_key?: string;
  readonly generated: {
    readonly cek: string;
    readonly iv: string;
    readonly p2s?: string;
    readonly p2c?: number;
    readonly key_wrap_iv?: string;
    readonly key_wrap_tag?: string;
    readonly ephemeral_private_jwk?: Jwk;
    readonly compressed_plaintext_b64u?: string;
    readonly aad_b64u?: string;
  };
  readonly protected_b64u?: string;
  readonly protected_header?: Record<string, unknown>;
  readonly ciphertext: string;
  readonly tag: string;
  readonly compact?: string | null;
}

const section5 = rfc7520.vectors as readonly Rfc7520Vector[];

interface Rfc7516Vector {
  readonly id: string;
  readonly alg?: string;
  readonly enc?: string;
  readonly plaintext: string;
  readonly key?: Jwk;
  readonly cek_b64u?: string;
  readonly encrypted_key?: string;
  readonly iv?: string;
  readonly aad_octets_ascii?: string;
  readonly ciphertext?: string;
  readonly tag?: string;
}

const RFC7516 = rfc7516.vectors as readonly Rfc7516Vector[];

function rfc7520Vector(id: string): Rfc7520Vector {
  const v = section5.find((x) => x.id === id);
  if (v === undefined) throw new Error(`no RFC 7520 vector ${id}`);
  return v;
}

function asEnc(enc: string): ContentEncryption {
  if (!isContentEncryption(enc)) throw new Error(`not an enc: ${enc}`);
  return enc;
}

function contentVectors(): ContentVector[] {
  const fromRfc7520 = section5.map((v) => {
    const aadText =
      v.protected_b64u === undefined ? '' : v.protected_b64u + (v.generated.aad_b64u === undefined ? '' : `.${v.generated.aad_b64u}`);
    return {
      name: `RFC 7520 §${v.id} ${v.enc}`,
      enc: asEnc(v.enc),
      cek: bytes(v.generated.cek),
      iv: bytes(v.generated.iv),
      aad: ascii(aadText),
      plaintext: v.generated.compressed_plaintext_b64u === undefined ? utf8(v.plaintext) : bytes(v.generated.compressed_plaintext_b64u),
      ciphertext: bytes(v.ciphertext),
      tag: bytes(v.tag),
    };
  });
  const fromRfc7516 = RFC7516.filter((v): v is Required<Rfc7516Vector> => v.enc !== undefined && v.iv !== undefined).map((v) => ({
    name: `RFC 7516 ${v.id} ${v.enc}`,
    enc: asEnc(v.enc),
    cek: bytes(v.cek_b64u),
    iv: bytes(v.iv),
    aad: ascii(v.aad_octets_ascii),
    plaintext: utf8(v.plaintext),
    ciphertext: bytes(v.ciphertext),
    tag: bytes(v.tag),
  }));
  return [...fromRfc7520, ...fromRfc7516];
}

const CONTENT = contentVectors();

interface WycheproofGroup {
  readonly comment: string;
  readonly private?: Jwk;
  readonly tests: readonly { tcId: number; comment: string; pt?: string; jwe: string; result: string }[];
}

const WYCHEPROOF = wycheproof.testGroups as readonly WycheproofGroup[];

function secretOf(jwk: Jwk): Uint8Array {
  return bytes(jwk.k as string);
}

/**
 * A compact JWE opened with the primitives alone, as the decrypt layer will (without its header and
 * key checks): the CEK by the header's `alg`, then the content. Throws on any failure.
 */
async function openCompact(token: string, jwk: Jwk): Promise<Uint8Array> {
  const [h, ek, iv, ct, tag] = token.split('.') as [string, string, string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown> & {
    alg: KeyManagementAlgorithm;
    enc: string;
  };
  const enc = asEnc(header.enc);
  const cek = await contentKey(header, enc, jwk, bytes(ek));
  const plaintext = await backend.decryptContent(enc, cek, bytes(iv), bytes(ct), bytes(tag), ascii(h));
  return header.zip === 'DEF' ? backend.inflateRaw(plaintext, 250_000) : plaintext;
}

async function contentKey(header: Record<string, unknown>, enc: ContentEncryption, jwk: Jwk, ek: Uint8Array): Promise<Uint8Array> {
  const alg = header.alg as KeyManagementAlgorithm;
  const spec = keyManagementSpec(alg);
  switch (spec.kind) {
    case 'dir':
      return secretOf(jwk);
    case 'kw':
      return backend.aesKeyUnwrap(secretOf(jwk), ek);
    case 'gcmkw':
      return backend.aesGcmKeyUnwrap(secretOf(jwk), bytes(header.iv as string), bytes(header.tag as string), ek);
    case 'pbes2': {
      const salt = new Uint8Array([...utf8(alg), 0, ...bytes(header.p2s as string)]);
      const kek = await backend.pbes2Kek(spec.hash as 'SHA-256', secretOf(jwk), salt, header.p2c as number, spec.kekBytes);
      return backend.aesKeyUnwrap(kek, ek);
    }
    case 'rsa': {
      const key = await backend.importOaepKey({ kind: 'jwk', jwk }, spec.hash as 'SHA-1', 'decrypt');
      return backend.rsaOaepDecrypt(key, ek);
    }
    case 'ecdh':
    case 'ecdh-kw': {
      const epk = header.epk as Jwk;
      const crv = jwk.crv as AgreementCurve;
      const privateKey = await backend.importAgreementKey({ kind: 'jwk', jwk }, crv, 'private');
      const publicKey = await backend.importAgreementKey({ kind: 'jwk', jwk: epk }, crv, 'public');
      const z = await backend.ecdhSecret(privateKey, publicKey, crv);
      const apu = header.apu === undefined ? new Uint8Array(0) : bytes(header.apu as string);
      const apv = header.apv === undefined ? new Uint8Array(0) : bytes(header.apv as string);
      if (spec.kind === 'ecdh') {
        if (ek.length !== 0) throw new Error('ECDH-ES has no encrypted key');
        return backend.concatKdf(z, contentEncryptionSpec(enc).cekBytes, enc, apu, apv);
      }
      return backend.aesKeyUnwrap(await backend.concatKdf(z, spec.kekBytes, alg, apu, apv), ek);
    }
  }
}

/** `operation` fails, by throwing or by rejecting. */
async function rejects(operation: () => unknown): Promise<void> {
  await expect(Promise.resolve().then(operation)).rejects.toBeDefined();
}

/** The public half of a JWK. */
function publicOf(jwk: Jwk): Jwk {
  const copy = { ...jwk };
  delete copy.d;
  return copy;
}

// ---- content encryption ----

describe('content encryption: RFC 7520 §5 and RFC 7516 appendix A values, exactly', () => {
  it.each(CONTENT)('$name: encrypts to the ciphertext and tag', async (v) => {
    const { ciphertext, tag } = await backend.encryptContent(v.enc, v.cek, v.iv, v.plaintext, v.aad);
    expect(b64u(ciphertext)).toBe(b64u(v.ciphertext));
    expect(b64u(tag)).toBe(b64u(v.tag));
  });

  it.each(CONTENT)('$name: decrypts to the plaintext', async (v) => {
    const plaintext = await backend.decryptContent(v.enc, v.cek, v.iv, v.ciphertext, v.tag, v.aad);
    expect(b64u(plaintext)).toBe(b64u(v.plaintext));
  });
});

describe('content decryption failures throw', () => {
  const byEnc = CONTENT_ENCRYPTION_NAMES.map((enc) => {
    const spec = contentEncryptionSpec(enc);
    const cek = new Uint8Array(spec.cekBytes).map((_, i) => i * 7 + 1);
    const iv = new Uint8Array(spec.ivBytes).map((_, i) => 200 - i);
    return { enc, spec, cek, iv, aad: ascii('eyJhbGciOiJkaXIifQ'), plaintext: utf8('attack at dawn, with 32+ bytes of text') };
  });

  it.each(byEnc)('$enc: a round trip, then each tampering refused', async ({ enc, spec, cek, iv, aad, plaintext }) => {
    const { ciphertext, tag } = await backend.encryptContent(enc, cek, iv, plaintext, aad);
    expect(tag.length).toBe(spec.tagBytes);
    expect(b64u(await backend.decryptContent(enc, cek, iv, ciphertext, tag, aad))).toBe(b64u(plaintext));
    const flip = (data: Uint8Array, index: number) => data.map((b, i) => (i === index ? b ^ 1 : b));
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, flip(tag, 0), aad));
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, flip(tag, tag.length - 1), aad));
    await rejects(() => backend.decryptContent(enc, cek, iv, flip(ciphertext, 3), tag, aad));
    await rejects(() => backend.decryptContent(enc, cek, flip(iv, 0), ciphertext, tag, aad));
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, tag, flip(aad, 0)));
    await rejects(() => backend.decryptContent(enc, flip(cek, 0), iv, ciphertext, tag, aad));
    await rejects(() => backend.decryptContent(enc, flip(cek, cek.length - 1), iv, ciphertext, tag, aad));
    // A short tag, even the right prefix of the right one; a long one.
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, tag.subarray(0, tag.length - 1), aad));
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, tag.subarray(0, tag.length / 2), aad));
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, new Uint8Array([...tag, 0]), aad));
    // An IV of another size: 8 bytes, or GCM's 12 for CBC and CBC's 16 for GCM.
    await rejects(() => backend.decryptContent(enc, cek, iv.subarray(0, 8), ciphertext, tag, aad));
    await rejects(() => backend.decryptContent(enc, cek, new Uint8Array(spec.kind === 'gcm' ? 16 : 12), ciphertext, tag, aad));
    await rejects(() => backend.encryptContent(enc, cek, iv.subarray(0, 8), plaintext, aad));
    // A CEK of another size.
    await rejects(() => backend.encryptContent(enc, cek.subarray(0, 16 === cek.length ? 8 : 16), iv, plaintext, aad));
  });

  it.each(byEnc.filter((v) => v.spec.kind === 'cbc'))('$enc: bad padding under a valid tag throws', async ({ enc, spec, cek, iv, aad }) => {
    // One block whose last byte (0x00) is no PKCS#7 padding, encrypted raw and given a correct tag.
    const half = spec.cekBytes / 2;
    const cipher = createCipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv).setAutoPadding(false);
    const ciphertext = new Uint8Array(Buffer.concat([cipher.update(new Uint8Array(16).fill(0x41).fill(0, 15)), cipher.final()]));
    const al = Buffer.alloc(8);
    al.writeBigUInt64BE(BigInt(aad.length * 8));
    const hash = (spec.hash as string).replace('SHA-', 'sha');
    const mac = createHmac(hash, cek.subarray(0, half)).update(aad).update(iv).update(ciphertext).update(al).digest();
    await rejects(() => backend.decryptContent(enc, cek, iv, ciphertext, new Uint8Array(mac.subarray(0, spec.tagBytes)), aad));
  });

  describe.runIf(process.env.WEBJWT_BACKEND !== 'node')('WebCrypto: CBC deciphers nothing before the tag is checked', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('a wrong tag never reaches AES-CBC decryption', async () => {
      const { enc, cek, iv, aad, plaintext } = byEnc.find((v) => v.enc === 'A128CBC-HS256')!;
      const { ciphertext, tag } = await backend.encryptContent(enc, cek, iv, plaintext, aad);
      const decrypt = vi.spyOn(globalThis.crypto.subtle, 'decrypt');
      await rejects(() =>
        backend.decryptContent(
          enc,
          cek,
          iv,
          ciphertext,
          tag.map((b) => b ^ 0x80),
          aad,
        ),
      );
      expect(decrypt).not.toHaveBeenCalled();
      await backend.decryptContent(enc, cek, iv, ciphertext, tag, aad);
      expect(decrypt).toHaveBeenCalledTimes(1);
    });
  });
});

// ---- key management ----

describe('key management: RFC 7520 §5 deterministic values', () => {
  const kwVectors = section5.filter((v) => v.alg === 'A128KW');

  it.each(kwVectors)('§$id A128KW: the CEK wraps to the encrypted key and unwraps back', async (v) => {
    const kek = secretOf(v.key!);
    const cek = bytes(v.generated.cek);
    expect(b64u(await backend.aesKeyWrap(kek, cek))).toBe(v.encrypted_key);
    expect(b64u(await backend.aesKeyUnwrap(kek, bytes(v.encrypted_key!)))).toBe(v.generated.cek);
  });

  it('RFC 7516 A.3 A128KW: a 32-byte CBC-HMAC CEK wraps exactly', async () => {
    const v = RFC7516.find((x) => x.id === 'A.3')!;
    const kek = secretOf(v.key as Jwk);
    expect(b64u(await backend.aesKeyWrap(kek, bytes(v.cek_b64u!)))).toBe(v.encrypted_key);
    expect(b64u(await backend.aesKeyUnwrap(kek, bytes(v.encrypted_key!)))).toBe(v.cek_b64u);
  });

  it('§5.7 A256GCMKW: the wrapped key and its tag, and back', async () => {
    const v = rfc7520Vector('5.7');
    const kek = secretOf(v.key!);
    const iv = bytes(v.generated.key_wrap_iv!);
    const { encryptedKey, tag } = await backend.aesGcmKeyWrap(kek, bytes(v.generated.cek), iv);
    expect(b64u(encryptedKey)).toBe(v.encrypted_key);
    expect(b64u(tag)).toBe(v.generated.key_wrap_tag);
    expect(b64u(await backend.aesGcmKeyUnwrap(kek, iv, tag, encryptedKey))).toBe(v.generated.cek);
  });

  it('§5.3 PBES2-HS512+A256KW: the password and p2s/p2c give the key that wraps the CEK', async () => {
    const v = rfc7520Vector('5.3');
    const salt = new Uint8Array([...utf8(v.alg!), 0, ...bytes(v.generated.p2s!)]);
    const kek = await backend.pbes2Kek('SHA-512', utf8(v.password!), salt, v.generated.p2c!, 32);
    expect(kek.length).toBe(32);
    expect(b64u(await backend.aesKeyWrap(kek, bytes(v.generated.cek)))).toBe(v.encrypted_key);
  });

  it('§5.4 ECDH-ES+A128KW (P-384): the ephemeral key agrees the key that wraps the CEK', async () => {
    const v = rfc7520Vector('5.4');
    const recipient = publicOf(v.key!);
    const ephemeral = await backend.importAgreementKey({ kind: 'jwk', jwk: v.generated.ephemeral_private_jwk! }, 'P-384', 'private');
    const peer = await backend.importAgreementKey({ kind: 'jwk', jwk: recipient }, 'P-384', 'public');
    const z = await backend.ecdhSecret(ephemeral, peer, 'P-384');
    expect(z.length).toBe(48);
    const kek = await backend.concatKdf(z, 16, v.alg!, new Uint8Array(0), new Uint8Array(0));
    expect(b64u(await backend.aesKeyWrap(kek, bytes(v.generated.cek)))).toBe(v.encrypted_key);
  });

  it('§5.5 ECDH-ES (P-256): the agreed key is the CEK', async () => {
    const v = rfc7520Vector('5.5');
    const recipient = publicOf(v.key!);
    const ephemeral = await backend.importAgreementKey({ kind: 'jwk', jwk: v.generated.ephemeral_private_jwk! }, 'P-256', 'private');
    const peer = await backend.importAgreementKey({ kind: 'jwk', jwk: recipient }, 'P-256', 'public');
    const z = await backend.ecdhSecret(ephemeral, peer, 'P-256');
    expect(b64u(await backend.concatKdf(z, 32, v.enc, new Uint8Array(0), new Uint8Array(0)))).toBe(v.generated.cek);
  });

  it.each([rfc7520Vector('5.2'), ...RFC7516.filter((x) => x.alg === 'RSA-OAEP')].map((v) => [v.id, v] as const))(
    '%s RSA-OAEP: the encrypted key decrypts to the CEK; a fresh encryption decrypts too',
    async (_id, v) => {
      const jwk = v.key as Jwk;
      const cek = 'generated' in v ? v.generated.cek : v.cek_b64u!;
      const privateKey = await backend.importOaepKey({ kind: 'jwk', jwk }, 'SHA-1', 'decrypt');
      expect(b64u(await backend.rsaOaepDecrypt(privateKey, bytes(v.encrypted_key!)))).toBe(cek);
      const publicKey = await backend.importOaepKey({ kind: 'jwk', jwk: { kty: 'RSA', n: jwk.n!, e: jwk.e! } }, 'SHA-1', 'encrypt');
      const again = await backend.rsaOaepEncrypt(publicKey, bytes(cek));
      expect(b64u(again)).not.toBe(v.encrypted_key);
      expect(b64u(await backend.rsaOaepDecrypt(privateKey, again))).toBe(cek);
    },
  );

  it.each(section5.filter((v) => typeof v.compact === 'string' && v.alg !== 'RSA1_5'))(
    '§$id $alg + $enc: the compact token opens with the primitives',
    async (v) => {
      const jwk = v.alg?.startsWith('PBES2') === true ? { kty: 'oct', k: b64u(utf8(v.password!)) } : v.key!;
      expect(Buffer.from(await openCompact(v.compact!, jwk)).toString('utf8')).toBe(v.plaintext);
    },
  );
});

describe('key management failures throw', () => {
  const kek = new Uint8Array(16).fill(7);
  const cek = new Uint8Array(32).fill(9);

  it('AES-KW: another key, a changed byte, a length not a multiple of 8, too short, a bad KEK size', async () => {
    const wrapped = await backend.aesKeyWrap(kek, cek);
    expect(wrapped.length).toBe(40);
    await rejects(() => backend.aesKeyUnwrap(new Uint8Array(16).fill(8), wrapped));
    await rejects(() =>
      backend.aesKeyUnwrap(
        kek,
        wrapped.map((b, i) => (i === 0 ? b ^ 1 : b)),
      ),
    );
    await rejects(() =>
      backend.aesKeyUnwrap(
        kek,
        wrapped.map((b, i) => (i === 39 ? b ^ 1 : b)),
      ),
    );
    await rejects(() => backend.aesKeyUnwrap(kek, wrapped.subarray(0, 36)));
    await rejects(() => backend.aesKeyUnwrap(kek, wrapped.subarray(0, 16)));
    await rejects(() => backend.aesKeyUnwrap(kek, new Uint8Array(0)));
    await rejects(() => backend.aesKeyWrap(new Uint8Array(20), cek));
    await rejects(() => backend.aesKeyWrap(kek, new Uint8Array(20)));
  });

  it.each([16, 24, 32])('AES-KW with a %i-byte KEK wraps every CEK size and back', async (size) => {
    const key = new Uint8Array(size).map((_, i) => i);
    for (const cekBytes of [16, 24, 32, 48, 64]) {
      const content = new Uint8Array(cekBytes).map((_, i) => 255 - i);
      const wrapped = await backend.aesKeyWrap(key, content);
      expect(wrapped.length).toBe(cekBytes + 8);
      expect(b64u(await backend.aesKeyUnwrap(key, wrapped))).toBe(b64u(content));
    }
  });

  it('AES-GCMKW: a changed tag or key, an 8-byte IV, a short tag', async () => {
    const iv = new Uint8Array(12).fill(1);
    const { encryptedKey, tag } = await backend.aesGcmKeyWrap(kek, cek, iv);
    expect(encryptedKey.length).toBe(32);
    expect(tag.length).toBe(16);
    await rejects(() =>
      backend.aesGcmKeyUnwrap(
        kek,
        iv,
        tag.map((b) => b ^ 1),
        encryptedKey,
      ),
    );
    await rejects(() => backend.aesGcmKeyUnwrap(new Uint8Array(16), iv, tag, encryptedKey));
    await rejects(() => backend.aesGcmKeyUnwrap(kek, iv.subarray(0, 8), tag, encryptedKey));
    await rejects(() => backend.aesGcmKeyUnwrap(kek, iv, tag.subarray(0, 12), encryptedKey));
    await rejects(() => backend.aesGcmKeyWrap(kek, cek, iv.subarray(0, 8)));
  });

  it('RSA-OAEP: a key for another hash or use, and a secret, are refused', async () => {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['encrypt', 'decrypt'],
    );
    await expect(backend.importOaepKey({ kind: 'crypto', key: pair.publicKey }, 'SHA-256', 'encrypt')).resolves.toBe(pair.publicKey);
    await rejects(() => backend.importOaepKey({ kind: 'crypto', key: pair.publicKey }, 'SHA-1', 'encrypt'));
    await rejects(() => backend.importOaepKey({ kind: 'crypto', key: pair.publicKey }, 'SHA-256', 'decrypt'));
    await rejects(() => backend.importOaepKey({ kind: 'secret', bytes: new Uint8Array(32) }, 'SHA-256', 'decrypt'));
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const encryptKey = await backend.importOaepKey({ kind: 'der', data: { format: 'spki', der: spki } }, 'SHA-256', 'encrypt');
    const decryptKey = await backend.importOaepKey({ kind: 'der', data: { format: 'pkcs8', der: pkcs8 } }, 'SHA-256', 'decrypt');
    const encrypted = await backend.rsaOaepEncrypt(encryptKey, cek);
    expect(b64u(await backend.rsaOaepDecrypt(decryptKey, encrypted))).toBe(b64u(cek));
    await rejects(() =>
      backend.rsaOaepDecrypt(
        decryptKey,
        encrypted.map((b, i) => (i === 5 ? b ^ 1 : b)),
      ),
    );
    // The same key imported for SHA-1 (RSA-OAEP) decrypts nothing the SHA-256 one encrypted.
    const sha1Key = await backend.importOaepKey({ kind: 'der', data: { format: 'pkcs8', der: pkcs8 } }, 'SHA-1', 'decrypt');
    await rejects(() => backend.rsaOaepDecrypt(sha1Key, encrypted));
  });
});

describe('ECDH-ES and the Concat KDF', () => {
  it('RFC 7518 appendix C: Z from either side, and the derived key', async () => {
    const alicePublic = publicOf(rfc7518.alice_ephemeral_jwk);
    const bobPublic = publicOf(rfc7518.bob_jwk);
    const alice = await backend.importAgreementKey({ kind: 'jwk', jwk: rfc7518.alice_ephemeral_jwk }, 'P-256', 'private');
    const bob = await backend.importAgreementKey({ kind: 'jwk', jwk: rfc7518.bob_jwk }, 'P-256', 'private');
    const toBob = await backend.importAgreementKey({ kind: 'jwk', jwk: bobPublic }, 'P-256', 'public');
    const toAlice = await backend.importAgreementKey({ kind: 'jwk', jwk: alicePublic }, 'P-256', 'public');
    expect(b64u(await backend.ecdhSecret(alice, toBob, 'P-256'))).toBe(rfc7518.Z_b64u);
    expect(b64u(await backend.ecdhSecret(bob, toAlice, 'P-256'))).toBe(rfc7518.Z_b64u);
    const key = await backend.concatKdf(
      bytes(rfc7518.Z_b64u),
      rfc7518.keydatalen_bits / 8,
      rfc7518.enc,
      utf8(rfc7518.apu_utf8),
      utf8(rfc7518.apv_utf8),
    );
    expect(b64u(key)).toBe(rfc7518.derived_key_b64u);
  });

  it('several SHA-256 rounds for keys over 32 bytes (counter 1, 2, ...), as the KDF defines them', async () => {
    const z = bytes(rfc7518.Z_b64u);
    const otherInfo = bytes(rfc7518.other_info_b64u);
    const round = (n: number, info: Uint8Array) => {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(n);
      return createHash('sha256').update(counter).update(z).update(info).digest();
    };
    // A 16-byte key for "A128GCM" has the appendix's OtherInfo: the first round, cut.
    expect(b64u(round(1, otherInfo).subarray(0, 16))).toBe(rfc7518.derived_key_b64u);
    for (const keyBytes of [48, 64]) {
      const info = new Uint8Array([...otherInfo.subarray(0, otherInfo.length - 4), 0, 0, (keyBytes * 8) >> 8, (keyBytes * 8) & 0xff]);
      const expected = Buffer.concat([round(1, info), round(2, info)]).subarray(0, keyBytes);
      const key = await backend.concatKdf(z, keyBytes, rfc7518.enc, utf8(rfc7518.apu_utf8), utf8(rfc7518.apv_utf8));
      expect(b64u(key)).toBe(b64u(expected));
    }
  });

  it.each<AgreementCurve>(['P-256', 'P-384', 'P-521', 'X25519'])(
    '%s: ephemeral keys agree both ways, public JWK shaped for epk',
    async (crv) => {
      const a = await backend.generateEphemeralKey(crv);
      const b = await backend.generateEphemeralKey(crv);
      expect(a.publicJwk.crv).toBe(crv);
      expect(a.publicJwk.kty).toBe(crv === 'X25519' ? 'OKP' : 'EC');
      expect(Object.keys(a.publicJwk).sort()).toEqual(crv === 'X25519' ? ['crv', 'kty', 'x'] : ['crv', 'kty', 'x', 'y']);
      if (crv !== 'X25519') expect(isOnCurve(crv, bytes(a.publicJwk.x), bytes(a.publicJwk.y!))).toBe(true);
      const aPublic = await backend.importAgreementKey({ kind: 'jwk', jwk: a.publicJwk }, crv, 'public');
      const bPublic = await backend.importAgreementKey({ kind: 'jwk', jwk: b.publicJwk }, crv, 'public');
      const z1 = await backend.ecdhSecret(a.privateKey, bPublic, crv);
      const z2 = await backend.ecdhSecret(b.privateKey, aPublic, crv);
      expect(z1.length).toBe({ 'P-256': 32, 'P-384': 48, 'P-521': 66, X25519: 32 }[crv]);
      expect(b64u(z1)).toBe(b64u(z2));
      // A key on another curve, or a private key where the public one goes, is refused.
      const other: AgreementCurve = crv === 'P-256' ? 'P-384' : 'P-256';
      await rejects(() => backend.importAgreementKey({ kind: 'jwk', jwk: a.publicJwk }, other, 'public'));
      await rejects(() => backend.importAgreementKey({ kind: 'crypto', key: a.privateKey as CryptoKey }, crv, 'public'));
      await rejects(() => backend.importAgreementKey({ kind: 'crypto', key: a.privateKey as CryptoKey }, other, 'private'));
    },
  );

  it.each<AgreementCurve>(['P-256', 'X25519'])('%s: keys import from SPKI and PKCS#8 DER and agree', async (crv) => {
    const params = crv === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: crv };
    const pair = (await crypto.subtle.generateKey(params, true, ['deriveBits'])) as CryptoKeyPair;
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const privateKey = await backend.importAgreementKey({ kind: 'der', data: { format: 'pkcs8', der: pkcs8 } }, crv, 'private');
    const publicKey = await backend.importAgreementKey({ kind: 'der', data: { format: 'spki', der: spki } }, crv, 'public');
    const ephemeral = await backend.generateEphemeralKey(crv);
    const epk = await backend.importAgreementKey({ kind: 'jwk', jwk: ephemeral.publicJwk }, crv, 'public');
    const z1 = await backend.ecdhSecret(privateKey, epk, crv);
    expect(b64u(await backend.ecdhSecret(ephemeral.privateKey, publicKey, crv))).toBe(b64u(z1));
    // PKCS#8 where a public key goes is refused.
    await rejects(() => backend.importAgreementKey({ kind: 'der', data: { format: 'pkcs8', der: pkcs8 } }, crv, 'public'));
  });

  it('X25519: a small-order peer key (all-zero shared secret) is refused', async () => {
    const mine = await backend.generateEphemeralKey('X25519');
    const zero = { kty: 'OKP', crv: 'X25519', x: b64u(new Uint8Array(32)) };
    const peer = await backend.importAgreementKey({ kind: 'jwk', jwk: zero }, 'X25519', 'public');
    await rejects(() => backend.ecdhSecret(mine.privateKey, peer, 'X25519'));
  });

  it('an off-curve epk (Wycheproof tcId 51) fails isOnCurve and is refused by the import', async () => {
    const token = WYCHEPROOF.flatMap((g) => g.tests).find((t) => t.tcId === 51)!.jwe;
    const epk = (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { epk: Jwk }).epk;
    expect(isOnCurve('P-256', bytes(epk.x!), bytes(epk.y!))).toBe(false);
    await rejects(() => backend.importAgreementKey({ kind: 'jwk', jwk: epk }, 'P-256', 'public'));
  });
});

// ---- Wycheproof: tokens opened with the primitives ----

interface WycheproofCase {
  readonly name: string;
  readonly jwk: Jwk;
  readonly jwe: string;
  readonly pt: string | undefined;
}

/**
 * Wycheproof's compact tokens whose header names the key's own algorithm (a key used with another
 * algorithm, RSA1_5, and broken serializations are the decrypt layer's to refuse, not the primitives').
 */
function wycheproofCases(valid: boolean): WycheproofCase[] {
  const cases: WycheproofCase[] = [];
  for (const group of WYCHEPROOF) {
    const jwk = group.private;
    if (jwk === undefined) continue;
    for (const test of group.tests) {
      if ((test.result === 'valid') !== valid || test.jwe.split('.').length !== 5) continue;
      let header: { alg?: unknown; enc?: unknown };
      try {
        header = JSON.parse(Buffer.from(test.jwe.split('.')[0]!, 'base64url').toString()) as typeof header;
      } catch {
        header = {};
      }
      const own = header.alg === jwk.alg || (header.alg === 'dir' && header.enc === jwk.alg);
      if (valid ? !own || header.alg === 'RSA1_5' : header.alg !== undefined && !own) continue;
      if (!KEY_MANAGEMENT_NAMES.includes(header.alg as KeyManagementAlgorithm) && header.alg !== undefined) continue;
      cases.push({
        name: `tcId ${test.tcId} ${test.comment} (${String(header.alg)}, ${String(header.enc)})`,
        jwk,
        jwe: test.jwe,
        pt: test.pt,
      });
    }
  }
  return cases;
}

describe('Wycheproof JWE tokens through the primitives', () => {
  const valid = wycheproofCases(true);
  const invalid = wycheproofCases(false);

  it('covers every family', () => {
    expect(valid.length).toBeGreaterThanOrEqual(50);
    expect(invalid.length).toBeGreaterThanOrEqual(35);
  });

  it.each(valid)('$name opens to its plaintext', async ({ jwe, jwk, pt }) => {
    expect(Buffer.from(await openCompact(jwe, jwk)).toString('hex')).toBe(pt);
  });

  it.each(invalid)('$name is refused', async ({ jwe, jwk }) => {
    await rejects(() => openCompact(jwe, jwk));
  });
});

// ---- PBES2 ----

describe('PBES2 key derivation', () => {
  it.each([
    ['SHA-256', 16],
    ['SHA-384', 24],
    ['SHA-512', 32],
  ] as const)('HMAC-%s gives %i bytes, changing with the count and the salt', async (hash, kekBytes) => {
    const password = utf8('correct horse');
    const salt = new Uint8Array([...utf8('PBES2'), 0, ...new Uint8Array(16).fill(3)]);
    const a = await backend.pbes2Kek(hash, password, salt, 1000, kekBytes);
    expect(a.length).toBe(kekBytes);
    expect(b64u(await backend.pbes2Kek(hash, password, salt, 1000, kekBytes))).toBe(b64u(a));
    expect(b64u(await backend.pbes2Kek(hash, password, salt, 1001, kekBytes))).not.toBe(b64u(a));
    expect(
      b64u(
        await backend.pbes2Kek(
          hash,
          password,
          salt.map((b) => b ^ 1),
          1000,
          kekBytes,
        ),
      ),
    ).not.toBe(b64u(a));
  });
});

// ---- inflation ----

describe('inflateRaw', () => {
  it('§5.9: the compressed plaintext inflates to the plaintext', async () => {
    const v = rfc7520Vector('5.9');
    const inflated = await backend.inflateRaw(bytes(v.generated.compressed_plaintext_b64u!), 250_000);
    expect(Buffer.from(inflated).toString('utf8')).toBe(v.plaintext);
  });

  it('stops with a RangeError once the output passes the cap, and takes exactly the cap', async () => {
    const big = new Uint8Array(Buffer.alloc(5_000_000, 'a'));
    const bomb = new Uint8Array(deflateRawSync(big, { level: 9 }));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(backend.inflateRaw(bomb, 250_000)).rejects.toBeInstanceOf(RangeError);
    await expect(backend.inflateRaw(bomb, big.length - 1)).rejects.toBeInstanceOf(RangeError);
    expect((await backend.inflateRaw(bomb, big.length)).length).toBe(big.length);
    const small = new Uint8Array(deflateRawSync(utf8('hello hello hello')));
    expect(Buffer.from(await backend.inflateRaw(small, 17)).toString()).toBe('hello hello hello');
    await expect(backend.inflateRaw(small, 16)).rejects.toBeInstanceOf(RangeError);
  });

  it('throws on data that is not raw DEFLATE', async () => {
    await rejects(() => backend.inflateRaw(hex('ffffffffffffffff'), 1000));
    const truncated = new Uint8Array(deflateRawSync(utf8('some text to compress, long enough'))).subarray(0, 5);
    await rejects(() => backend.inflateRaw(truncated, 1000));
  });
});

// ---- what the runtime supports ----

describe('supportedJwe', () => {
  // X25519 works on both backends: the 'ephemeral keys agree both ways' tests above run ECDH on every curve.
  it('Node has AES-192, so every algorithm, whichever backend', async () => {
    const support = await backend.supportedJwe();
    expect([...support.algorithms].sort()).toEqual([...KEY_MANAGEMENT_NAMES].sort());
    expect([...support.encryptions].sort()).toEqual([...CONTENT_ENCRYPTION_NAMES].sort());
  });
});

// ---- points.ts ----

describe('isOnCurve', () => {
  const points: { name: string; crv: 'P-256' | 'P-384' | 'P-521'; x: string; y: string }[] = [
    { name: 'RFC 7518 C Alice', crv: 'P-256', x: rfc7518.alice_ephemeral_jwk.x, y: rfc7518.alice_ephemeral_jwk.y },
    { name: 'RFC 7518 C Bob', crv: 'P-256', x: rfc7518.bob_jwk.x, y: rfc7518.bob_jwk.y },
    ...section5
      .flatMap((v) => [v.key, v.generated.ephemeral_private_jwk])
      .filter((jwk): jwk is Jwk => jwk?.kty === 'EC')
      .map((jwk) => ({ name: `RFC 7520 ${jwk.kid ?? 'epk'}`, crv: jwk.crv as 'P-256', x: jwk.x!, y: jwk.y! })),
    ...Object.entries(rfc7520Keys.keys)
      .filter(([, k]) => k.jwk.kty === 'EC')
      .map(([name, k]) => ({ name: `RFC 7520 ${name}`, crv: (k.jwk as Jwk).crv as 'P-521', x: (k.jwk as Jwk).x!, y: (k.jwk as Jwk).y! })),
  ];

  it('the vectors hold points of all three curves', () => {
    expect(new Set(points.map((p) => p.crv))).toEqual(new Set(['P-256', 'P-384', 'P-521']));
  });

  it.each(points)('$name ($crv): on the curve; moved, zero, or out of range: not', ({ crv, x, y }) => {
    const px = bytes(x);
    const py = bytes(y);
    const size = px.length;
    const p = {
      'P-256': 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
      'P-384': 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
      'P-521': 2n ** 521n - 1n,
    }[crv];
    const toBytes = (n: bigint) => hex(n.toString(16).padStart(size * 2, '0'));
    const big = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex')}`);
    expect(isOnCurve(crv, px, py)).toBe(true);
    // The negated point (x, p - y) is on the curve too.
    expect(isOnCurve(crv, px, toBytes(p - big(py)))).toBe(true);
    expect(isOnCurve(crv, toBytes(big(px) + 1n), py)).toBe(false);
    expect(isOnCurve(crv, px, toBytes(big(py) ^ 1n))).toBe(false);
    expect(isOnCurve(crv, new Uint8Array(size), new Uint8Array(size))).toBe(false);
    expect(isOnCurve(crv, new Uint8Array(size).fill(0xff), py)).toBe(false);
    expect(isOnCurve(crv, px, new Uint8Array(size).fill(0xff))).toBe(false);
    // Coordinates of another size, even with the same value.
    expect(isOnCurve(crv, new Uint8Array([0, ...px]), py)).toBe(false);
    expect(isOnCurve(crv, px.subarray(1), py)).toBe(false);
    // y + p (P-521's 66 bytes hold it) satisfies the equation mod p but is not a canonical coordinate.
    if (crv === 'P-521') expect(isOnCurve(crv, px, toBytes(big(py) + p))).toBe(false);
    expect(isOnCurve(crv, toBytes(p), py)).toBe(false);
  });
});
