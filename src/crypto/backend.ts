/**
 * The signing backend, the seam for importing, signing and verifying: which algorithms the runtime
 * can sign and verify, how key material becomes a key that does, and those two operations. This is
 * the universal one, on WebCrypto. The Node build (package `exports` condition `node`) swaps this
 * module for `node.ts`, which exports the same names, typed against this file, on node:crypto.
 * Nothing else in src/ knows which one it runs on; keys/key.ts alone imports keys through it, and
 * jws/signature.ts alone signs and verifies. (The WebCrypto primitives every runtime has, such as
 * random bytes, digests and key generation, are used from webcrypto.ts directly.)
 */
import type { JwsAlgorithm } from '../jwa/algorithms.js';
import { encodeBase64url as encodeBytes } from '../lib/base64url.js';
import { asciiBytes, utf8Bytes } from '../lib/text.js';
import { importDerKey, importJwkKey, importSecret, signBytes, verifyBytes, WEBCRYPTO_ALGORITHMS, type KeyUsage } from './webcrypto.js';

/**
 * The token's base64url: canonical decoding of `text[start, end)` (undefined for anything else), and
 * encoding of bytes or of a string's UTF-8. Here the runtime-neutral JavaScript codec; Node's is native.
 */
export { decodeBase64url } from '../lib/base64url.js';

export function encodeBase64url(data: Uint8Array | string): string {
  return encodeBytes(typeof data === 'string' ? utf8Bytes(data) : data);
}

/** A key ready for `sign`/`verify`: a CryptoKey here, a KeyObject in the Node build. */
export type BackendKey = object;

/**
 * What is signed: bytes, or a JWS signing input as a string, which is ASCII by construction
 * (base64url and '.'); a backend that can hash strings directly skips encoding them.
 */
export type SignedData = Uint8Array | string;

const bytesOf = (data: SignedData): Uint8Array => (typeof data === 'string' ? asciiBytes(data) : data);

export const BACKEND: 'webcrypto' | 'node' = 'webcrypto';

/** The algorithms this backend signs and verifies; key preparation refuses the others before any call here. */
export const SUPPORTED_ALGORITHMS: ReadonlySet<JwsAlgorithm> = WEBCRYPTO_ALGORITHMS;

export function importSecretKey(bytes: Uint8Array, alg: JwsAlgorithm, usage: KeyUsage): Promise<BackendKey> {
  return importSecret(bytes, alg, [usage]);
}

export function importJwk(jwk: JsonWebKey, alg: JwsAlgorithm, usage: KeyUsage): Promise<BackendKey> {
  return importJwkKey(jwk, alg, [usage]);
}

export function importDer(format: 'spki' | 'pkcs8', der: Uint8Array, alg: JwsAlgorithm, usage: KeyUsage): Promise<BackendKey> {
  return importDerKey(format, der, alg, [usage]);
}

/** A CryptoKey the caller made, whose algorithm and usages key.ts has already matched to `alg`. */
export function fromCryptoKey(key: CryptoKey, _alg: JwsAlgorithm): Promise<BackendKey> {
  return Promise.resolve(key);
}

export function sign(alg: JwsAlgorithm, key: BackendKey, data: SignedData): Promise<Uint8Array> | Uint8Array {
  return signBytes(alg, key as CryptoKey, bytesOf(data));
}

export function verify(alg: JwsAlgorithm, key: BackendKey, signature: Uint8Array, data: SignedData): Promise<boolean> | boolean {
  return verifyBytes(alg, key as CryptoKey, signature, bytesOf(data));
}

/**
 * The JWE primitives (issue 15), on WebCrypto here; node.ts replaces the byte-keyed ones (content
 * encryption, AES key wrapping, PBKDF2, the Concat KDF, inflation) with node:crypto and node:zlib.
 * Only JWE modules import them, so a bundle that signs and verifies leaves jwe.ts out.
 */
export {
  aesGcmKeyUnwrap,
  aesGcmKeyWrap,
  aesKeyUnwrap,
  aesKeyWrap,
  concatKdf,
  decryptContent,
  ecdhSecret,
  encryptContent,
  generateEphemeralKey,
  importAgreementKey,
  importOaepKey,
  inflateRaw,
  pbes2Kek,
  rsaOaepDecrypt,
  rsaOaepEncrypt,
  supportedJwe,
} from './jwe.js';
export type { ContentCiphertext, EphemeralPublicJwk, JweSupport, KeyMaterial, MaybePromise, WrappedKey } from './jwe.js';
