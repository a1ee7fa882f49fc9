/**
 * The signature step of JWS (RFC 7515 §5), shared by sign(), verify() and the Wycheproof runner.
 */
import { algorithmSpec, type JwsAlgorithm } from './algorithms.js';
import { sign, verify, type SignedData } from './crypto/backend.js';
import { KeyError } from './errors.js';
import { assertKeyAllows, assertStrength, backendKeyFor, modulusBytes, type JwtKey } from './keys/key.js';

/**
 * The one signature length `alg` allows with this key: HMAC outputs are never truncated, RSA
 * signatures are as long as the modulus (RFC 8017 §8.2.2), ECDSA is R||S (RFC 7518 §3.4) and Ed25519
 * is 64 bytes (RFC 8032 §5.1.6).
 */
function signatureLength(alg: JwsAlgorithm, key: JwtKey): number {
  return algorithmSpec(alg).signatureBytes ?? modulusBytes(key);
}

/**
 * The signature check of verify(): the key must fit `alg` and be strong enough (ERR_KEY otherwise),
 * and `signature` must have the exact length `alg` needs and verify over `data`.
 */
export async function verifySignature(
  key: JwtKey,
  alg: JwsAlgorithm,
  data: SignedData,
  signature: Uint8Array,
  allowWeakKeys: boolean,
): Promise<boolean> {
  assertKeyAllows(key, alg);
  assertStrength(key, alg, allowWeakKeys);
  const pending = backendKeyFor(key, alg, 'verify');
  // A key imported before is at hand: no need to wait a turn for it.
  const backendKey = pending instanceof Promise ? await pending : pending;
  if (signature.length !== signatureLength(alg, key)) return false;
  return backendCall(() => verify(alg, backendKey, signature, data));
}

/**
 * The backend's answer, with its own exceptions as KeyError: a runtime that imported a key another
 * refuses at import (Deno and an EC point off its curve) throws when the key is used instead.
 */
function backendCall<T>(call: () => T | Promise<T>): T | Promise<T> {
  const refused = (cause: unknown) => new KeyError('the crypto backend could not use the key', { cause });
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (cause) {
    throw refused(cause);
  }
  // node:crypto answers synchronously; only a promise needs a rejection handler.
  return result instanceof Promise
    ? result.catch((cause: unknown) => {
        throw refused(cause);
      })
    : result;
}

/** The signature of `data`; the caller has checked that the key fits `alg` and is strong enough. */
export async function createSignature(key: JwtKey, alg: JwsAlgorithm, data: SignedData): Promise<Uint8Array> {
  const backendKey = await backendKeyFor(key, alg, 'sign');
  return backendCall(() => sign(alg, backendKey, data));
}
