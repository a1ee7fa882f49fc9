/**
 * A JWE forger for the security suite: builds compact JWEs (RFC 7516 §7.1) byte by byte with
 * node:crypto, independently of webjwt, the way an attacker's tooling would, so that a test can make
 * a token that is valid in every respect but the one under test (a short GCM tag, a 16-byte IV, an
 * epk with `d`, a 4-byte p2s…) and show that webjwt refuses exactly that.
 */
import {
  createCipheriv,
  createHash,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  pbkdf2Sync,
  publicEncrypt,
  constants,
  type KeyObject,
} from 'node:crypto';
import { expect } from 'vitest';
import { isJwtError, type Jwk } from '../../src/index.js';
import { rejectionOf } from '../support.js';
import { rsa } from './fixtures.js';

export type Enc = 'A128GCM' | 'A192GCM' | 'A256GCM' | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512';

export const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');
export const unb64 = (text: string): Buffer => Buffer.from(text, 'base64url');

/** The CEK length each `enc` takes (RFC 7518 §5.2.3–5.2.5, §5.3). */
export const CEK_BYTES: Record<Enc, number> = {
  A128GCM: 16,
  A192GCM: 24,
  A256GCM: 32,
  'A128CBC-HS256': 32,
  'A192CBC-HS384': 48,
  'A256CBC-HS512': 64,
};

export interface ContentOptions {
  /** GCM: the tag length node:crypto should produce (default 16). */
  gcmTagLength?: number;
  /** CBC: the plaintext is already block-aligned and padded by the caller (no PKCS#7 added). */
  rawPadding?: boolean;
}

/** Content encryption (RFC 7518 §5.2.2.1 CBC-HMAC, §5.3 GCM). */
export function encryptContent(
  enc: Enc,
  cek: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  options: ContentOptions = {},
): { ciphertext: Buffer; tag: Buffer } {
  if (enc.endsWith('GCM')) {
    const cipher = createCipheriv(`aes-${cek.length * 8}-gcm` as 'aes-256-gcm', cek, iv, { authTagLength: options.gcmTagLength ?? 16 });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  }
  const half = cek.length / 2;
  const cipher = createCipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
  if (options.rawPadding === true) cipher.setAutoPadding(false);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cbcTag(enc, cek, iv, ciphertext, aad) };
}

/** The CBC-HMAC tag: HMAC(MAC_KEY, AAD || IV || C || AL) truncated to half (RFC 7518 §5.2.2.1). */
export function cbcTag(enc: Enc, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Buffer {
  const half = cek.length / 2;
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const hash = { 'A128CBC-HS256': 'sha256', 'A192CBC-HS384': 'sha384', 'A256CBC-HS512': 'sha512' }[enc as 'A128CBC-HS256'];
  return createHmac(hash, cek.subarray(0, half)).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, half);
}

export interface ForgeOptions extends ContentOptions {
  /** The protected header: an object (JSON-encoded) or exact JSON text. Must carry `enc`. */
  header: object | string;
  cek: Uint8Array;
  /** The plaintext: an object (JSON-encoded), text, or bytes. */
  plaintext: object | string | Uint8Array;
  encryptedKey?: Uint8Array;
  /** Default: random, 12 bytes for GCM, 16 for CBC. */
  iv?: Uint8Array;
  /** The content encryption to use when the header does not say (a header without `enc`, or not JSON). */
  enc?: Enc;
}

/** A compact JWE over exactly these parts, encrypted for real (the AAD is the protected header's base64url). */
export function forgeJwe(options: ForgeOptions): string {
  const headerText = typeof options.header === 'string' ? options.header : JSON.stringify(options.header);
  const enc = options.enc ?? encOf(headerText);
  const protectedB64 = b64(headerText);
  const iv = options.iv ?? randomBytes(enc.endsWith('GCM') ? 12 : 16);
  const plaintext =
    options.plaintext instanceof Uint8Array
      ? options.plaintext
      : Buffer.from(typeof options.plaintext === 'string' ? options.plaintext : JSON.stringify(options.plaintext));
  const { ciphertext, tag } = encryptContent(enc, options.cek, iv, plaintext, Buffer.from(protectedB64, 'ascii'), options);
  return [protectedB64, b64(options.encryptedKey ?? new Uint8Array()), b64(iv), b64(ciphertext), b64(tag)].join('.');
}

/** The header's `enc` when it is one, else A256GCM (for headers that are malformed on purpose). */
function encOf(headerText: string): Enc {
  try {
    const enc = (JSON.parse(headerText) as { enc?: unknown } | null)?.enc;
    return typeof enc === 'string' && Object.hasOwn(CEK_BYTES, enc) ? (enc as Enc) : 'A256GCM';
  } catch {
    return 'A256GCM';
  }
}

export function randomBytes(n: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(n)));
}

/** The five segments of a compact JWE. */
export function parts(token: string): [string, string, string, string, string] {
  const split = token.split('.');
  expect(split).toHaveLength(5);
  return split as [string, string, string, string, string];
}

/** `token` with segment `index` (0 header … 4 tag) replaced. */
export function withSegment(token: string, index: number, segment: string): string {
  const split = parts(token);
  split[index] = segment;
  return split.join('.');
}

