/**
 * The signature step of JWS (RFC 7515 §5), shared by sign(), verify() and the Wycheproof runner.
 */
import { algorithmSpec, type JwsAlgorithm } from './algorithms.js';
import { signBytes, verifyBytes } from './crypto/webcrypto.js';
import { assertKeyAllows, assertStrength, cryptoKeyFor, type JwtKey } from './keys/key.js';

/**
 * The one signature length `alg` allows with this key: HMAC outputs are never truncated, RSA
 * signatures are as long as the modulus (RFC 8017 §8.2.2), ECDSA is R||S (RFC 7518 §3.4) and Ed25519
 * is 64 bytes (RFC 8032 §5.1.6).
 */
function signatureLength(alg: JwsAlgorithm, key: CryptoKey): number {
  const fixed = algorithmSpec(alg).signatureBytes;
  if (fixed !== undefined) return fixed;
  return Math.ceil((key.algorithm as RsaHashedKeyAlgorithm).modulusLength / 8);
}

/**
 * The signature check of verify(): the key must fit `alg` and be strong enough (ERR_KEY otherwise),
 * and `signature` must have the exact length `alg` needs and verify over `data`.
 */
export async function verifySignature(
  key: JwtKey,
  alg: JwsAlgorithm,
  data: Uint8Array,
  signature: Uint8Array,
  allowWeakKeys: boolean,
): Promise<boolean> {
  assertKeyAllows(key, alg);
  assertStrength(key, alg, allowWeakKeys);
  const cryptoKey = await cryptoKeyFor(key, alg, 'verify');
  if (signature.length !== signatureLength(alg, cryptoKey)) return false;
  return verifyBytes(alg, cryptoKey, signature, data);
}

export function createSignature(alg: JwsAlgorithm, key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return signBytes(alg, key, data);
}
