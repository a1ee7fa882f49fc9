/**
 * The answers RFC 6750 §3 gives a request whose bearer token is missing, malformed, invalid or not
 * enough: a status, a `WWW-Authenticate: Bearer` challenge and a JSON body; and the 503 for a token
 * that cannot be checked right now because the session store behind `isRevoked` failed. Every text
 * in them is fixed or configured, never copied from the request, so nothing about the token leaks
 * and nothing a client sends can reach a response header.
 */

/**
 * The error codes of RFC 6750 §3.1, and `temporarily_unavailable` (RFC 6749 §4.1.2.1's name for a
 * server that cannot handle the request for now) for the 503.
 */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'temporarily_unavailable';

/** The JSON body of a refusal. No `error` when the request carried no credentials (RFC 6750 §3.1). */
export interface BearerErrorBody {
  error?: BearerErrorCode;
  error_description: string;
}

export interface BearerErrorOptions {
  /** Text for `error_description`: printable ASCII without `"` and `\`. Default: a fixed text per code. */
  description?: string;
  /** The scope (space-separated scope tokens) that would have been enough, for `insufficient_scope`. */
  scope?: string;
  /** The protection space, sent as `realm`: printable ASCII without `"` and `\`. */
  realm?: string;
  /** The error behind the refusal, for your logs; never sent. */
  cause?: unknown;
}

/** RFC 6750 §3.1: the status that goes with each code; no code at all (no credentials) is a 401. */
const STATUS = { invalid_request: 400, invalid_token: 401, insufficient_scope: 403, temporarily_unavailable: 503 } as const;

/**
 * Seconds a client should wait before retrying a 503 (RFC 9110 §10.2.3): longer than a session
 * store's default storeTimeout (2 s), short enough for a stalled store or a failover to be over.
 */
const RETRY_AFTER_SECONDS = 5;

const DESCRIPTION = {
  none: 'A bearer token is required',
  invalid_request: 'The request is malformed',
  invalid_token: 'The access token is invalid',
  insufficient_scope: 'The access token does not grant access to this resource',
  temporarily_unavailable: 'The access token cannot be checked right now; try again later',
} as const;

// RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E, so it needs no escaping inside
// quotes. realm (a quoted-string, RFC 9110 §11.2) is held to the same set, which excludes the
// characters that would end the quotes, escape, or break the header line.
const QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;
// RFC 6749 §3.3: scope = scope-token *( SP scope-token ), scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Whether `value` can stand between quotes in a header as it is: non-empty printable ASCII other than " and \\. */
export function isQuotable(value: string): boolean {
  return QUOTABLE.test(value);
}

/** @throws TypeError unless `value` can stand between quotes in a header as it is. */
export function assertQuotable(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || !isQuotable(value)) {
    throw new TypeError(`${name} must be a non-empty string of printable ASCII characters other than " and \\`);
  }
}

/** @throws TypeError unless `value` is one scope token (RFC 6749 §3.3). */
export function assertScopeToken(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || !SCOPE_TOKEN.test(value)) {
    throw new TypeError(`${name} must be a non-empty string of printable ASCII characters other than space, " and \\`);
  }
}

/**
 * A request refused per RFC 6750: `status` (400, 401 or 403), `error` (the RFC 6750 code; undefined
 * when the request carried no credentials), and what to answer: `headers()` and `toJSON()`, or
 * `toResponse()` for the Fetch API. The message is the fixed description, never token content.
 * Status 503 (`temporarily_unavailable`) is the server's trouble rather than a refusal: the session
 * store behind `isRevoked` failed or timed out (ERR_SESSION_STORE), so the token could not be checked.
 */
export class BearerError extends Error {
  readonly status: 400 | 401 | 403 | 503;
  readonly error: BearerErrorCode | undefined;
  readonly description: string;
  readonly scope: string | undefined;
  readonly realm: string | undefined;
  /** The `WWW-Authenticate` header value; not sent with a 503, which no credentials would change. */
  readonly challenge: string;

  /** @throws TypeError for an unknown code, or a description, scope or realm that cannot be quoted safely. */
  constructor(error: BearerErrorCode | undefined, options: BearerErrorOptions = {}) {
    if (error !== undefined && !Object.hasOwn(STATUS, error)) {
      throw new TypeError('error must be invalid_request, invalid_token, insufficient_scope or temporarily_unavailable');
    }
    const description = options.description ?? DESCRIPTION[error ?? 'none'];
    assertQuotable(description, 'description');
    if (options.scope !== undefined) {
      for (const token of options.scope.split(' ')) assertScopeToken(token, 'every scope');
    }
    if (options.realm !== undefined) assertQuotable(options.realm, 'realm');
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BearerError';
    this.status = error === undefined ? 401 : STATUS[error];
    this.error = error;
    this.description = description;
    this.scope = options.scope;
    this.realm = options.realm;
    this.challenge = challenge(error, description, options.scope, options.realm);
  }

  /** The response headers: the challenge (for a 503, `Retry-After` instead), a JSON content type, and no caching. */
  headers(): Record<string, string> {
    const common = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    return this.status === 503
      ? { 'Retry-After': String(RETRY_AFTER_SECONDS), ...common }
      : { 'WWW-Authenticate': this.challenge, ...common };
  }

  /** The response body, `{ error, error_description }`; also what `JSON.stringify(error)` writes. */
  toJSON(): BearerErrorBody {
    return this.error === undefined ? { error_description: this.description } : { error: this.error, error_description: this.description };
  }

  /** The whole answer as a Fetch API `Response`. */
  toResponse(): Response {
    return new Response(JSON.stringify(this), { status: this.status, headers: this.headers() });
  }
}

/**
 * RFC 6750 §3: `Bearer` with `realm` when configured, then `error`, `error_description` and `scope`.
 * A request without credentials gets no error information at all (§3.1).
 */
function challenge(error: BearerErrorCode | undefined, description: string, scope: string | undefined, realm: string | undefined): string {
  const parameters: string[] = [];
  if (realm !== undefined) parameters.push(`realm="${realm}"`);
  if (error !== undefined) {
    parameters.push(`error="${error}"`, `error_description="${description}"`);
    if (scope !== undefined) parameters.push(`scope="${scope}"`);
  }
  return parameters.length === 0 ? 'Bearer' : `Bearer ${parameters.join(', ')}`;
}

/** The same refusal in `realm`, unless it already names one. */
export function inRealm(error: BearerError, realm: string | undefined): BearerError {
  if (realm === undefined || error.realm !== undefined) return error;
  const { description, scope, cause } = error;
  return new BearerError(error.error, { description, realm, cause, ...(scope === undefined ? {} : { scope }) });
}
