/**
 * Reading a bearer token from the Authorization header (RFC 6750 §2.1) of a Fetch `Request`, a
 * `Headers`, a Node or Express request, or the raw header value. Only the header: a token in the
 * query string or the body is not looked for.
 */
import { BearerError } from './bearer-error.js';

/**
 * A Node `http.IncomingMessage`, an Express or Connect request, or anything shaped like one.
 * `rawHeaders` lets a repeated Authorization header be told apart from a single one: Node keeps
 * only the first in `headers`.
 */
export interface NodeRequest {
  headers: { authorization?: string | readonly string[] | undefined };
  rawHeaders?: readonly string[];
}

/** Anything with the Fetch API's `Headers.get()`. */
interface HeadersLike {
  get(name: string): string | null;
}

/**
 * Where `bearerToken()` looks: a Fetch `Request`, a `Headers`, a Node or Express request, or the
 * Authorization header's value itself (`null` and `undefined` for no header).
 */
export type AuthorizationSource = string | null | undefined | HeadersLike | { headers: HeadersLike } | NodeRequest;

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token;
// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
const BEARER_CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
// The scheme is a case-insensitive token (RFC 9110 §11.1), ended by whitespace or the value's end.
const BEARER_SCHEME = /^bearer(?:[ \t]|$)/i;
// Bearer credentials after a comma: a second credential in the same field, or two fields joined.
const LATER_BEARER = /,[ \t]*bearer(?:[ \t]|$)/i;

const malformed = (): BearerError => new BearerError('invalid_request', { description: 'The Authorization header is malformed' });
const repeated = (): BearerError =>
  new BearerError('invalid_request', { description: 'The request has more than one Authorization header' });

/**
 * The bearer token of a request, or undefined when it has none (no Authorization header, or
 * another scheme such as Basic).
 * @throws BearerError `invalid_request` (400) when the header says Bearer but is malformed, or when
 *   the request has more than one Authorization header. TypeError for an unsupported `source`.
 * @example
 * const token = bearerToken(request); // Request, Headers, Node/Express request, or header value
 */
export function bearerToken(source: AuthorizationSource): string | undefined {
  const value = authorizationHeader(source);
  if (value === undefined) return undefined;
  // Field values come without surrounding whitespace from Fetch and Node; a raw one may not.
  const field = trimWhitespace(value);
  if (!BEARER_SCHEME.test(field)) {
    // Fetch joins repeated headers with ", ": "Basic x, Bearer y" is two credentials, not Basic.
    if (LATER_BEARER.test(field)) throw repeated();
    return undefined;
  }
  const match = BEARER_CREDENTIALS.exec(field);
  if (match === null) throw field.includes(',') ? repeated() : malformed();
  return match[1];
}

/** The one Authorization header value of `source`, or undefined when there is none. */
function authorizationHeader(source: AuthorizationSource): string | undefined {
  if (source === undefined || source === null) return undefined;
  if (typeof source === 'string') return source;
  if (typeof source !== 'object') throw unsupported();
  // `headers` first: an Express request also has a get() method, which would hide a repeated header.
  const headers: unknown = (source as { headers?: unknown }).headers;
  if (isHeaders(headers)) return headers.get('authorization') ?? undefined;
  if (typeof headers === 'object' && headers !== null) return nodeAuthorization(source as NodeRequest);
  if (isHeaders(source)) return source.get('authorization') ?? undefined;
  throw unsupported();
}

function nodeAuthorization({ headers, rawHeaders }: NodeRequest): string | undefined {
  if (rawHeaders !== undefined && countAuthorization(rawHeaders) > 1) throw repeated();
  const value: unknown = Object.hasOwn(headers, 'authorization') ? headers.authorization : undefined;
  if (value === undefined || typeof value === 'string') return value;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw unsupported();
  if (value.length > 1) throw repeated();
  return value[0];
}

/** How many Authorization fields a Node request's raw header list (name, value, name, value…) holds. */
function countAuthorization(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') count++;
  }
  return count;
}

/**
 * The value without leading and trailing spaces and tabs (RFC 9110 §5.5 OWS). A loop, not
 * `/[ \t]+$/`, whose backtracking is quadratic in a long run of inner spaces.
 */
function trimWhitespace(value: string): string {
  const isWhitespace = (i: number): boolean => value[i] === ' ' || value[i] === '\t';
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(start)) start++;
  while (end > start && isWhitespace(end - 1)) end--;
  return value.slice(start, end);
}

function isHeaders(value: unknown): value is HeadersLike {
  return typeof value === 'object' && value !== null && typeof (value as { get?: unknown }).get === 'function';
}

function unsupported(): TypeError {
  return new TypeError('bearerToken() reads a Request, Headers, a Node or Express request, or the Authorization header value');
}
