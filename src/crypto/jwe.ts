/**
 * The JWE primitives on WebCrypto, for every runtime: content encryption (AES-GCM, AES-CBC with
 * HMAC-SHA2), key wrapping (AES-KW, AES-GCM), PBES2's key derivation, RSA-OAEP, ECDH-ES with the
 * Concat KDF, and raw DEFLATE inflation for `zip: "DEF"`. backend.ts re-exports them (the seam); the
 * Node build's node.ts exports the same names, on node:crypto where keys are plain bytes. Bytes in,
 * bytes out; sizes are checked here too, though callers check them first to report a malformed token.
 * No JWS code imports this module, so a bundle that only signs and verifies leaves it out.
 */
import {
  AGREEMENT_CURVES,
  contentEncryptionSpec,
  CONTENT_ENCRYPTION_NAMES,
  KEY_MANAGEMENT_NAMES,
  keyManagementSpec,
} from '../jwa/encryption.js';
import type { AgreementCurve, ContentEncryption, KeyManagementAlgorithm } from '../jwa/encryption.js';
import { utf8Bytes } from '../lib/text.js';
import { subtle, view } from './webcrypto.js';

export type MaybePromise<T> = T | Promise<T>;

/**
 * Key material as keys/key.ts holds it (structurally its `Material`): secret bytes, a JWK, DER with
 * its format, or a CryptoKey. Defined here because crypto/ is below keys/.
 */
export type KeyMaterial =
  | { readonly kind: 'secret'; readonly bytes: Uint8Array }
  | { readonly kind: 'jwk'; readonly jwk: JsonWebKey }
  | { readonly kind: 'der'; readonly data: { readonly format: 'spki' | 'pkcs8'; readonly der: Uint8Array } }
  | { readonly kind: 'crypto'; readonly key: CryptoKey };

/** A key ready for RSA-OAEP or ECDH: a CryptoKey (both backends use WebCrypto's for these). */
export type JweBackendKey = object;

export type OaepHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type Pbes2Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Which key management and content encryption algorithms this runtime can do. */
export interface JweSupport {
  readonly algorithms: ReadonlySet<KeyManagementAlgorithm>;
  readonly encryptions: ReadonlySet<ContentEncryption>;
}

export interface ContentCiphertext {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

export interface WrappedKey {
  readonly encryptedKey: Uint8Array;
  readonly tag: Uint8Array;
}

/** An ephemeral public key as the `epk` header carries it (RFC 7518 §4.6.1.1, RFC 8037 §2). */
export interface EphemeralPublicJwk {
  readonly kty: 'EC' | 'OKP';
  readonly crv: AgreementCurve;
  readonly x: string;
  readonly y?: string;
}

export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

function fail(message: string): never {
  throw new TypeError(message);
}

export function checkLength(what: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length) fail(`${what} is ${bytes.length} bytes; ${length} expected`);
}

/** True when `a` and `b` are equal, looking at every byte whatever the first difference (lengths are public). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** AL of RFC 7518 §5.2.2.1: the AAD's length in bits as a 64-bit big-endian integer. */
export function aadBitLength(aad: Uint8Array): Uint8Array {
  const al = new Uint8Array(8);
  const data = new DataView(al.buffer);
  const bits = aad.length * 8;
  data.setUint32(0, Math.floor(bits / 0x1_0000_0000));
  data.setUint32(4, bits >>> 0);
  return al;
}

function uint32(n: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n);
  return bytes;
}

/**
 * OtherInfo of the Concat KDF (RFC 7518 §4.6.2, NIST SP 800-56A §5.8.1): AlgorithmID, PartyUInfo and
 * PartyVInfo each with a 32-bit big-endian length prefix, SuppPubInfo the key size in bits, and an
 * empty SuppPrivInfo.
 */
export function concatKdfOtherInfo(keyBytes: number, algorithmId: string, apu: Uint8Array, apv: Uint8Array): Uint8Array {
  const id = utf8Bytes(algorithmId);
  return concatBytes(uint32(id.length), id, uint32(apu.length), apu, uint32(apv.length), apv, uint32(keyBytes * 8));
}

/** The CBC-HMAC keys and tag size of `enc` (RFC 7518 §5.2.2.1): MAC key first, then the AES key. */
function cbcParts(enc: ContentEncryption, cek: Uint8Array): { macKey: Uint8Array; encKey: Uint8Array; hash: string; tagBytes: number } {
  const spec = contentEncryptionSpec(enc);
  const half = spec.cekBytes / 2;
  return { macKey: cek.subarray(0, half), encKey: cek.subarray(half), hash: spec.hash as string, tagBytes: spec.tagBytes };
}

