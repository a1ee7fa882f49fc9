/**
 * The signature step of JWS (RFC 7515 §5), shared by sign(), verify() and the Wycheproof runner.
 */
import { algorithmSpec, type JwsAlgorithm } from './algorithms.js';
import { sign, verify, type SignedData } from './crypto/backend.js';
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
  const backendKey = await backendKeyFor(key, alg, 'verify');
  if (signature.length !== signatureLength(alg, key)) return false;
  return verify(alg, backendKey, signature, data);
}

/** The signature of `data`; the caller has checked that the key fits `alg` and is strong enough. */
export async function createSignature(key: JwtKey, alg: JwsAlgorithm, data: SignedData): Promise<Uint8Array> {
  return sign(alg, await backendKeyFor(key, alg, 'sign'), data);
}
