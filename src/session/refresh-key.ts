/**
 * The key that signs and verifies refresh tokens, and only them. It is derived from the configured
 * key's secret material, so no key the application holds verifies a refresh token:
 *
 * - with an HMAC secret, `verify(refreshToken, secret)` fails the signature: the refresh key is
 *   HKDF(secret), another key;
 * - with a key pair, `verify(refreshToken, publicKey)` fails the algorithm: a refresh token is HS256,
 *   and a public key verifies only its own asymmetric algorithm (RFC 8725 §3.1).
 *
 * So a refresh token is never an access token, whatever verifier the application writes, even one
 * that checks no `typ`. Deriving (rather than asking for a second secret) keeps one key to configure,
 * rotate and share between servers.
 */
import { decodeBase64url, encodeBase64url } from '../lib/base64url.js';
import { hkdfSha256 } from '../crypto/webcrypto.js';
import { exportJWK, importKey, type JwtKey } from 'webjwt';

/** The one algorithm of refresh tokens, whatever the configured key's. */
export const REFRESH_ALG = 'HS256';

/**
 * HKDF's `info` (RFC 5869 §3.2): what the derived bytes are for. A new version of the label makes
 * every refresh token of the old one invalid, so it changes only when the derivation must.
 */
const REFRESH_KEY_LABEL = /* @__PURE__ */ new TextEncoder().encode('webjwt/session refresh token v1');
/** RFC 5869 §3.1: without a salt, HKDF-Extract uses zeros; the input is already a key. */
const NO_SALT = new Uint8Array(0);
/** 256 bits: HS256's full strength (RFC 7518 §3.2), and all HKDF-SHA-256's pseudorandom key holds. */
const REFRESH_KEY_BYTES = 32;

/**
 * @throws TypeError for a CryptoKey that cannot be exported, since nothing can be derived from it;
 *   the message says what to pass instead. Checked when the sessions are created.
 */
export function assertDerivable(input: unknown, name: string): void {
  if (typeof CryptoKey === 'undefined' || !(input instanceof CryptoKey) || input.extractable) return;
  const instead =
    input.type === 'secret'
      ? 'the secret as bytes or an extractable CryptoKey'
      : "the key as PEM or JWK, or generateKeyPair(alg, { extractable: true })'s privateKey";
  throw new TypeError(
    `${name} is a non-extractable CryptoKey, and createSessions() derives the refresh tokens' key from it; pass ${instead}`,
  );
}

/**
 * The refresh-token key: HKDF-SHA-256 of the secret (JWK `k`) or of the private key's secret
 * (JWK `d`: the EC or Ed25519 private scalar, the RSA private exponent), as an HS256 secret.
 * @throws TypeError when the key's material cannot be exported (a JwtKey made from a
 *   non-extractable CryptoKey).
 */
export async function deriveRefreshKey(signing: JwtKey): Promise<JwtKey> {
  let secret: Uint8Array | undefined;
  try {
    const jwk = await exportJWK(signing);
    const member = signing.type === 'secret' ? jwk.k : jwk.d;
    secret = typeof member === 'string' ? decodeBase64url(member) : undefined;
  } catch (cause) {
    throw new TypeError(
      "createSessions() cannot read the key's secret material to derive the refresh tokens' key; pass the key as bytes, PEM, JWK or an extractable CryptoKey",
      { cause },
    );
  }
  if (secret === undefined || secret.length === 0)
    throw new TypeError("createSessions() found no secret material in the key to derive the refresh tokens' key from");
  const bytes = await hkdfSha256(secret, NO_SALT, REFRESH_KEY_LABEL, REFRESH_KEY_BYTES);
  // As a JWK, not bytes: random bytes that happened to parse as DER would be refused as a secret.
  return importKey({ kty: 'oct', k: encodeBase64url(bytes) }, REFRESH_ALG);
}
