/// <reference types="node" />
/**
 * The Node signing backend, on node:crypto: same exports as backend.ts (each typed against it), swapped
 * in for it by the Node build. node:crypto signs and verifies synchronously, where Node's WebCrypto
 * hands every call to a thread pool. Keys are imported as KeyObjects and checked to be exactly what
 * WebCrypto's import would have accepted for `alg`, so both backends refuse the same keys.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  KeyObject,
  pbkdf2,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
  type CipherGCMTypes,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { ALGORITHM_NAMES, algorithmSpec, HASHES, NODE_NAMES, type JwsAlgorithm } from '../jwa/algorithms.js';
import { CONTENT_ENCRYPTION_NAMES, contentEncryptionSpec, KEY_MANAGEMENT_NAMES } from '../jwa/encryption.js';
import { URL_ALPHABET } from '../lib/base64url.js';
import type * as Contract from './backend.js';
import { aadBitLength, checkKek, checkLength, checkWrappable, concatKdfOtherInfo, GCM_IV_BYTES, GCM_TAG_BYTES } from './jwe.js';

export const BACKEND: typeof Contract.BACKEND = 'node';

/** OpenSSL has every hash and curve of the table (each curve's node:crypto name is in it). */
export const SUPPORTED_ALGORITHMS: typeof Contract.SUPPORTED_ALGORITHMS = /* @__PURE__ */ new Set(ALGORITHM_NAMES);

export const encodeBase64url: typeof Contract.encodeBase64url = (data) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : buffer(data)).toString('base64url');

const BASE64URL_TEXT = /^[\w-]*$/;

/**
 * Buffer decodes natively but leniently (it skips foreign characters, takes either alphabet, ignores
 * padding and trailing bits), so the text is checked first: the alphabet only (a regular expression
 * is the fastest scan here, and allocates nothing), a possible length, and zero unused bits in the
 * last character (RFC 4648 §3.5). What passes decodes exactly.
 */
export const decodeBase64url: typeof Contract.decodeBase64url = (text, start, end) => {
  const segment = start === undefined ? text : text.slice(start, end);
  const rest = segment.length % 4;
  if (rest === 1 || !BASE64URL_TEXT.test(segment)) return undefined;
  if (rest !== 0 && (URL_ALPHABET.indexOf(segment.charAt(segment.length - 1)) & (rest === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  // The Buffer itself (a Uint8Array): these bytes stay inside webjwt, and a second view would be one
  // more object per segment on every verification.
  return Buffer.from(segment, 'base64url');
};

/**
 * A key ready for one algorithm: the KeyObject with the options node:crypto's one-shot sign/verify
 * take for it (PSS salt as long as the hash, RFC 7518 §3.5; ECDSA as R||S, §3.4), built once per key
 * and algorithm instead of once per call.
 */
interface NodeKey {
  readonly key: KeyObject;
  readonly padding?: number;
  readonly saltLength?: number;
  readonly dsaEncoding?: 'ieee-p1363';
}

/** The key for `alg`, if its type and curve are what `alg` needs (WebCrypto's import checks the same). */
function prepared(key: KeyObject, alg: JwsAlgorithm): NodeKey {
  const spec = algorithmSpec(alg);
  const curve = spec.crv === undefined ? undefined : NODE_NAMES[spec.crv];
  const fits =
    spec.family === 'oct'
      ? key.type === 'secret'
      : spec.family === 'RSA'
        ? key.asymmetricKeyType === 'rsa'
        : spec.family === 'EC'
          ? key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === curve
          : key.asymmetricKeyType === curve;
  if (!fits) throw new TypeError(`the key does not fit ${alg}`);
  if (spec.name === 'RSA-PSS') return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASHES[spec.hash].bytes };
  if (spec.name === 'ECDSA') return { key, dsaEncoding: 'ieee-p1363' };
  return { key };
}

/** `make()`'s result, or its exception as a rejection, as WebCrypto's import reports failures. */
function attempt<T>(make: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(make());
  });
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const importSecretKey: typeof Contract.importSecretKey = (bytes, alg) =>
  attempt(() => prepared(createSecretKey(buffer(bytes)), alg));

export const importJwk: typeof Contract.importJwk = (jwk, alg, usage) =>
  attempt(() => {
    const input = { key: jwk as NodeJsonWebKey, format: 'jwk' as const };
    return prepared(usage === 'sign' ? createPrivateKey(input) : createPublicKey(input), alg);
  });

export const importDer: typeof Contract.importDer = (format, der, alg) =>
  attempt(() =>
    prepared(
      format === 'pkcs8'
        ? createPrivateKey({ key: buffer(der), format: 'der', type: 'pkcs8' })
        : createPublicKey({ key: buffer(der), format: 'der', type: 'spki' }),
      alg,
    ),
  );

export const fromCryptoKey: typeof Contract.fromCryptoKey = (key, alg) => attempt(() => prepared(KeyObject.from(key), alg));

function digestName(alg: JwsAlgorithm): string | null {
  const { hash } = algorithmSpec(alg);
  return hash === undefined ? null : NODE_NAMES[hash];
}

/** Signing inputs are ASCII strings, which latin1 maps byte for byte without an encoder. */
function input(data: Contract.SignedData): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
}