/** The CEK, IV and (for decryption) tag sizes `enc` requires; a wrong one throws. */
function checkContentSizes(enc: ContentEncryption, cek: Uint8Array, iv: Uint8Array, tag?: Uint8Array): void {
  const spec = contentEncryptionSpec(enc);
  checkLength(`the ${enc} key`, cek, spec.cekBytes);
  checkLength(`the ${enc} IV`, iv, spec.ivBytes);
  if (tag !== undefined) checkLength(`the ${enc} tag`, tag, spec.tagBytes);
}

/**
 * CryptoKeys made from key bytes, by the bytes' identity and purpose: a `dir` secret or a key-wrapping
 * secret is imported once, not on every token. Safe because every array handed to these functions is
 * webjwt's own and never written after it is made (a key's copy, a fresh CEK, a derived KEK); fresh
 * CEKs fall out of the WeakMap with their arrays. A refused import is forgotten.
 */
const importedKeys = new WeakMap<Uint8Array, Map<string, Promise<CryptoKey>>>();

function rawKey(bytes: Uint8Array, purpose: string, make: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let keys = importedKeys.get(bytes);
  if (keys === undefined) importedKeys.set(bytes, (keys = new Map<string, Promise<CryptoKey>>()));
  let key = keys.get(purpose);
  if (key === undefined) {
    const made = make();
    keys.set(purpose, (key = made));
    made.catch(() => keys.delete(purpose));
  }
  return key;
}

