/**
 * The refresh-token key of webjwt/session, computed here with node:crypto's HKDF rather than the
 * library's: tests that forge refresh tokens use it, and tests that check the documented derivation
 * compare against it.
 */
import { hkdfSync } from 'node:crypto';
import { decodeBase64url } from '../../src/lib/base64url.js';
import { exportJWK, type KeyInput } from '../../src/index.js';

/** HKDF-SHA-256(secret, no salt, "webjwt/session refresh token v1"), 32 bytes. */
export function refreshKeyFrom(secret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), 'webjwt/session refresh token v1', 32));
}

/** The refresh-token key of sessions configured with `key` (a secret, or the private half of a pair). */
export async function refreshKeyOf(key: KeyInput): Promise<Uint8Array> {
  const jwk = await exportJWK(key);
  return refreshKeyFrom(decodeBase64url((jwk.k ?? jwk.d)!)!);
}
