/**
 * Errors thrown for bad tokens and bad key material. Caller misuse (a wrong option type, a missing
 * argument) is a plain `TypeError` instead, so the two can never be confused.
 *
 * Every error has a stable `code`; match on `code` (or use `isJwtError`), not on `instanceof`, when
 * the error may come from another copy of the library or another realm.
 */

/** Every code a `JwtError` can carry: the one list, from which the type is derived. */
const CODES = [
  'ERR_JWT_MALFORMED',
  'ERR_JWT_ALGORITHM',
  'ERR_JWT_SIGNATURE',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_NOT_BEFORE',
  'ERR_JWT_CLAIM',
  'ERR_JWT_REVOKED',
  'ERR_KEY',
  'ERR_JWKS_NO_KEY',
  'ERR_JWKS_FETCH',
  'ERR_SESSION_STORE',
  'ERR_JWE_DECRYPTION',
] as const;

/** Every code a `JwtError` can carry. */
export type JwtErrorCode = (typeof CODES)[number];

/**
 * Base class of every error webjwt throws for a token or a key. Properties here and in the subclasses
 * are `declare`d and set by the constructors, so the build does not emit a field definition for each
 * as well: the instances get the same own properties, in the same order.
 */
export class JwtError extends Error {
  declare readonly code: JwtErrorCode;

  constructor(code: JwtErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The token is not a well-formed compact JWS carrying a JSON object, or uses an unsupported feature. */
export class JwtMalformedError extends JwtError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_JWT_MALFORMED', message, options);
  }
}

/** The token's `alg` is `none`, is not in the allowlist, or is not the key's algorithm. */
export class JwtAlgorithmError extends JwtError {
  constructor(message: string) {
    super('ERR_JWT_ALGORITHM', message);
  }
}

/** The signature does not verify under the key. */
export class JwtSignatureError extends JwtError {
  constructor(message = 'signature verification failed') {
    super('ERR_JWT_SIGNATURE', message);
  }
}

/**
 * The token's `exp` has passed. Thrown only after the signature verified, so `header` and `payload`
 * are authentic (but expired): a refresh flow may read `sub` from them.
 */
export class JwtExpiredError extends JwtError {
  declare readonly expiredAt: Date;
  declare readonly header: Readonly<Record<string, unknown>>;
  declare readonly payload: Readonly<Record<string, unknown>>;

  constructor(message: string, expiredAt: Date, header: Record<string, unknown>, payload: Record<string, unknown>) {
    super('ERR_JWT_EXPIRED', message);
    this.expiredAt = expiredAt;
    this.header = header;
    this.payload = payload;
  }
}

/**
 * The token's `nbf` is still in the future. Thrown only after the signature verified, so `header`
 * and `payload` are authentic.
 */
export class JwtNotBeforeError extends JwtError {
  /** When the token becomes valid. */
  declare readonly date: Date;
  declare readonly header: Readonly<Record<string, unknown>>;
  declare readonly payload: Readonly<Record<string, unknown>>;

  constructor(message: string, date: Date, header: Record<string, unknown>, payload: Record<string, unknown>) {
    super('ERR_JWT_NOT_BEFORE', message);
    this.date = date;
    this.header = header;
    this.payload = payload;
  }
}

/**
 * Why a claim check failed. A custom validator's failure carries `rejected`, or the reason string the
 * validator returned.
 */
export type ClaimFailure = 'missing' | 'invalid' | 'mismatch' | 'too_old' | 'in_future' | 'rejected' | (string & {});

/** A claim (or the `typ` header) is missing, has the wrong JSON type, or does not match the options. */
export class JwtClaimError extends JwtError {
  /** The claim name, such as `aud` or `iat`, or `typ` for the header parameter. */
  declare readonly claim: string;
  declare readonly reason: ClaimFailure;

  constructor(claim: string, reason: ClaimFailure, message: string) {
    super('ERR_JWT_CLAIM', message);
    this.claim = claim;
    this.reason = reason;
  }
}

