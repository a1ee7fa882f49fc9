/**
 * The WebCrypto primitives, the only module that touches `crypto.subtle`. Two kinds of callers, by
 * design: backend.ts imports, signs and verifies through it (the seam that the Node build swaps for
 * node.ts, so nothing else may sign or verify here directly); and what every runtime's WebCrypto does
 * the same way whatever the backend (random bytes, digests, HKDF, key generation and export) is used
 * directly by keys/export.ts, keys/generate.ts and session/. The JWE primitives (jwe.ts) reach
 * `crypto.subtle` through `subtle()` here.
 */
import { algorithmsWhere, importParams, signParams, type Curve, type JwsAlgorithm } from '../jwa/algorithms.js';

export type KeyUsage = 'sign' | 'verify';

/** The named curves of the WebCrypto specification (§23.4, §25); other curves (secp256k1) are not in it. */
const WEBCRYPTO_CURVES: ReadonlySet<Curve> = /* @__PURE__ */ new Set<Curve>(['P-256', 'P-384', 'P-521', 'Ed25519']);

/** The algorithms WebCrypto signs and verifies: every row of the table on a curve it names. */
export const WEBCRYPTO_ALGORITHMS: ReadonlySet<JwsAlgorithm> = /* @__PURE__ */ new Set(
  algorithmsWhere((spec) => spec.crv === undefined || WEBCRYPTO_CURVES.has(spec.crv)),
);

/** WebCrypto's typings want ArrayBuffer-backed views; webjwt never creates shared ones. */
export function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

export function subtle(): SubtleCrypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.subtle === undefined) {
    throw new TypeError('webjwt needs WebCrypto (globalThis.crypto.subtle), which this runtime lacks');
  }
  return c.subtle;
}

export function importSecret(bytes: Uint8Array, alg: JwsAlgorithm, usages: readonly KeyUsage[]): Promise<CryptoKey> {
  return subtle().importKey('raw', view(bytes), importParams(alg), false, [...usages]);
}

export function importJwkKey(jwk: JsonWebKey, alg: JwsAlgorithm, usages: readonly KeyUsage[]): Promise<CryptoKey> {
  return subtle().importKey('jwk', jwk, importParams(alg), true, [...usages]);
}

export function importDerKey(
  format: 'spki' | 'pkcs8',
  der: Uint8Array,
  alg: JwsAlgorithm,
  usages: readonly KeyUsage[],
): Promise<CryptoKey> {
  return subtle().importKey(format, view(der), importParams(alg), true, [...usages]);
}

export async function signBytes(alg: JwsAlgorithm, key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(signParams(alg), key, view(data)));
}

export function verifyBytes(alg: JwsAlgorithm, key: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  return subtle().verify(signParams(alg), key, view(signature), view(data));
}

export function exportJwkKey(key: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', key);
}

export async function exportDerKey(key: CryptoKey, format: 'spki' | 'pkcs8'): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey(format, key));
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', view(data)));
}

/**
 * HKDF with SHA-256 (RFC 5869): `length` bytes derived from `secret`, `salt` and `info`. Keys derived
 * under different `info` labels are independent of each other and of the secret (RFC 5869 §3.2).
 */
export async function hkdfSha256(secret: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const s = subtle();
  const key = await s.importKey('raw', view(secret), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: view(salt), info: view(info) }, key, length * 8));
}

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export function generateKeys(alg: JwsAlgorithm, extractable: boolean): Promise<CryptoKeyPair> {
  const params = importParams(alg);
  const full =
    typeof params === 'object' && (params.name === 'RSASSA-PKCS1-v1_5' || params.name === 'RSA-PSS')
      ? { ...params, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
      : params;
  return subtle().generateKey(full, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** The bytes of an extractable secret CryptoKey (an AES key given for JWE). */
export async function exportRawKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey('raw', key));
}

/** Imports key material extractably for `params`, only to export it in another form (keys/export.ts). */
export function importForExport(
  format: 'jwk' | 'spki' | 'pkcs8',
  data: JsonWebKey | Uint8Array,
  params: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams,
  usages: readonly KeyUsage[] | readonly globalThis.KeyUsage[],
): Promise<CryptoKey> {
  return format === 'jwk'
    ? subtle().importKey(format, data as JsonWebKey, params, true, [...usages])
    : subtle().importKey(format, view(data as Uint8Array), params, true, [...usages]);
}

/**
 * A new key pair for JWE: ECDH on a NIST curve, X25519, or RSA-OAEP (2048 bits, with the hash of
 * `params`), able to do what JWE does with each half.
 */
export function generateEncryptionKeys(
  params: { name: 'ECDH'; namedCurve: string } | { name: 'X25519' } | { name: 'RSA-OAEP'; hash: string },
  extractable: boolean,
): Promise<CryptoKeyPair> {
  if (params.name === 'RSA-OAEP') {
    const full = { ...params, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    return subtle().generateKey(full, extractable, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
  }
  return subtle().generateKey(params, extractable, ['deriveBits', 'deriveKey']) as Promise<CryptoKeyPair>;
}