/** `token` with one bit of segment `index` flipped at byte `at` (negative: from the end). */
export function flipBit(token: string, index: number, at = 0): string {
  const bytes = unb64(parts(token)[index]!);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = bytes[i]! ^ 1;
  return withSegment(token, index, b64(bytes));
}

/** AES Key Wrap (RFC 3394), node:crypto's id-aesNNN-wrap. */
export function aesKeyWrap(kek: Uint8Array, cek: Uint8Array): Buffer {
  const cipher = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  return Buffer.concat([cipher.update(cek), cipher.final()]);
}

/** RSAES-OAEP with SHA-256 (RSA-OAEP-256). */
export function oaep256(publicKey: KeyObject, cek: Uint8Array): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
}

/** PBES2 (RFC 7518 §4.8): the AES-KW key from a password, salt = UTF8(alg) || 0 || p2s. */
export function pbes2Kek(alg: string, password: Uint8Array | string, p2s: Uint8Array, p2c: number): Buffer {
  const hash = `sha${alg.slice(8, 11)}`;
  const kekBytes = Number(alg.slice(-5, -2)) / 8;
  return pbkdf2Sync(password, Buffer.concat([Buffer.from(alg), Buffer.alloc(1), p2s]), p2c, kekBytes, hash);
}

/** Concat KDF with SHA-256 (RFC 7518 §4.6.2, NIST SP 800-56A). */
export function concatKdf(z: Uint8Array, keyBytes: number, algorithmId: string, apu = new Uint8Array(), apv = new Uint8Array()): Buffer {
  const lengthPrefixed = (data: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(keyBytes * 8);
  const otherInfo = Buffer.concat([lengthPrefixed(Buffer.from(algorithmId)), lengthPrefixed(apu), lengthPrefixed(apv), suppPubInfo]);
  const rounds: Buffer[] = [];
  for (let counter = 1; rounds.length * 32 < keyBytes; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    rounds.push(createHash('sha256').update(c).update(z).update(otherInfo).digest());
  }
  return Buffer.concat(rounds).subarray(0, keyBytes);
}

export interface Ephemeral {
  /** The ephemeral public key as a JWK (what goes in `epk`). */
  epk: Record<string, string>;
  /** Its private `d`, for tests that leak it into the header. */
  d: string;
  /** Z, the shared secret with the recipient. */
  z: Buffer;
}

/** A fresh ephemeral key on the recipient's curve and the agreed Z. */
export function ephemeral(recipient: KeyObject): Ephemeral {
  const details = recipient.asymmetricKeyDetails;
  const pair =
    recipient.asymmetricKeyType === 'x25519'
      ? generateKeyPairSync('x25519')
      : generateKeyPairSync('ec', { namedCurve: details!.namedCurve! });
  const { d, ...epk } = pair.privateKey.export({ format: 'jwk' }) as Record<string, string>;
  return { epk, d: d!, z: diffieHellman({ privateKey: pair.privateKey, publicKey: recipient }) };
}

/** An ECDH-ES (direct agreement) JWE of `plaintext` to the recipient, with header `extra` and the given epk. */
export function forgeEcdhEs(options: {
  epk: object;
  z: Uint8Array;
  enc?: Enc;
  plaintext: object | string | Uint8Array;
  extra?: object;
}): string {
  const enc = options.enc ?? 'A256GCM';
  const cek = concatKdf(options.z, CEK_BYTES[enc], enc);
  return forgeJwe({ header: { alg: 'ECDH-ES', enc, epk: options.epk, ...options.extra }, cek, plaintext: options.plaintext });
}

/**
 * Asserts the one decryption failure: a JwtError ERR_JWE_DECRYPTION whose message is exactly
 * 'decryption failed', with no `cause` (own or inherited) to tell the failures apart.
 */
export async function expectDecryptionFailure(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(isJwtError(error), `expected ERR_JWE_DECRYPTION, got ${String(error)}`).toBe(true);
  const e = error as Error & { code: string };
  expect({ code: e.code, message: e.message }).toEqual({ code: 'ERR_JWE_DECRYPTION', message: 'decryption failed' });
  expect(e.cause).toBeUndefined();
  expect(Object.hasOwn(e, 'cause')).toBe(false);
}

/** Asserts a refusal: any of `codes` (a JwtError), never a result. */
export async function expectOneOf(promise: Promise<unknown>, codes: readonly string[]): Promise<string> {
  const error = await rejectionOf(promise);
  expect(isJwtError(error), `expected one of ${codes.join(', ')}, got ${String(error)}`).toBe(true);
  const code = (error as { code: string }).code;
  expect(codes).toContain(code);
  return code;
}

/**
 * The RSA fixture as an encryption key: RFC 7520's JWK says `"use": "sig"`, which (rightly) makes it
 * refused for JWE; the same key material without `use`, for the JWE cases.
 */
export const rsaEnc = {
  ...rsa,
  privateJwk: withoutUse(rsa.privateJwk),
  publicJwk: withoutUse(rsa.publicJwk),
};

function withoutUse(jwk: Jwk): Jwk {
  const rest = { ...jwk };
  delete rest.use;
  return rest;
}