function hmac(alg: JwsAlgorithm, key: KeyObject, data: Contract.SignedData): Buffer {
  const mac = createHmac(digestName(alg) as string, key);
  return (typeof data === 'string' ? mac.update(data, 'latin1') : mac.update(data)).digest();
}

function view(bytes: Buffer): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const sign: typeof Contract.sign = (alg, key, data) => {
  const k = key as NodeKey;
  if (k.key.type === 'secret') return view(hmac(alg, k.key, data));
  return view(nodeSign(digestName(alg), input(data), k));
};

export const verify: typeof Contract.verify = (alg, key, signature, data) => {
  const k = key as NodeKey;
  if (k.key.type === 'secret') {
    const mac = hmac(alg, k.key, data);
    return mac.length === signature.length && timingSafeEqual(mac, signature);
  }
  return nodeVerify(digestName(alg), input(data), k, signature);
};

/*
 * The JWE primitives. Those keyed by plain bytes run synchronously on node:crypto (and inflation on
 * node:zlib); RSA-OAEP and ECDH stay on WebCrypto (Node's globalThis.crypto.subtle), whose CryptoKeys
 * the key layer already holds for them.
 */
export { ecdhSecret, generateEphemeralKey, importAgreementKey, importOaepKey, rsaOaepDecrypt, rsaOaepEncrypt } from './jwe.js';

/** OpenSSL has AES-192: every JWE algorithm. */
const EVERYTHING: Awaited<ReturnType<typeof Contract.supportedJwe>> = /* @__PURE__ */ (() => ({
  algorithms: new Set(KEY_MANAGEMENT_NAMES),
  encryptions: new Set(CONTENT_ENCRYPTION_NAMES),
}))();

export const supportedJwe: typeof Contract.supportedJwe = () => Promise.resolve(EVERYTHING);

const NO_AAD = /* @__PURE__ */ new Uint8Array(0);

function gcmName(key: Uint8Array): CipherGCMTypes {
  return `aes-${key.length * 8}-gcm` as CipherGCMTypes;
}

function gcmSeal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Contract.ContentCiphertext {
  checkLength('the AES-GCM IV', iv, GCM_IV_BYTES);
  const cipher = createCipheriv(gcmName(key), key, iv, { authTagLength: GCM_TAG_BYTES }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: view(ciphertext), tag: view(cipher.getAuthTag()) };
}

