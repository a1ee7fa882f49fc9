/**
 * The signature step of JWS (RFC 7515 §5), shared by sign(), verify() and the Wycheproof runner.
 */
import { algorithmSpec, type JwsAlgorithm } from '../jwa/algorithms.js';
import { sign, verify, type BackendKey, type SignedData } from '../crypto/backend.js';
import { isJwtError, KeyError } from '../lib/errors.js';
import { assertKeyAllows, assertStrength, backendKeyFor, modulusBytes, type JwtKey } from '../keys/key.js';

/**
 * The one signature length `alg` allows with this key: HMAC outputs are never truncated, RSA
 * signatures are as long as the modulus (RFC 8017 §8.2.2), ECDSA is R||S (RFC 7518 §3.4) and Ed25519
 * is 64 bytes (RFC 8032 §5.1.6).
 */
function signatureLength(alg: JwsAlgorithm, key: JwtKey): number {
  return algorithmSpec(alg).signatureBytes ?? modulusBytes(key);
}

/**
 * The signature check of verify(): the key must fit `alg` and be strong enough (ERR_KEY, thrown at
 * once), and `signature` must have the exact length `alg` needs and verify over `data`. The answer is
 * a promise only when the key is still being imported or the backend is asynchronous (WebCrypto);
 * its rejection may be the backend's own exception, which the caller turns into a KeyError with
 * `rethrowUnusable` in the same continuation that reads the answer (one turn per verification).
 */
export function checkSignature(
  key: JwtKey,
  alg: JwsAlgorithm,
  data: SignedData,
  signature: Uint8Array,
  allowWeakKeys: boolean,
): boolean | Promise<boolean> {
  assertKeyAllows(key, alg);
  assertStrength(key, alg, allowWeakKeys);
  const backendKey = backendKeyFor(key, alg, 'verify');
  if (backendKey instanceof Promise) return backendKey.then((loaded) => checkWith(key, alg, loaded, data, signature));
  // A key imported before is at hand, and node:crypto answers at once: no promise, no closure.
  return checkWith(key, alg, backendKey, data, signature);
}

function checkWith(key: JwtKey, alg: JwsAlgorithm, backendKey: BackendKey, data: SignedData, signature: Uint8Array): boolean | Promise<boolean> {
  if (signature.length !== signatureLength(alg, key)) return false;
  try {
    return verify(alg, backendKey, signature, data);
  } catch (cause) {
    throw unusable(cause);
  }
}

/**
 * The signature of `data`, handed to `finish` in the same continuation (none at all on node:crypto
 * with a key imported before); the caller has checked that the key fits `alg` and is strong enough.
 */
export function createSignature<R>(key: JwtKey, alg: JwsAlgorithm, data: SignedData, finish: (signature: Uint8Array) => R): R | Promise<R> {
  const backendKey = backendKeyFor(key, alg, 'sign');
  if (backendKey instanceof Promise) return backendKey.then((loaded) => signWith(loaded, alg, data, finish));
  return signWith(backendKey, alg, data, finish);
}

function signWith<R>(backendKey: BackendKey, alg: JwsAlgorithm, data: SignedData, finish: (signature: Uint8Array) => R): R | Promise<R> {
  let signature: Uint8Array | Promise<Uint8Array>;
  try {
    signature = sign(alg, backendKey, data);
  } catch (cause) {
    throw unusable(cause);
  }
  return signature instanceof Promise ? signature.then(finish, rethrowUnusable) : finish(signature);
}

/**
 * The backend's own exceptions while signing or verifying, as KeyError: a runtime that imported a key
 * another refuses at import (Deno and an EC point off its curve) throws when the key is used instead.
 */
function unusable(cause: unknown): KeyError {
  return new KeyError('the crypto backend could not use the key', { cause });
}

/** For a rejection of checkSignature(): webjwt's own errors pass, the backend's become KeyError. */
export function rethrowUnusable(cause: unknown): never {
  throw isJwtError(cause) ? cause : unusable(cause);
}
