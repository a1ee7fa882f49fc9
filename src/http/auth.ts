/**
 * Bearer-token authentication for HTTP servers: one function for the Fetch API (Workers, Deno, Bun,
 * Hono) and a `(req, res, next)` middleware for Node's http, Express and Connect, both over one
 * verifier built at startup, so that a wrong key or option fails there and not on a request.
 */
// The core through the package itself: one copy of it, whose JwtKey and JwtError are the ones the
// caller imported.
import { createVerifier, isJwtError, type JwkSet, type JwtPayload, type KeyInput, type KeyResolver, type VerifierOptions, type VerifyResult } from 'webjwt';
import { checkOptions, type OptionNames } from '../lib/options.js';
import { assertQuotable, BearerError, inRealm } from './bearer-error.js';
import { bearerToken, type AuthorizationSource, type NodeRequest } from './bearer-token.js';
import type { Guard } from './guards.js';

export interface BearerAuthOptions extends VerifierOptions {
  /** What verifies the tokens: anything `verify()` takes (a key, keys, a JWK Set, a resolver such as `createRemoteJWKSet()`). */
  key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver;
  /** The protection space named in every challenge (`realm="..."`). */
  realm?: string;
  /** Middleware only: hand refusals to `next(error)` instead of answering them. Default false. */
  forwardErrors?: boolean;
}

/** Every option, so that a misspelt one (`audiance`) is a TypeError rather than a check silently skipped. */
const OPTION_NAMES = {
  key: true, realm: true, forwardErrors: true, cache: true,
  algorithms: true, currentDate: true, maxTokenLength: true, allowWeakKeys: true, validate: true, isRevoked: true,
  issuer: true, audience: true, subject: true, typ: true, clockTolerance: true, maxAge: true, requiredClaims: true,
} as const satisfies OptionNames<BearerAuthOptions>;

/** A Node `http.ServerResponse`, an Express or Connect response, or anything shaped like one. */
export interface NodeResponse {
  statusCode: number;
  readonly headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** A Connect/Express-style middleware. */
export type BearerMiddleware = (req: NodeRequest, res: NodeResponse, next: (error?: unknown) => void) => void;

/** A request that passed the middleware: the verified token is in `req.auth`. */
export interface AuthenticatedRequest<T extends object = JwtPayload> {
  auth: VerifyResult<T>;
}

/**
 * Authenticates a request: reads its bearer token, verifies it, runs the guards, and resolves to
 * the verified `{ header, payload }`.
 */
export interface BearerAuth<T extends object = JwtPayload> {
  /**
   * @param request a Fetch `Request`, `Headers`, a Node or Express request, or the Authorization value.
   * @throws BearerError for a refused request: `toResponse()` is the answer; also a 503 BearerError
   *   (`temporarily_unavailable`, with Retry-After) when an `isRevoked` hook's session store failed or
   *   timed out (ERR_SESSION_STORE). Other errors that are not the client's (a key set that cannot be
   *   fetched: ERR_JWKS_FETCH; an unusable key: ERR_KEY; a resolver's own error) are rethrown as they are.
   */
  (request: AuthorizationSource, ...guards: readonly Guard[]): Promise<VerifyResult<T>>;
  /**
   * The same as a `(req, res, next)` middleware: on success `req.auth` holds the verified token and
   * `next()` is called; a refusal, or the 503 of a failing session store, is answered (or passed to
   * `next(error)` with `forwardErrors`); any other error goes to `next(error)`.
   */
  middleware(...guards: readonly Guard[]): BearerMiddleware;
}

/**
 * Bearer-token authentication over a verifier built once: `auth(request)` for the Fetch API,
 * `auth.middleware()` for Node's http and Express. Refusals follow RFC 6750 §3.
 * @param options `key`, `realm`, `forwardErrors`, and every `createVerifier()` option.
 * @throws TypeError for a missing key or an unknown or invalid option; ERR_KEY for an unusable key.
 * @example
 * const auth = createBearerAuth({ key: publicKey, issuer: 'https://auth.example', audience: 'api' });
 * const { payload } = await auth(request, requireScope('orders:read'));
 */
export function createBearerAuth<T extends object = JwtPayload>(options: BearerAuthOptions): BearerAuth<T> {
  if ((options as unknown) === undefined) throw new TypeError('createBearerAuth() needs an options object with a key');
  const { key, realm, forwardErrors = false, ...verifierOptions } = checkOptions(options, OPTION_NAMES, 'createBearerAuth()');
  if ((key as unknown) === undefined || (key as unknown) === null) throw new TypeError('createBearerAuth() needs a key');
  if (realm !== undefined) assertQuotable(realm, 'realm');
  if (typeof forwardErrors !== 'boolean') throw new TypeError('forwardErrors must be a boolean');
  const verifyToken = createVerifier<T>(key, verifierOptions);

  const authenticate = async (request: AuthorizationSource, ...guards: readonly Guard[]): Promise<VerifyResult<T>> => {
    assertGuards(guards);
    try {
      const token = bearerToken(request);
      if (token === undefined) throw new BearerError(undefined);
      const verified = await verifyToken(token).catch((error: unknown) => {
        throw refusal(error);
      });
      for (const guard of guards) await guard(verified);
      return verified;
    } catch (error) {
      throw error instanceof BearerError ? inRealm(error, realm) : error;
    }
  };

  const middleware = (...guards: readonly Guard[]): BearerMiddleware => {
    assertGuards(guards);
    return (req, res, next) => {
      void authenticate(req, ...guards).then(
        (verified) => {
          (req as NodeRequest & Partial<AuthenticatedRequest<T>>).auth = verified;
          next();
        },
        (error: unknown) => {
          if (error instanceof BearerError && !forwardErrors && res.headersSent !== true) answer(res, error);
          else next(error);
        },
      );
    };
  };

  return Object.assign(authenticate, { middleware });
}

/**
 * A verification failure as the client's refusal: 401 `invalid_token`, telling only expired apart
 * from invalid (RFC 6750 §3.1). A key that cannot be fetched or used is the server's problem, not
 * the token's, and is not turned into a 401. A session store that could not say whether the token
 * is revoked is the server's problem too, and a passing one: a 503 the client may retry, never an
 * acceptance and never a 401 that would send the user to log in again. Matched by code, so an
 * error from another copy of webjwt (webjwt/session's) is recognised.
 */
function refusal(error: unknown): unknown {
  if (isJwtError(error) && error.code === 'ERR_SESSION_STORE') return new BearerError('temporarily_unavailable', { cause: error });
  if (!isJwtError(error) || error.code === 'ERR_KEY' || error.code === 'ERR_JWKS_FETCH') return error;
  const description = error.code === 'ERR_JWT_EXPIRED' ? 'The access token expired' : 'The access token is invalid';
  return new BearerError('invalid_token', { description, cause: error });
}

function assertGuards(guards: readonly unknown[]): void {
  if (!guards.every((guard) => typeof guard === 'function')) throw new TypeError('guards must be functions, such as requireScope(...)');
}

function answer(res: NodeResponse, error: BearerError): void {
  res.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers())) res.setHeader(name, value);
  res.end(JSON.stringify(error));
}
