/**
 * webjwt/http: bearer tokens in HTTP servers (RFC 6750). `createBearerAuth()` verifies the token of a
 * Fetch `Request` or, as middleware, of a Node or Express request, from the Authorization header or
 * a cookie; guards check scopes, roles and claims; refusals carry their status, challenge and JSON
 * body. Runtime-neutral: no Node imports.
 */
export { bearerToken, type AuthorizationSource, type NodeRequest } from './http/bearer-token.js';
export { BearerError, type BearerErrorCode, type BearerErrorBody, type BearerErrorOptions } from './http/bearer-error.js';
export { cookieToken } from './http/cookie-token.js';
export {
  createBearerAuth,
  type AccessTokenVerifier,
  type AuthenticatedRequest,
  type BearerAuth,
  type BearerAuthOptions,
  type BearerMiddleware,
  type BearerSourceOptions,
  type NodeResponse,
  type SessionBearerAuthOptions,
} from './http/auth.js';
export {
  requireClaims,
  requireRole,
  requireScope,
  type ClaimGuardOptions,
  type ClaimPath,
  type ClaimRequirement,
  type Guard,
  type MiddlewareGuard,
  type Verified,
} from './http/guards.js';