async function hmacTag(
  cek: Uint8Array,
  hash: string,
  macKey: Uint8Array,
  aad: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array> {
  const s = subtle();
  const key = await rawKey(cek, 'cbc-mac', () => s.importKey('raw', view(macKey), { name: 'HMAC', hash }, false, ['sign']));
  return new Uint8Array(await s.sign('HMAC', key, view(concatBytes(aad, iv, ciphertext, aadBitLength(aad)))));
}

async function encryptGcm(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<ContentCiphertext> {
  const s = subtle();
  const k = await rawKey(key, 'gcm-encrypt', () => s.importKey('raw', view(key), 'AES-GCM', false, ['encrypt']));
  const params = { name: 'AES-GCM', iv: view(iv), additionalData: view(aad), tagLength: GCM_TAG_BYTES * 8 };
  const sealed = new Uint8Array(await s.encrypt(params, k, view(plaintext)));
  const end = sealed.length - GCM_TAG_BYTES;
  return { ciphertext: sealed.subarray(0, end), tag: sealed.subarray(end) };
}

async function decryptGcm(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  checkLength('the AES-GCM IV', iv, GCM_IV_BYTES);
  checkLength('the AES-GCM tag', tag, GCM_TAG_BYTES);
  const s = subtle();
  const k = await rawKey(key, 'gcm-decrypt', () => s.importKey('raw', view(key), 'AES-GCM', false, ['decrypt']));
  const params = { name: 'AES-GCM', iv: view(iv), additionalData: view(aad), tagLength: GCM_TAG_BYTES * 8 };
  return new Uint8Array(await s.decrypt(params, k, view(concatBytes(ciphertext, tag))));
}

async function encryptCbc(
  enc: ContentEncryption,
  cek: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<ContentCiphertext> {
  const { macKey, encKey, hash, tagBytes } = cbcParts(enc, cek);
  const s = subtle();
  const k = await rawKey(cek, 'cbc-encrypt', () => s.importKey('raw', view(encKey), 'AES-CBC', false, ['encrypt']));
  const ciphertext = new Uint8Array(await s.encrypt({ name: 'AES-CBC', iv: view(iv) }, k, view(plaintext)));
  const mac = await hmacTag(cek, hash, macKey, aad, iv, ciphertext);
  return { ciphertext, tag: mac.subarray(0, tagBytes) };
}

/** RFC 7518 §5.2.2.2: the tag is checked, over all its bytes, before a byte is deciphered. */
async function decryptCbc(
  enc: ContentEncryption,
  cek: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const { macKey, encKey, hash, tagBytes } = cbcParts(enc, cek);
  const mac = await hmacTag(cek, hash, macKey, aad, iv, ciphertext);
  if (!equalBytes(mac.subarray(0, tagBytes), tag)) throw new Error('authentication tag mismatch');
  const s = subtle();
  const k = await rawKey(cek, 'cbc-decrypt', () => s.importKey('raw', view(encKey), 'AES-CBC', false, ['decrypt']));
  return new Uint8Array(await s.decrypt({ name: 'AES-CBC', iv: view(iv) }, k, view(ciphertext)));
}

/** Encrypts `plaintext` under `cek` with `enc` (RFC 7516 §5.1 step 15): the ciphertext and its tag. */
export function encryptContent(
  enc: ContentEncryption,
  cek: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): MaybePromise<ContentCiphertext> {
  checkContentSizes(enc, cek, iv);
  return contentEncryptionSpec(enc).kind === 'gcm' ? encryptGcm(cek, iv, plaintext, aad) : encryptCbc(enc, cek, iv, plaintext, aad);
}

/**
 * The plaintext, or a throw (of anything) on any failure: a wrong size, a wrong tag (CBC-HMAC:
 * compared in full, in constant time, before deciphering), bad padding.
 */
export function decryptContent(
  enc: ContentEncryption,
  cek: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): MaybePromise<Uint8Array> {
  checkContentSizes(enc, cek, iv, tag);
  return contentEncryptionSpec(enc).kind === 'gcm'
    ? decryptGcm(cek, iv, ciphertext, tag, aad)
    : decryptCbc(enc, cek, iv, ciphertext, tag, aad);
}

export function checkKek(kek: Uint8Array): void {
  if (kek.length !== 16 && kek.length !== 24 && kek.length !== 32) fail(`an AES key is 16, 24 or 32 bytes, not ${kek.length}`);
}

/** RFC 3394 wraps whole 64-bit blocks, at least two. */
export function checkWrappable(what: string, bytes: Uint8Array, minimum: number): void {
  if (bytes.length % 8 !== 0 || bytes.length < minimum)
    fail(`${what} is ${bytes.length} bytes: not a multiple of 8 of at least ${minimum}`);
}

/**
 * WebCrypto's AES-KW wraps a CryptoKey, and CEK sizes of CBC-HMAC (32, 48, 64 bytes) are not AES key
 * sizes: the CEK travels as an extractable HMAC key, which takes raw bytes of any length.
 */
const CEK_AS_HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

async function kwKey(kek: Uint8Array, usage: 'wrapKey' | 'unwrapKey'): Promise<CryptoKey> {
  checkKek(kek);
  return rawKey(kek, usage, () => subtle().importKey('raw', view(kek), 'AES-KW', false, [usage]));
}

/** AES Key Wrap (RFC 3394, RFC 7518 §4.4) of `cek` under `kek`. */
export const aesKeyWrap: (kek: Uint8Array, cek: Uint8Array) => MaybePromise<Uint8Array> = async (kek, cek) => {
  checkWrappable('the key to wrap', cek, 16);
  const s = subtle();
  const wrapping = await kwKey(kek, 'wrapKey');
  const key = await s.importKey('raw', view(cek), CEK_AS_HMAC, true, ['sign']);
  return new Uint8Array(await s.wrapKey('raw', key, wrapping, 'AES-KW'));
};

/** The unwrapped key; throws when the integrity check fails. */
export const aesKeyUnwrap: (kek: Uint8Array, wrapped: Uint8Array) => MaybePromise<Uint8Array> = async (kek, wrapped) => {
  checkWrappable('the wrapped key', wrapped, 24);
  const s = subtle();
  const unwrapping = await kwKey(kek, 'unwrapKey');
  const key = await s.unwrapKey('raw', view(wrapped), unwrapping, 'AES-KW', CEK_AS_HMAC, true, ['sign']);
  return new Uint8Array(await s.exportKey('raw', key));
};

/** AES-GCM key encryption (RFC 7518 §4.7): `cek` encrypted under `kek` with a 96-bit IV and no AAD. */
export function aesGcmKeyWrap(kek: Uint8Array, cek: Uint8Array, iv: Uint8Array): MaybePromise<WrappedKey> {
  checkKek(kek);
  checkLength('the AES-GCM IV', iv, GCM_IV_BYTES);
  return encryptGcm(kek, iv, cek, new Uint8Array(0)).then(({ ciphertext, tag }) => ({ encryptedKey: ciphertext, tag }));
}

export function aesGcmKeyUnwrap(kek: Uint8Array, iv: Uint8Array, tag: Uint8Array, encryptedKey: Uint8Array): MaybePromise<Uint8Array> {
  checkKek(kek);
  return decryptGcm(kek, iv, encryptedKey, tag, new Uint8Array(0));
}

/**
 * PBES2's key-encryption key (RFC 7518 §4.8.1.1, RFC 8018 §5.2): PBKDF2 with HMAC-`hash` over the
 * password; `salt` is already UTF8(alg) || 0x00 || p2s.
 */
export const pbes2Kek: (
  hash: Pbes2Hash,
  password: Uint8Array,
  salt: Uint8Array,
  count: number,
  kekBytes: number,
) => MaybePromise<Uint8Array> = async (hash, password, salt, count, kekBytes) => {
  const s = subtle();
  const key = await s.importKey('raw', view(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await s.deriveBits({ name: 'PBKDF2', hash, salt: view(salt), iterations: count }, key, kekBytes * 8));
};

/** RSAES-OAEP encryption of the CEK (RFC 7518 §4.3); the hash is the key's, fixed at import. */
export function rsaOaepEncrypt(key: JweBackendKey, cek: Uint8Array): MaybePromise<Uint8Array> {
  return subtle()
    .encrypt('RSA-OAEP', key as CryptoKey, view(cek))
    .then((bytes) => new Uint8Array(bytes));
}

export function rsaOaepDecrypt(key: JweBackendKey, encryptedKey: Uint8Array): MaybePromise<Uint8Array> {
  return subtle()
    .decrypt('RSA-OAEP', key as CryptoKey, view(encryptedKey))
    .then((bytes) => new Uint8Array(bytes));
}

type ImportParams =
  | { readonly name: 'RSA-OAEP'; readonly hash: OaepHash }
  | { readonly name: 'ECDH'; readonly namedCurve: Exclude<AgreementCurve, 'X25519'> }
  | { readonly name: 'X25519' };

/** Material imported for `params` and `usages`, and checked to be of key type `type` afterwards. */
async function importFor(material: KeyMaterial, params: ImportParams, usages: KeyUsage[], type: KeyType): Promise<CryptoKey> {
  let key: CryptoKey;
  switch (material.kind) {
    case 'secret':
      return fail('a secret cannot be an RSA or ECDH key');
    case 'jwk':
      key = await subtle().importKey('jwk', material.jwk, params, false, usages);
      break;
    case 'der':
      key = await subtle().importKey(material.data.format, view(material.data.der), params, false, usages);
      break;
    case 'crypto':
      key = material.key;
      if (!fitsParams(key, params) || !usages.every((usage) => key.usages.includes(usage))) {
        fail(`the CryptoKey is not a ${params.name} key for ${usages.join(', ') || 'key agreement'}`);
      }
  }
  if (key.type !== type) fail(`a ${type} key is needed, not a ${key.type} one`);
  return key;
}

function fitsParams(key: CryptoKey, params: ImportParams): boolean {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm>;
  if (algorithm.name !== params.name) return false;
  if (params.name === 'RSA-OAEP') return algorithm.hash?.name === params.hash;
  return params.name === 'X25519' || algorithm.namedCurve === params.namedCurve;
}

/** An RSA key for RSA-OAEP with `hash` (SHA-1 for `RSA-OAEP`, RFC 7518 §4.3): public to encrypt, private to decrypt. */
export function importOaepKey(material: KeyMaterial, hash: OaepHash, usage: 'encrypt' | 'decrypt'): Promise<JweBackendKey> {
  return importFor(material, { name: 'RSA-OAEP', hash }, [usage], usage === 'encrypt' ? 'public' : 'private');
}

function agreementParams(crv: AgreementCurve): ImportParams {
  return crv === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: crv };
}

/** An ECDH key on `crv` (X25519: RFC 8037 §3.2): a private one derives, a public one is the peer. */
export function importAgreementKey(material: KeyMaterial, crv: AgreementCurve, type: 'public' | 'private'): Promise<JweBackendKey> {
  return importFor(material, agreementParams(crv), type === 'private' ? ['deriveBits'] : [], type);
}

/** A fresh key pair on `crv` for one message (RFC 7518 §4.6.1.1): the private key, and the public one as `epk`. */
export async function generateEphemeralKey(crv: AgreementCurve): Promise<{ privateKey: JweBackendKey; publicJwk: EphemeralPublicJwk }> {
  const s = subtle();
  const pair = (await s.generateKey(agreementParams(crv), false, ['deriveBits'])) as CryptoKeyPair;
  const jwk = await s.exportKey('jwk', pair.publicKey);
  const publicJwk: EphemeralPublicJwk =
    crv === 'X25519' ? { kty: 'OKP', crv, x: jwk.x as string } : { kty: 'EC', crv, x: jwk.x as string, y: jwk.y as string };
  return { privateKey: pair.privateKey, publicJwk };
}

/**
 * Z, the ECDH shared secret (the x-coordinate, or X25519's output). An all-zero Z (a small-order
 * X25519 peer key, RFC 7748 §6.1) is refused.
 */
export async function ecdhSecret(privateKey: JweBackendKey, publicKey: JweBackendKey, crv: AgreementCurve): Promise<Uint8Array> {
  const name = crv === 'X25519' ? 'X25519' : 'ECDH';
  const z = new Uint8Array(
    await subtle().deriveBits({ name, public: publicKey as CryptoKey }, privateKey as CryptoKey, AGREEMENT_CURVES[crv].coordinateBytes * 8),
  );
  if (equalBytes(z, new Uint8Array(z.length))) throw new Error('the ECDH shared secret is zero');
  return z;
}

/**
 * The Concat KDF of RFC 7518 §4.6.2 (NIST SP 800-56A §5.8.1) with SHA-256: `keyBytes` bytes of
 * SHA-256(counter || Z || OtherInfo) for counter = 1, 2, ... (32-bit big-endian). `algorithmId` is
 * the `enc` for ECDH-ES, the `alg` for ECDH-ES+AxxxKW.
 */
export const concatKdf: (
  z: Uint8Array,
  keyBytes: number,
  algorithmId: string,
  apu: Uint8Array,
  apv: Uint8Array,
) => MaybePromise<Uint8Array> = async (z, keyBytes, algorithmId, apu, apv) => {
  const otherInfo = concatKdfOtherInfo(keyBytes, algorithmId, apu, apv);
  const s = subtle();
  const out = new Uint8Array(Math.ceil(keyBytes / 32) * 32);
  for (let round = 1; round * 32 <= out.length; round++) {
    const digest = await s.digest('SHA-256', view(concatBytes(uint32(round), z, otherInfo)));
    out.set(new Uint8Array(digest), (round - 1) * 32);
  }
  return out.subarray(0, keyBytes);
};

/**
 * Raw DEFLATE (RFC 1951) inflation for `zip: "DEF"` (RFC 7516 §4.1.3), read chunk by chunk and
 * stopped with a RangeError as soon as the output would pass `maxLength`: a small token may inflate
 * to gigabytes.
 */
export async function inflateRaw(data: Uint8Array, maxLength: number): Promise<Uint8Array> {
  const reader = new Blob([view(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxLength) {
      await reader.cancel().catch(() => undefined);
      throw new RangeError(`the decompressed content is over ${maxLength} bytes`);
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}

/** Whether the runtime has AES-192 (Chromium has none), asked once. */
let support: Promise<JweSupport> | undefined;

/** Which JWE algorithms this runtime's WebCrypto can do. */
export function supportedJwe(): Promise<JweSupport> {
  return (support ??= probeSupport());
}

async function works(operation: () => Promise<unknown>): Promise<boolean> {
  try {
    await operation();
    return true;
  } catch {
    return false;
  }
}

async function probeSupport(): Promise<JweSupport> {
  const s = subtle();
  const aes192 = (name: string) =>
    works(() => s.importKey('raw', new Uint8Array(24), name, false, name === 'AES-KW' ? ['wrapKey'] : ['encrypt']));
  const [gcm, cbc, kw] = await Promise.all([aes192('AES-GCM'), aes192('AES-CBC'), aes192('AES-KW')]);
  const algorithms = KEY_MANAGEMENT_NAMES.filter((alg) => {
    const spec = keyManagementSpec(alg);
    return spec.kekBytes !== 24 || (spec.kind === 'gcmkw' ? gcm : kw);
  });
  const encryptions = CONTENT_ENCRYPTION_NAMES.filter((enc) => {
    const spec = contentEncryptionSpec(enc);
    return spec.kind === 'gcm' ? spec.cekBytes !== 24 || gcm : spec.cekBytes !== 48 || cbc;
  });
  return { algorithms: new Set(algorithms), encryptions: new Set(encryptions) };
}
