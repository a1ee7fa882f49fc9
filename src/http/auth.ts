/**
 * Bearer-token authentication for HTTP servers: one function for the Fetch API (Workers, Deno, Bun,
 * Hono) and a `(req, res, next)` middleware for Node's http, Express and Connect, both over one
 * verifier built at startup, so that a wrong key or option fails there and not on a request.
 */
// The core through the package itself: one copy of it, whose JwtKey and JwtError are the ones the
// caller imported.
import {
  createVerifier,
  isJwtError,
  type JwkSet,
  type JwtPayload,
  type KeyInput,
  type KeyResolver,
  type VerifierOptions,
  type VerifyResult,
} from 'webjwt';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { assertQuotable, BearerError, inRealm } from './bearer-error.js';
import { bearerToken, type AuthorizationSource, type NodeRequest } from './bearer-token.js';
import { assertCookieName, cookieToken } from './cookie-token.js';
import type { Guard } from './guards.js';
import { answer, refusers, type NodeResponse } from './refusal.js';

export type { NodeResponse } from './refusal.js';

/** Where the token is read, and how refusals are answered: common to both kinds of options. */
export interface BearerSourceOptions {
  /** The protection space named in every challenge (`realm="..."`). */
  realm?: string;
  /** Middleware only: hand refusals to `next(error)` instead of answering them. Default false. */
  forwardErrors?: boolean;
  /**
   * Also read the token from this cookie, when the request has no Authorization header. A request
   * with an unsafe method (POST, PUT, PATCH, DELETE…) authenticated by the cookie is refused (400
   * `invalid_request`) unless it is same-origin by `Sec-Fetch-Site` or `Origin`: cookies invite
   * cross-site request forgery. Default: no cookie.
   */
  cookie?: string;
  /** Read the Authorization header. Default true; false (with `cookie`) reads the cookie only. */
  header?: boolean;
}

export interface BearerAuthOptions extends VerifierOptions, BearerSourceOptions {
  /** What verifies the tokens: anything `verify()` takes (a key, keys, a JWK Set, a resolver such as `createRemoteJWKSet()`). */
  key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver;
}

/** What `createBearerAuth({ sessions })` uses of webjwt/session's `createSessions()`: its own check of access tokens. */
export interface AccessTokenVerifier {
  verifyAccess(token: string, options?: { checkRevoked?: boolean }): Promise<VerifyResult>;
}

export interface SessionBearerAuthOptions extends BearerSourceOptions {
  /**
   * The sessions (webjwt/session's `createSessions()`) whose access tokens to accept: their key,
   * algorithm, issuer, audience, `typ` and required claims, through `sessions.verifyAccess()`.
   */
  sessions: AccessTokenVerifier;
  /** Refuse tokens and sessions revoked in the sessions' store (a logout, a reuse). Default true. */
  checkRevoked?: boolean;
}

/** Where the token is read and how refusals are answered: the options both forms share. */
const SOURCE_OPTION_NAMES = {
  realm: true,
  forwardErrors: true,
  cookie: true,
  header: true,
} as const satisfies OptionNames<BearerSourceOptions>;
/** Every option, so that a misspelt one (`audiance`) is a TypeError rather than a check silently skipped. */
const OPTION_NAMES = {
  ...SOURCE_OPTION_NAMES,
  key: true,
  cache: true,
  algorithms: true,
  currentDate: true,
  maxTokenLength: true,
  allowWeakKeys: true,
  validate: true,
  isRevoked: true,
  issuer: true,
  audience: true,
  subject: true,
  typ: true,
  clockTolerance: true,
  maxAge: true,
  requiredClaims: true,
} as const satisfies OptionNames<BearerAuthOptions>;
const SESSION_OPTION_NAMES = {
  ...SOURCE_OPTION_NAMES,
  sessions: true,
  checkRevoked: true,
} as const satisfies OptionNames<SessionBearerAuthOptions>;

