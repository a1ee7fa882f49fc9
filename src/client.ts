/**
 * webjwt/client: the browser and app half of the login flow. `createAuthClient()` keeps the tokens,
 * attaches the access token to requests and refreshes it with one refresh in flight per session,
 * across every caller, client object and tab, so that a rotated refresh token is never replayed.
 * Its state carries the access token's claims, decoded (not verified) for display.
 * Runtime-neutral: no Node imports, and every browser API behind a feature check.
 */
export { createAuthClient, type AuthClient, type AuthClientOptions, type AuthState } from './client/client.js';
export { AuthClientError, type AuthClientErrorCode } from './client/errors.js';
export type { TokenStorage } from './client/storage.js';
export type { TokenResponse, OAuthTokenResponse, SessionTokenResponse } from './client/tokens.js';
