/**
 * A token in a named cookie (RFC 6265 §4.2), read only where a cookie can be trusted. A browser
 * attaches cookies to every request to their site, whoever's page made it: that is cross-site
 * request forgery. So a request with an unsafe method (RFC 9110 §9.2.1: anything but GET, HEAD,
 * OPTIONS and TRACE) is taken on a cookie only when the browser says it came from the same origin:
 * `Sec-Fetch-Site: same-origin` (Fetch Metadata), or, from a browser that does not send that, an
 * `Origin` equal to the request's own. A request with neither is refused: browsers send at least one
 * with every unsafe request, and a client that is not a browser can send the Authorization header.
 */
import { COOKIE_NAME, TOKEN_VALUE } from '../lib/cookie.js';
import { BearerError } from './bearer-error.js';

/** A Fetch `Request` or a Node/Express request; anything else carries no cookie this module reads. */
export type CookieSource = unknown;

/** RFC 9110 §9.2.1: the methods that are not meant to change anything. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** @throws TypeError unless `name` is a cookie name (RFC 6265 §4.1.1). */
export function assertCookieName(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !COOKIE_NAME.test(name)) {
    throw new TypeError(`${what} must be a cookie name: letters, digits and !#$%&'*+-.^_\`|~, nothing else`);
  }
}

interface FetchLike {
  headers: { get(name: string): string | null };
  method?: unknown;
  url?: unknown;
}

interface NodeLike {
  headers: Record<string, unknown>;
  method?: unknown;
}

function isFetchLike(source: unknown): source is FetchLike {
  const headers = (source as { headers?: unknown } | null)?.headers;
  return typeof headers === 'object' && headers !== null && typeof (headers as { get?: unknown }).get === 'function';
}

function isNodeLike(source: unknown): source is NodeLike {
  const headers = (source as { headers?: unknown } | null)?.headers;
  return typeof headers === 'object' && headers !== null;
}

/** One request header's value; undefined when absent, or repeated in a way that cannot be one value. */
function header(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  if (isFetchLike(source)) return source.headers.get(name) ?? undefined;
  if (!isNodeLike(source)) return undefined;
  const value = Object.hasOwn(source.headers, name) ? source.headers[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether the browser says `source` came from a page of the same origin: `Sec-Fetch-Site` when it is
 * there (only `same-origin` counts; `same-site` is another origin, a sibling subdomain say), else
 * `Origin` against the request's own origin: a Fetch `Request`'s URL, or for a Node request the Host
 * header (Node cannot know the scheme behind a proxy, so the host and port are compared).
 */
function isSameOrigin(source: unknown): boolean {
  const site = header(source, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = header(source, 'origin');
  if (origin === undefined || origin === 'null') return false;
  let claimed: URL;
  try {
    claimed = new URL(origin);
  } catch {
    return false;
  }
  if (isFetchLike(source)) {
    try {
      return typeof source.url === 'string' && new URL(source.url).origin === claimed.origin;
    } catch {
      return false;
    }
  }
  const host = header(source, 'host');
  return host !== undefined && host.toLowerCase() === claimed.host;
}

/** Every value of cookie `name` in a Cookie header, in order (RFC 6265 §5.4 joins them with "; "). */
function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  if (cookieHeader === undefined) return [];
  const values: string[] = [];
  for (const pair of cookieHeader.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1 || pair.slice(0, equals).trim() !== name) continue;
    const value = pair.slice(equals + 1).trim();
    // RFC 6265 §4.1.1: a value may be wrapped in double quotes, which are not part of it.
    values.push(value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
  }
  return values;
}

/**
 * The token in cookie `name` of a Fetch `Request` or a Node/Express request; undefined when there is
 * none. A request whose method is unknown (a bare `Headers`) counts as unsafe.
 * @throws BearerError `invalid_request` (400) when the cookie is there more than once (a cookie set for
 *   a sibling domain or a longer path can shadow yours: refused rather than guessed), when its value
 *   is not token characters, or when the method is unsafe and the request is not same-origin.
 *   TypeError for a `name` that is not a cookie name.
 * @example const refreshToken = cookieToken(request, 'refresh_token');
 */
export function cookieToken(source: CookieSource, name: string): string | undefined {
  assertCookieName(name, 'the cookie name');
  const values = cookieValues(header(source, 'cookie'), name);
  const [value] = values;
  if (value === undefined) return undefined;
  if (values.length > 1) throw new BearerError('invalid_request', { description: 'The request carries the token cookie more than once' });
  if (!TOKEN_VALUE.test(value)) throw new BearerError('invalid_request', { description: 'The token cookie is malformed' });
  const method = (source as { method?: unknown }).method;
  if (!(typeof method === 'string' && SAFE_METHODS.has(method.toUpperCase())) && !isSameOrigin(source)) {
    throw new BearerError('invalid_request', {
      description: 'A request authenticated by cookie with this method must come from the same origin',
    });
  }
  return value;
}