// Express's own way to type what middleware adds to its requests (as @types/express-serve-static-core
// declares it): `req.auth` in every Express handler, optional since not every route has the middleware.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the namespace Express declares
  namespace Express {
    interface Request {
      /** The verified token, set by webjwt/http's `auth.middleware()`. */
      auth?: VerifyResult;
    }
  }
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
   * @param request a Fetch `Request`, `Headers`, a Node or Express request, or the Authorization value
   *   (with `cookie`, a Request or a Node/Express request: the method and origin matter).
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
 * @param options `key` and every `createVerifier()` option; or `sessions` (webjwt/session's), whose
 *   own verification of access tokens is used, with `checkRevoked`. Both take `realm`,
 *   `forwardErrors`, `cookie` and `header`.
 * @throws TypeError for a missing key or an unknown or invalid option; ERR_KEY for an unusable key.
 * @example
 * const auth = createBearerAuth({ key: publicKey, issuer: 'https://auth.example', audience: 'api' });
 * const { payload } = await auth(request, requireScope('orders:read'));
 * @example
 * const auth = createBearerAuth({ sessions }); // the sessions' key, issuer, audience, typ and revocations
 */
export function createBearerAuth<T extends object = JwtPayload>(options: BearerAuthOptions | SessionBearerAuthOptions): BearerAuth<T> {
  if ((options as unknown) === undefined) throw new TypeError('createBearerAuth() needs an options object with a key');
  const withSessions = typeof options === 'object' && (options as unknown) !== null && Object.hasOwn(options, 'sessions');
  const verifyToken = withSessions ? sessionVerifier<T>(options as SessionBearerAuthOptions) : keyVerifier<T>(options as BearerAuthOptions);
  const { realm, forwardErrors = false, cookie, header = true } = options;
  if (realm !== undefined) assertQuotable(realm, 'realm');
  assertBoolean(forwardErrors, 'forwardErrors');
  if (cookie !== undefined) assertCookieName(cookie, 'cookie');
  assertBoolean(header, 'header');
  if (!header && cookie === undefined) throw new TypeError('header: false needs a cookie to read the token from');

  /** The Authorization header's token when there is one (it cannot be forged cross-site), else the cookie's. */
  const tokenOf = (request: AuthorizationSource): string | undefined =>
    (header ? bearerToken(request) : undefined) ?? (cookie === undefined ? undefined : cookieToken(request, cookie));

  const authenticate = async (request: AuthorizationSource, ...guards: readonly Guard[]): Promise<VerifyResult<T>> => {
    assertGuards(guards);
    try {
      const token = tokenOf(request);
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
    const refuse = (error: BearerError, res: NodeResponse, next: (error?: unknown) => void): void => {
      const refusal = inRealm(error, realm);
      if (!forwardErrors && res.headersSent !== true) answer(res, refusal);
      else next(refusal);
    };
    return (req, res, next) => {
      void authenticate(req, ...guards).then(
        (verified) => {
          (req as NodeRequest & Partial<AuthenticatedRequest<T>>).auth = verified;
          // Guards used as middleware after this one answer their refusals as this one does.
          refusers.set(req, refuse);
          next();
        },
        (error: unknown) => {
          if (error instanceof BearerError) refuse(error, res, next);
          else next(error);
        },
      );
    };
  };

  return Object.assign(authenticate, { middleware });
}

function keyVerifier<T extends object>(options: BearerAuthOptions): (token: string) => Promise<VerifyResult<T>> {
  const { key, ...rest } = checkOptions(options, OPTION_NAMES, 'createBearerAuth()');
  const verifierOptions = Object.fromEntries(
    Object.entries(rest).filter(([name]) => !Object.hasOwn(SOURCE_OPTION_NAMES, name)),
  ) as VerifierOptions;
  if ((key as unknown) === undefined || (key as unknown) === null) throw new TypeError('createBearerAuth() needs a key, or sessions');
  return createVerifier<T>(key, verifierOptions);
}

function sessionVerifier<T extends object>(options: SessionBearerAuthOptions): (token: string) => Promise<VerifyResult<T>> {
  const extra = Object.keys(options).find((name) => Object.hasOwn(OPTION_NAMES, name) && !Object.hasOwn(SESSION_OPTION_NAMES, name));
  if (extra !== undefined) {
    throw new TypeError(
      `createBearerAuth(): with sessions, the key and verification options are the sessions' own; remove ${JSON.stringify(extra)}`,
    );
  }
  const { sessions, checkRevoked = true } = checkOptions(options, SESSION_OPTION_NAMES, 'createBearerAuth()');
  if (typeof (sessions as Partial<AccessTokenVerifier> | null)?.verifyAccess !== 'function') {
    throw new TypeError("sessions must be webjwt/session's createSessions() result, with its verifyAccess() method");
  }
  assertBoolean(checkRevoked, 'checkRevoked');
  return (token) => sessions.verifyAccess(token, { checkRevoked }) as Promise<VerifyResult<T>>;
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
