/**
 * verify(): signature first, claims second. Nothing from the payload is read, and no claim error is
 * reported, before the signature verified under a key the caller chose.
 */
import { isAlgorithm, type JwsAlgorithm } from './algorithms.js';
import { assertRegisteredClaims, validateClaims, type ClaimOptions } from './claims.js';
import { asciiBytes, DEFAULT_MAX_TOKEN_LENGTH, parseCompact, parsePayloadSegment, type JwtHeader, type JwtPayload } from './codec.js';
import { JwtAlgorithmError, JwtSignatureError } from './errors.js';
import { verifySignature } from './jws.js';
import { assertKeyAllows, defaultAlgorithms, importKey, keyAllows, type KeyInput } from './keys/key.js';
import { createLocalJWKSet, isJwkSet, type JwkSet } from './keys/keyset.js';
import { numericDate } from './time.js';

/**
 * Looks up the key for a token from its (not yet verified) header, e.g. by `kid`. A resolver with an
 * `issuer` (as `createRemoteJWKSet(url, { issuer })` makes) only accepts tokens with that exact `iss`:
 * the keys belong to that issuer (RFC 8725 §3.8).
 */
export type KeyResolver = ((header: JwtHeader) => KeyInput | Promise<KeyInput>) & { readonly issuer?: string };

export interface VerifyOptions extends ClaimOptions {
  /**
   * The accepted algorithms; each must fit the key. Without it, only the algorithm the key pins is
   * accepted (a string secret: HS256; RSA: RS256; EC: its curve's ES*; Ed25519: EdDSA).
   */
  algorithms?: readonly JwsAlgorithm[];
  /** The clock, for tests and replays. Default: now. */
  currentDate?: Date;
  /** Longest token accepted, in characters, checked before any other work. Default 65536. */
  maxTokenLength?: number;
  /** Accept short HMAC secrets and RSA keys under 2048 bits. Only for legacy tokens. */
  allowWeakKeys?: boolean;
}

export interface VerifyResult<T extends object = JwtPayload> {
  header: JwtHeader;
  payload: T & JwtPayload;
}

function allowlist(value: unknown): readonly JwsAlgorithm[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isAlgorithm)) {
    throw new TypeError('algorithms must be a non-empty array of supported JWS algorithm names ("none" is never one)');
  }
  return value;
}

function maxLength(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_TOKEN_LENGTH;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError('maxTokenLength must be a positive integer');
}

/**
 * Verifies a compact JWS and its JWT claims.
 * @param token the compact JWT.
 * @param key the key (secret, PEM, JWK, CryptoKey, JwtKey), a JWK Set `{ keys: [...] }` (picked by
 *   `kid` and `alg`), or a resolver `(header) => key`.
 * @throws JwtError: ERR_JWT_MALFORMED, ERR_JWT_ALGORITHM, ERR_JWT_SIGNATURE, ERR_JWT_EXPIRED,
 *   ERR_JWT_NOT_BEFORE, ERR_JWT_CLAIM, ERR_KEY. TypeError for invalid options.
 * @example
 * const { payload } = await verify(token, secret, { issuer: 'https://auth.example' });
 */
export async function verify<T extends object = JwtPayload>(
  token: string,
  key: KeyInput | JwkSet | KeyResolver,
  options: VerifyOptions = {},
): Promise<VerifyResult<T>> {
  if (typeof options !== 'object' || (options as unknown) === null) throw new TypeError('options must be an object');
  const algorithms = allowlist(options.algorithms);
  const now = numericDate(options.currentDate);
  const allowWeakKeys = options.allowWeakKeys === true;
  if ((key as unknown) === undefined || (key as unknown) === null) throw new TypeError('verify() needs a key');

  const resolver: KeyResolver | undefined = isJwkSet(key) ? createLocalJWKSet(key) : typeof key === 'function' ? key : undefined;
  const fixedKey = resolver === undefined ? importKey(key as KeyInput) : undefined;
  // A misconfiguration is reported before any token is looked at (RFC 8725 §3.1).
  if (fixedKey !== undefined && algorithms !== undefined) for (const alg of algorithms) assertKeyAllows(fixedKey, alg);

  const jws = parseCompact(token, maxLength(options.maxTokenLength));
  const alg = jws.header.alg;
  // RFC 7515 §4.1.1: exact, case-sensitive names; "none" is not in the table, so never accepted.
  if (!isAlgorithm(alg)) throw new JwtAlgorithmError('the token\'s "alg" is not a supported signature algorithm');
  if (algorithms !== undefined && !algorithms.includes(alg)) throw new JwtAlgorithmError(`${alg} is not in the accepted algorithms`);

  const resolved = fixedKey ?? importKey(await (resolver as KeyResolver)(jws.header));
  const accepted = algorithms ?? defaultAlgorithms(resolved);
  if (!accepted.includes(alg) || !keyAllows(resolved, alg)) throw new JwtAlgorithmError(`${alg} is not the key's algorithm`);
  if (!(await verifySignature(resolved, alg, asciiBytes(jws.signingInput), jws.signature, allowWeakKeys))) {
    throw new JwtSignatureError();
  }

  const payload = parsePayloadSegment(jws.payloadSegment);
  assertRegisteredClaims(payload);
  validateClaims(jws.header, payload, options, now);
  if (resolver?.issuer !== undefined) validateClaims(jws.header, payload, { issuer: resolver.issuer }, now);
  return { header: jws.header, payload: payload as T & JwtPayload };
}
