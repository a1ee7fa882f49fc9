/**
 * The one table of JWE algorithms (RFC 7518 §4 key management, §5 content encryption; RFC 8037 §3.2
 * for X25519), beside the JWS table in algorithms.ts and apart from it, so that an application that
 * only signs and verifies never bundles this one. Adding an algorithm is one row here plus its vectors.
 * `RSA1_5` is not a row: no WebCrypto implements it, and RFC 8725 §3.2 steers away from it; it is
 * refused by name with a clear error.
 */
import type { Hash } from './algorithms.js';

/** Every key management algorithm (`alg` of a JWE) webjwt encrypts and decrypts with. */
export type KeyManagementAlgorithm =
  | 'dir'
  | 'A128KW'
  | 'A192KW'
  | 'A256KW'
  | 'A128GCMKW'
  | 'A192GCMKW'
  | 'A256GCMKW'
  | 'ECDH-ES'
  | 'ECDH-ES+A128KW'
  | 'ECDH-ES+A192KW'
  | 'ECDH-ES+A256KW'
  | 'RSA-OAEP'
  | 'RSA-OAEP-256'
  | 'RSA-OAEP-384'
  | 'RSA-OAEP-512'
  | 'PBES2-HS256+A128KW'
  | 'PBES2-HS384+A192KW'
  | 'PBES2-HS512+A256KW';

/** Every content encryption algorithm (`enc` of a JWE). */
export type ContentEncryption = 'A128GCM' | 'A192GCM' | 'A256GCM' | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512';

/** Curves that agree keys for ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2). */
export type AgreementCurve = 'P-256' | 'P-384' | 'P-521' | 'X25519';

/**
 * How a key management algorithm produces the content encryption key (CEK), RFC 7516 §2:
 * - `dir`: the shared secret is the CEK;
 * - `kw`: AES Key Wrap (RFC 3394) of a random CEK under the secret;
 * - `gcmkw`: AES-GCM encryption of a random CEK under the secret, with `iv` and `tag` in the header;
 * - `ecdh`: ECDH-ES and Concat KDF derive the CEK itself (direct key agreement);
 * - `ecdh-kw`: ECDH-ES and Concat KDF derive a key that AES-wraps a random CEK;
 * - `rsa`: RSAES-OAEP encryption of a random CEK under the public key;
 * - `pbes2`: PBKDF2 (RFC 8018) turns a password into a key that AES-wraps a random CEK.
 */
export type KeyManagementKind = 'dir' | 'kw' | 'gcmkw' | 'ecdh' | 'ecdh-kw' | 'rsa' | 'pbes2';

export interface KeyManagementSpec {
  readonly kind: KeyManagementKind;
  /** The key family it takes, as a JWK `kty`: `oct` for secrets and passwords. */
  readonly family: 'oct' | 'RSA' | 'EC';
  /** Size in bytes of the AES key-wrapping key (kw, gcmkw, ecdh-kw, pbes2); 0 where there is none. */
  readonly kekBytes: number;
  /** The OAEP hash (rsa; SHA-1 for `RSA-OAEP`) or the PBKDF2 PRF's hash (pbes2). */
  readonly hash?: Hash | 'SHA-1';
}

const KW = (kekBytes: number) => ({ kind: 'kw', family: 'oct', kekBytes }) as const;
const GCMKW = (kekBytes: number) => ({ kind: 'gcmkw', family: 'oct', kekBytes }) as const;
const ECDH_KW = (kekBytes: number) => ({ kind: 'ecdh-kw', family: 'EC', kekBytes }) as const;
const OAEP = (hash: Hash | 'SHA-1') => ({ kind: 'rsa', family: 'RSA', kekBytes: 0, hash }) as const;
const PBES2 = (hash: Hash, kekBytes: number) => ({ kind: 'pbes2', family: 'oct', kekBytes, hash }) as const;

/**
 * The key management algorithms. ECDH rows say `EC` for the family; an X25519 key (`OKP`) agrees
 * keys the same way (RFC 8037 §3.2). `RSA-OAEP` is OAEP with SHA-1 and MGF1-SHA-1 (RFC 7518 §4.3):
 * SHA-1 is sound there, as a mask generator, not a signature hash.
 */