/** The `isRevoked` hook said the (authentic, unexpired) token is revoked. */
export class JwtRevokedError extends JwtError {
  constructor(message = 'token has been revoked') {
    super('ERR_JWT_REVOKED', message);
  }
}

/** Key material is unusable, insecure (too short, too small), or does not fit the algorithm. */
export class KeyError extends JwtError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_KEY', message, options);
  }
}

/**
 * `webjwt/session`'s store failed, refused, or did not answer within `storeTimeout`, so the operation
 * was refused: fail closed, never an acceptance. Not the token's fault: the server's answer is a 503,
 * and the client may retry. A refresh refused this way may or may not have spent its token.
 */
export class SessionStoreError extends JwtError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_SESSION_STORE', message, options);
  }
}

/** A key set has no key for the token, or more than one that fits and no way to choose. */
export class JwksNoKeyError extends JwtError {
  constructor(message: string) {
    super('ERR_JWKS_NO_KEY', message);
  }
}

/** A remote key set could not be fetched, read or used. */
export class JwksFetchError extends JwtError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_JWKS_FETCH', message, options);
  }
}

/**
 * A JWE did not decrypt: the key is wrong, or the encrypted key, IV, ciphertext, tag or header was
 * changed. One message for every cause (an unwrap, OAEP, GCM or CBC-HMAC failure, a bad padding), so
 * that no failure tells an attacker more than another (RFC 7516 §11.4, §11.5).
 */
export class JweDecryptionError extends JwtError {
  constructor() {
    super('ERR_JWE_DECRYPTION', 'decryption failed');
  }
}

/** The class of each code: what `isJwtError(value, code)` narrows to. */
export interface JwtErrorByCode {
  ERR_JWT_MALFORMED: JwtMalformedError;
  ERR_JWT_ALGORITHM: JwtAlgorithmError;
  ERR_JWT_SIGNATURE: JwtSignatureError;
  ERR_JWT_EXPIRED: JwtExpiredError;
  ERR_JWT_NOT_BEFORE: JwtNotBeforeError;
  ERR_JWT_CLAIM: JwtClaimError;
  ERR_JWT_REVOKED: JwtRevokedError;
  ERR_KEY: KeyError;
  ERR_JWKS_NO_KEY: JwksNoKeyError;
  ERR_JWKS_FETCH: JwksFetchError;
  ERR_SESSION_STORE: SessionStoreError;
  ERR_JWE_DECRYPTION: JweDecryptionError;
}

const KNOWN: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(CODES);

/**
 * True for any webjwt error, including one thrown by another copy of the library or another realm;
 * with `code`, only for an error of that code, narrowed to its class (so `isJwtError(e,
 * 'ERR_JWT_EXPIRED')` gives `e.payload`).
 */
export function isJwtError(value: unknown): value is JwtError;
export function isJwtError<C extends JwtErrorCode>(value: unknown, code: C): value is JwtErrorByCode[C];
export function isJwtError(value: unknown, code?: JwtErrorCode): boolean {
  if (code !== undefined && !KNOWN.has(code)) throw new TypeError('isJwtError(): code must be one of the JwtErrorCode values');
  let found: unknown;
  if (value instanceof JwtError) found = value.code;
  else if (typeof value === 'object' && value !== null && typeof (value as Error).message === 'string') {
    found = Object.getOwnPropertyDescriptor(value, 'code')?.value;
  }
  return typeof found === 'string' && KNOWN.has(found) && (code === undefined || found === code);
}

/**
 * A synchronous throw as a rejection, for the functions that return promises without being async
 * (sign, verify): they report every failure the same way. What throws there is webjwt's own checks,
 * which throw Errors; anything else is wrapped.
 */
export function rejected(error: unknown): Promise<never> {
  return Promise.reject(error instanceof Error ? error : new Error(String(error)));
}
