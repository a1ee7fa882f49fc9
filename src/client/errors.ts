/**
 * The two ways a refresh can end, as one error class with a stable `code`. Not a `JwtError`: nothing
 * is wrong with a token or a key here, and the core's codes are the core's (isJwtError would have
 * to know these); webjwt/http's BearerError is a plain Error with its own fields for the same reason.
 */

/**
 * `ERR_CLIENT_REFRESH_FAILED`: the refresh did not happen (network error, 5xx, a lock not granted in
 * time); the tokens are kept and a later call tries again. `ERR_CLIENT_SESSION_ENDED`: the server
 * refused the refresh token (spent, revoked, expired) or there is none; the tokens are gone and the
 * user must log in again.
 */
export type AuthClientErrorCode = 'ERR_CLIENT_REFRESH_FAILED' | 'ERR_CLIENT_SESSION_ENDED';

/** A refresh that failed or was refused; `cause` is what `refresh` threw, when it threw. */
export class AuthClientError extends Error {
  readonly code: AuthClientErrorCode;

  constructor(code: AuthClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'AuthClientError';
  }
}

/** @throws AuthClientError ERR_CLIENT_SESSION_ENDED when `ended`, else ERR_CLIENT_REFRESH_FAILED. */
export function fail(ended: boolean, message: string, cause?: unknown): never {
  throw new AuthClientError(
    ended ? 'ERR_CLIENT_SESSION_ENDED' : 'ERR_CLIENT_REFRESH_FAILED',
    message,
    cause === undefined ? undefined : { cause },
  );
}