const KEY_MANAGEMENT: Readonly<Record<KeyManagementAlgorithm, KeyManagementSpec>> = /* @__PURE__ */ (() =>
  ({
    dir: { kind: 'dir', family: 'oct', kekBytes: 0 },
    A128KW: KW(16),
    A192KW: KW(24),
    A256KW: KW(32),
    A128GCMKW: GCMKW(16),
    A192GCMKW: GCMKW(24),
    A256GCMKW: GCMKW(32),
    'ECDH-ES': { kind: 'ecdh', family: 'EC', kekBytes: 0 },
    'ECDH-ES+A128KW': ECDH_KW(16),
    'ECDH-ES+A192KW': ECDH_KW(24),
    'ECDH-ES+A256KW': ECDH_KW(32),
    'RSA-OAEP': OAEP('SHA-1'),
    'RSA-OAEP-256': OAEP('SHA-256'),
    'RSA-OAEP-384': OAEP('SHA-384'),
    'RSA-OAEP-512': OAEP('SHA-512'),
    'PBES2-HS256+A128KW': PBES2('SHA-256', 16),
    'PBES2-HS384+A192KW': PBES2('SHA-384', 24),
    'PBES2-HS512+A256KW': PBES2('SHA-512', 32),
  }) satisfies Record<string, KeyManagementSpec>)();

export interface ContentEncryptionSpec {
  readonly kind: 'gcm' | 'cbc';
  /** The CEK's size in bytes: the AES key (gcm), or the MAC key and the AES key together (cbc, RFC 7518 §5.2.2.1). */
  readonly cekBytes: number;
  /** The IV's size in bytes: 12 for GCM (RFC 7518 §5.3), 16 for CBC (§5.2). */
  readonly ivBytes: number;
  /** The authentication tag's size in bytes: 16 for GCM, half the HMAC output for CBC-HMAC (§5.2.3–5.2.5). */
  readonly tagBytes: number;
  /** The HMAC hash of a CBC-HMAC algorithm. */
  readonly hash?: Hash;
}

const GCM = (cekBytes: number) => ({ kind: 'gcm', cekBytes, ivBytes: 12, tagBytes: 16 }) as const;
const CBC = (cekBytes: number, hash: Hash) => ({ kind: 'cbc', cekBytes, ivBytes: 16, tagBytes: cekBytes / 2, hash }) as const;

const CONTENT_ENCRYPTION: Readonly<Record<ContentEncryption, ContentEncryptionSpec>> = /* @__PURE__ */ (() =>
  ({
    A128GCM: GCM(16),
    A192GCM: GCM(24),
    A256GCM: GCM(32),
    'A128CBC-HS256': CBC(32, 'SHA-256'),
    'A192CBC-HS384': CBC(48, 'SHA-384'),
    'A256CBC-HS512': CBC(64, 'SHA-512'),
  }) satisfies Record<string, ContentEncryptionSpec>)();

/** Every key management algorithm, in table order. */
export const KEY_MANAGEMENT_NAMES: readonly KeyManagementAlgorithm[] = /* @__PURE__ */ Object.keys(
  KEY_MANAGEMENT,
) as KeyManagementAlgorithm[];

/** Every content encryption algorithm, in table order. */
export const CONTENT_ENCRYPTION_NAMES: readonly ContentEncryption[] = /* @__PURE__ */ Object.keys(
  CONTENT_ENCRYPTION,
) as ContentEncryption[];

/** True when `alg` is exactly (case-sensitively) a supported key management algorithm. */
export function isKeyManagement(alg: unknown): alg is KeyManagementAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(KEY_MANAGEMENT, alg);
}

/** True when `enc` is exactly (case-sensitively) a supported content encryption algorithm. */
export function isContentEncryption(enc: unknown): enc is ContentEncryption {
  return typeof enc === 'string' && Object.hasOwn(CONTENT_ENCRYPTION, enc);
}

export function keyManagementSpec(alg: KeyManagementAlgorithm): KeyManagementSpec {
  return KEY_MANAGEMENT[alg];
}

export function contentEncryptionSpec(enc: ContentEncryption): ContentEncryptionSpec {
  return CONTENT_ENCRYPTION[enc];
}

interface AgreementCurveSpec {
  /** The JWK `kty` of its keys. */
  readonly family: 'EC' | 'OKP';
  /**
   * Size of each JWK coordinate (`x`, `y`, `d`) in bytes (RFC 7518 §6.2.1.2, RFC 8037 §2), which is
   * also the size of the shared secret Z (RFC 7518 §4.6.2: the field size, 528 bits for P-521).
   */
  readonly coordinateBytes: number;
}

/** The curves ECDH-ES agrees keys on, with their JWK family and sizes. */
export const AGREEMENT_CURVES: Readonly<Record<AgreementCurve, AgreementCurveSpec>> = /* @__PURE__ */ (() =>
  ({
    'P-256': { family: 'EC', coordinateBytes: 32 },
    'P-384': { family: 'EC', coordinateBytes: 48 },
    'P-521': { family: 'EC', coordinateBytes: 66 },
    X25519: { family: 'OKP', coordinateBytes: 32 },
  }) as const satisfies Record<AgreementCurve, AgreementCurveSpec>)();

export function isAgreementCurve(crv: unknown): crv is AgreementCurve {
  return typeof crv === 'string' && Object.hasOwn(AGREEMENT_CURVES, crv);
}