function gcmOpen(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array {
  checkLength('the AES-GCM IV', iv, GCM_IV_BYTES);
  checkLength('the AES-GCM tag', tag, GCM_TAG_BYTES);
  const decipher = createDecipheriv(gcmName(key), key, iv, { authTagLength: GCM_TAG_BYTES }).setAuthTag(tag).setAAD(aad);
  return view(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}

/** CBC-HMAC's MAC (RFC 7518 §5.2.2.1), full length: HMAC(MAC_KEY, AAD || IV || C || AL). */
function cbcMac(hash: string, macKey: Uint8Array, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  return createHmac(hash, macKey).update(aad).update(iv).update(ciphertext).update(aadBitLength(aad)).digest();
}

function checkContentSizes(spec: ReturnType<typeof contentEncryptionSpec>, cek: Uint8Array, iv: Uint8Array): void {
  checkLength('the content encryption key', cek, spec.cekBytes);
  checkLength('the IV', iv, spec.ivBytes);
}

export const encryptContent: typeof Contract.encryptContent = (enc, cek, iv, plaintext, aad) => {
  const spec = contentEncryptionSpec(enc);
  checkContentSizes(spec, cek, iv);
  if (spec.kind === 'gcm') return gcmSeal(cek, iv, plaintext, aad);
  const half = spec.cekBytes / 2;
  const cipher = createCipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const mac = cbcMac(NODE_NAMES[spec.hash as keyof typeof NODE_NAMES], cek.subarray(0, half), aad, iv, ciphertext);
  return { ciphertext: view(ciphertext), tag: view(mac.subarray(0, spec.tagBytes)) };
};

/** CBC-HMAC: the whole tag is compared in constant time before a byte is deciphered (RFC 7518 §5.2.2.2). */
export const decryptContent: typeof Contract.decryptContent = (enc, cek, iv, ciphertext, tag, aad) => {
  const spec = contentEncryptionSpec(enc);
  checkContentSizes(spec, cek, iv);
  checkLength('the authentication tag', tag, spec.tagBytes);
  if (spec.kind === 'gcm') return gcmOpen(cek, iv, ciphertext, tag, aad);
  const half = spec.cekBytes / 2;
  const mac = cbcMac(NODE_NAMES[spec.hash as keyof typeof NODE_NAMES], cek.subarray(0, half), aad, iv, ciphertext);
  if (!timingSafeEqual(mac.subarray(0, spec.tagBytes), tag)) throw new Error('authentication tag mismatch');
  const decipher = createDecipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
  return view(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
};

/** RFC 3394's default initial value (§2.2.3.1), which OpenSSL's wrap ciphers take as their IV. */
const KW_IV = /* @__PURE__ */ Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

export const aesKeyWrap: typeof Contract.aesKeyWrap = (kek, cek) => {
  checkKek(kek);
  checkWrappable('the key to wrap', cek, 16);
  const cipher = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV);
  return view(Buffer.concat([cipher.update(cek), cipher.final()]));
};

/** Throws when RFC 3394's integrity check (the recovered initial value) fails. */
export const aesKeyUnwrap: typeof Contract.aesKeyUnwrap = (kek, wrapped) => {
  checkKek(kek);
  checkWrappable('the wrapped key', wrapped, 24);
  const decipher = createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, KW_IV);
  return view(Buffer.concat([decipher.update(wrapped), decipher.final()]));
};

export const aesGcmKeyWrap: typeof Contract.aesGcmKeyWrap = (kek, cek, iv) => {
  checkKek(kek);
  const { ciphertext, tag } = gcmSeal(kek, iv, cek, NO_AAD);
  return { encryptedKey: ciphertext, tag };
};

export const aesGcmKeyUnwrap: typeof Contract.aesGcmKeyUnwrap = (kek, iv, tag, encryptedKey) => {
  checkKek(kek);
  return gcmOpen(kek, iv, encryptedKey, tag, NO_AAD);
};

/** PBKDF2 on libuv's thread pool: thousands of HMAC rounds would block the event loop. */
export const pbes2Kek: typeof Contract.pbes2Kek = (hash, password, salt, count, kekBytes) =>
  new Promise((resolve, reject) => {
    pbkdf2(password, salt, count, kekBytes, NODE_NAMES[hash], (error, key) => {
      if (error === null) resolve(view(key));
      else reject(error);
    });
  });

export const concatKdf: typeof Contract.concatKdf = (z, keyBytes, algorithmId, apu, apv) => {
  const otherInfo = concatKdfOtherInfo(keyBytes, algorithmId, apu, apv);
  const rounds: Buffer[] = [];
  for (let round = 1; round * 32 < keyBytes + 32; round++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(round);
    rounds.push(createHash('sha256').update(counter).update(z).update(otherInfo).digest());
  }
  return view(Buffer.concat(rounds).subarray(0, keyBytes));
};

/**
 * node:zlib's raw inflate, which stops with ERR_BUFFER_TOO_LARGE once its output would pass
 * maxOutputLength, without inflating the rest; DecompressionStream('deflate-raw') only came with Node 20.12.
 */
export const inflateRaw: typeof Contract.inflateRaw = (data, maxLength) =>
  attempt(() => {
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(maxLength, 1) });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
      throw new RangeError(`the decompressed content is over ${maxLength} bytes`, { cause: error });
    }
    if (inflated.length > maxLength) throw new RangeError(`the decompressed content is over ${maxLength} bytes`);
    return view(inflated);
  });
