/**
 * The `Set-Cookie` values (RFC 6265 §4.1) that carry a session's tokens to a browser, out of reach of
 * its scripts: HttpOnly, Secure, SameSite, each with a Max-Age from its token's lifetime; the refresh
 * token only on the path of the routes that take it, so it travels with no other request. webjwt/http
 * reads them back (`cookie` of createBearerAuth(), `cookieToken()`), refusing cross-origin unsafe
 * requests, which cookies would otherwise let any site make in the user's name.
 */
import { COOKIE_NAME, TOKEN_VALUE } from '../lib/cookie.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import type { TokenPair } from './sessions.js';

export interface SessionCookieOptions {
  /**
   * The path of the routes that take the refresh token: the refresh route, and the logout route if
   * it reads the cookie too (`'/auth'` covers `/auth/refresh` and `/auth/logout`). Required: the
   * refresh token is sent to nothing else.
   */
  refreshPath: string;
  /** The access token's cookie. Default 'access_token'. */
  accessName?: string;
  /** The refresh token's cookie. Default 'refresh_token'. */
  refreshName?: string;
  /** The access token's path. Default '/'. */
  accessPath?: string;
  /** `Domain`, which also sends the cookies to subdomains. Default: none, this host only (safer). */
  domain?: string;
  /** `Secure`: HTTPS only. Default true; false only for plain-HTTP development on localhost. */
  secure?: boolean;
  /** `SameSite`. Default 'Strict': no cookie on requests that other sites start, not even links. */
  sameSite?: 'Strict' | 'Lax' | 'None';
}

export interface SessionCookies {
  /** Both `Set-Cookie` values for a login or refresh answer: `[access, refresh]`. */
  set(pair: TokenPair): string[];
  /** The access token's `Set-Cookie` value alone (Max-Age: `expiresIn`). */
  access(pair: TokenPair): string;
  /** The refresh token's `Set-Cookie` value alone (Max-Age: `refreshExpiresIn`), for an app that keeps the access token in memory. */
  refresh(pair: TokenPair): string;
  /** `Set-Cookie` values that delete both (empty, Max-Age=0, same path and domain), for a logout. */
  clear(): string[];
  readonly accessName: string;
  readonly refreshName: string;
}

const COOKIE_OPTIONS = {
  refreshPath: true,
  accessName: true,
  refreshName: true,
  accessPath: true,
  domain: true,
  secure: true,
  sameSite: true,
} as const satisfies OptionNames<SessionCookieOptions>;

// RFC 6265 §4.1.1: path-value is any CHAR but CTLs and ";"; a cookie path starts with "/".
const PATH = /^\/[\x20-\x3a\x3c-\x7e]*$/;
const DOMAIN = /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function text(value: unknown, pattern: RegExp, name: string, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new TypeError(`${name} must be ${what}`);
  return value;
}

/**
 * `Set-Cookie` values for a session's tokens, and for clearing them at logout. Options are checked
 * here, cookie prefixes included (`__Host-` needs Secure, Path=/ and no Domain; `__Secure-` needs Secure).
 * @throws TypeError for a missing refreshPath, an unknown option, or a value a cookie cannot carry.
 * @example
 * const cookies = createSessionCookies({ refreshPath: '/auth' });
 * res.setHeader('Set-Cookie', cookies.set(await sessions.issueTokens(user)));
 */
export function createSessionCookies(options: SessionCookieOptions): SessionCookies {
  if ((options as unknown) === undefined)
    throw new TypeError("createSessionCookies() needs { refreshPath }, the path of the refresh route such as '/auth'");
  checkOptions(options, COOKIE_OPTIONS, 'createSessionCookies()');
  const refreshPath = text(options.refreshPath, PATH, 'refreshPath', "a path such as '/auth' (it starts with / and has no ;)");
  const accessPath = text(options.accessPath ?? '/', PATH, 'accessPath', 'a path starting with / without ;');
  const accessName = text(options.accessName ?? 'access_token', COOKIE_NAME, 'accessName', 'a cookie name');
  const refreshName = text(options.refreshName ?? 'refresh_token', COOKIE_NAME, 'refreshName', 'a cookie name');
  if (accessName === refreshName) throw new TypeError('accessName and refreshName must differ');
  const domain = options.domain === undefined ? undefined : text(options.domain, DOMAIN, 'domain', 'a host name');
  const { secure = true, sameSite = 'Strict' } = options;
  assertBoolean(secure, 'secure');
  if (!['Strict', 'Lax', 'None'].includes(sameSite)) throw new TypeError("sameSite must be 'Strict', 'Lax' or 'None'");
  // Browsers drop SameSite=None without Secure, and cookies whose prefix promises what they lack.
  if (sameSite === 'None' && !secure) throw new TypeError("sameSite 'None' needs secure: true");
  for (const [name, path] of [
    [accessName, accessPath],
    [refreshName, refreshPath],
  ] as const) {
    if (name.startsWith('__Secure-') && !secure) throw new TypeError(`${name}: a __Secure- cookie needs secure: true`);
    if (name.startsWith('__Host-') && (!secure || domain !== undefined || path !== '/')) {
      throw new TypeError(`${name}: a __Host- cookie needs secure: true, no domain and the path /`);
    }
  }

  const attributes = (path: string): string =>
    `; Path=${path}${domain === undefined ? '' : `; Domain=${domain}`}; HttpOnly${secure ? '; Secure' : ''}; SameSite=${sameSite}`;
  const cookie = (name: string, value: unknown, seconds: unknown, path: string): string => {
    if (typeof value !== 'string' || !TOKEN_VALUE.test(value))
      throw new TypeError(`the token for ${name} must be a token string, as issueTokens() and refresh() return it`);
    if (typeof seconds !== 'number' || !(seconds > 0)) throw new TypeError(`the lifetime for ${name} must be a positive number of seconds`);
    return `${name}=${value}; Max-Age=${Math.floor(seconds)}${attributes(path)}`;
  };
  const access = (pair: TokenPair): string => cookie(accessName, pair.accessToken, pair.expiresIn, accessPath);
  const refresh = (pair: TokenPair): string => cookie(refreshName, pair.refreshToken, pair.refreshExpiresIn, refreshPath);
  return {
    set: (pair) => [access(pair), refresh(pair)],
    access,
    refresh,
    clear: () => [`${accessName}=; Max-Age=0${attributes(accessPath)}`, `${refreshName}=; Max-Age=0${attributes(refreshPath)}`],
    accessName,
    refreshName,
  };
}
