/**
 * The public `importKey`: one entry for signing (JWS) and encryption (JWE) keys. The material or
 * `alg` says which: a key is bound to one use (RFC 7517 §4.2, RFC 8725 §3.1), and JWE keys are
 * made by keys/encryption-key.ts, which an application that only signs and verifies never bundles.
 */
import type { JwsAlgorithm } from '../jwa/algorithms.js';
import { isContentEncryption, isKeyManagement, type ContentEncryption, type KeyManagementAlgorithm } from '../jwa/encryption.js';
import { ENCRYPTION_OPS, importEncryptionKey, isEncryptionKey } from './encryption-key.js';
import {
  copyBytes,
  importKey as importSigningKey,
  isBytes,
  jsonText,
  JwtKey,
  textOf,
  type ImportKeyOptions,
  type KeyInput,
} from './key.js';
import { own } from './keyset.js';

/** The WebCrypto algorithms of encryption keys (a CryptoKey of another one is a signing key). */
const ENCRYPTION_ALGORITHMS: ReadonlySet<string> = /* @__PURE__ */ new Set(['RSA-OAEP', 'ECDH', 'X25519', 'AES-KW', 'AES-GCM']);

/**
 * True for a JWK that is an encryption key: `"use": "enc"`, a JWE `alg`, `key_ops` of encryption
 * only (RFC 7517 §4.2–4.4), or an X25519 key (RFC 8037 §3.2).
 */
function isEncryptionJwk(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ops = own(value, 'key_ops');
  return (
    own(value, 'use') === 'enc' ||
    isKeyManagement(own(value, 'alg')) ||
    (Array.isArray(ops) && ops.length > 0 && ops.every((op) => ENCRYPTION_OPS.includes(op as string))) ||
    (own(value, 'kty') === 'OKP' && own(value, 'crv') === 'X25519')
  );
}

/** True when the material itself says it is for encryption. */
function isEncryptionMaterial(material: KeyInput): boolean {
  if (material instanceof JwtKey) return isEncryptionKey(material);
  if (typeof CryptoKey !== 'undefined' && material instanceof CryptoKey) return ENCRYPTION_ALGORITHMS.has(material.algorithm.name);
  if (typeof material === 'string') return isEncryptionJwk(jsonText(material));
  if (isBytes(material)) {
    const text = textOf(copyBytes(material));
    return text !== undefined && isEncryptionJwk(jsonText(text));
  }
  return isEncryptionJwk(material);
}

/**
 * Makes a reusable key from a secret (string or bytes), a PEM string, a JWK object or text, or a
 * CryptoKey. With `alg`, the key is pinned to exactly that algorithm.
 *
 * A key is for signatures (JWS: sign, verify) or for encryption (JWE), never both: it is an
 * encryption key when `alg` is a key management algorithm (`'RSA-OAEP-256'`, `'ECDH-ES'`,
 * `'A256KW'`, `'dir'`, …) or a content encryption (`'A256GCM'`: a `dir` key for it alone), when a JWK says `"use": "enc"` or has such an `alg`, for X25519 keys,
 * and for CryptoKeys of RSA-OAEP, ECDH, X25519, AES-KW or AES-GCM. Anything else is a signing key.
 * @param alg a JWS algorithm (`'ES256'`), a JWE key management algorithm (`'RSA-OAEP-256'`), or a
 *   content encryption (`'A256GCM'`) for a `dir` secret.
 * @param options `allowWeakKeys`: accept HMAC secrets shorter than the hash and RSA keys under 2048 bits.
 * @throws TypeError for an unknown `alg` or options.
 * @throws KeyError (ERR_KEY) for unusable, insecure or mismatched key material, and for a key of the
 *   other use (a `"use": "sig"` JWK with a JWE `alg`, an encryption key with a JWS `alg`).
 * @example
 * const signing = importKey(pem, 'ES256');
 * const encryption = importKey(recipientPublicPem, 'RSA-OAEP-256');
 */
export function importKey(
  material: KeyInput,
  alg?: JwsAlgorithm | KeyManagementAlgorithm | ContentEncryption,
  options?: ImportKeyOptions,
): JwtKey {
  // A content encryption names a dir key for it alone (as RFC 7520 §5.6's JWK does).
  if (isContentEncryption(alg)) return importEncryptionKey(material, 'dir', options, alg);
  if (isKeyManagement(alg) || (alg === undefined && isEncryptionMaterial(material))) {
    return importEncryptionKey(material, alg, options);
  }
  const key = importSigningKey(material, alg, options);
  // No JWS algorithm uses X25519: a PEM X25519 key is an encryption key.
  return alg === undefined && key.crv === 'X25519' ? importEncryptionKey(material, undefined, options) : key;
}
