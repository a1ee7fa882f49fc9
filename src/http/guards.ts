/**
 * Authorization checks on a verified token. A token that verified but does not grant enough is a
 * 403 `insufficient_scope` (RFC 6750 §3.1), never a 401: asking again with the same token will not help.
 */
import type { JwtHeader, JwtPayload } from 'webjwt';
import { checkOptions, type OptionNames } from '../lib/options.js';
import { assertScopeToken, BearerError, isQuotable } from './bearer-error.js';
import type { NodeRequest } from './bearer-token.js';
import { answerRefusal, refusers, type Next, type NodeResponse } from './refusal.js';

/** A verified token, as `auth()` resolves to it and `auth.middleware()` puts it in `req.auth`. */
export interface Verified {
  header: JwtHeader;
  payload: JwtPayload;
}

/** A check on a verified token: returns when it grants access, throws a `BearerError` (403) when not. */
export type Guard = (verified: Verified) => void | Promise<void>;

/**
 * What `requireScope()`, `requireRole()` and `requireClaims()` make: a `Guard` to pass to
 * `auth(request, guard)` or `auth.middleware(guard)`, which is also Express/Connect middleware of its
 * own, for after `auth.middleware()`: it reads `req.auth`, and answers a refusal as that middleware
 * does (its realm, its `forwardErrors`). Without `req.auth` it calls `next()` with a TypeError.
 */
export interface MiddlewareGuard {
  (verified: Verified): void | Promise<void>;
  (req: NodeRequest, res: NodeResponse, next: Next): void;
}

/** A guard from its check: called with one argument it checks; with (req, res, next), it is middleware. */
function guard(name: string, check: Guard): MiddlewareGuard {
  function run(verified: Verified): void | Promise<void>;
  function run(req: NodeRequest, res: NodeResponse, next: Next): void;
  function run(...args: unknown[]): void | Promise<void> {
    const [req, res, next] = args;
    if (typeof next !== 'function') return check(req as Verified);
    const verified = (req as { auth?: Verified }).auth;
    if (verified === undefined) {
      (next as Next)(new TypeError(`${name} as middleware needs req.auth: put auth.middleware() before it`));
      return;
    }
    const refuse = refusers.get(req as object) ?? answerRefusal;
    Promise.resolve()
      .then(() => check(verified))
      .then(
        () => {
          (next as Next)();
        },
        (error: unknown) => {
          if (error instanceof BearerError) refuse(error, res as NodeResponse, next as Next);
          else (next as Next)(error);
        },
      );
  }
  return run;
}

/** Where a guard reads a claim: its name, or a path of names into nested objects (`['realm_access', 'roles']`). */
export type ClaimPath = string | readonly string[];

export interface ClaimGuardOptions {
  /** The claim holding the scopes (default `scope`) or roles (default `roles`). */
  claim?: ClaimPath;
}

const GUARD_OPTIONS = { claim: true } as const satisfies OptionNames<ClaimGuardOptions>;

/** What `requireClaims()` asks of one claim: a value it must equal, or a test that returns `true`. */
export type ClaimRequirement = string | number | boolean | null | ((value: unknown, payload: JwtPayload) => boolean | Promise<boolean>);

/**
 * Requires every listed scope in the token's `scope` claim, a space-separated string (RFC 8693
 * §4.2, RFC 9068 §2.2.3); an array of strings is read too. The 403 names them in `scope="..."`.
 * @param scopes one scope, several separated by spaces, or an array of scopes.
 * @throws TypeError (at creation) for anything but scope tokens (RFC 6749 §3.3).
 * @example const canRead = requireScope('orders:read');
 */
export function requireScope(scopes: string | readonly string[], options?: ClaimGuardOptions): MiddlewareGuard {
  const { claim = 'scope' } = checkOptions(options, GUARD_OPTIONS, 'requireScope()');
  const required = scopeTokens(scopes, 'requireScope()');
  const read = claimReader(claim);
  const description = 'The access token lacks the required scope';
  return guard('requireScope()', ({ payload }) => {
    const value = read(payload);
    const granted = typeof value === 'string' ? value.split(' ') : strings(value);
    if (!required.every((scope) => granted.includes(scope)))
      throw new BearerError('insufficient_scope', { description, scope: required.join(' ') });
  });
}

/** Where requireRole() looks without a `claim` option: `roles` (an array, as most issuers write it) and `role` (one string). */
const DEFAULT_ROLE_CLAIMS = ['roles', 'role'] as const;

/**
 * Requires one of the listed roles in the token's `roles` or `role` claim, each a string or an array
 * of strings; with `{ claim }`, in that claim only. The 403 says which claims were read (in its
 * description) and names the roles in `scope="..."`; its `cause` says how to read another claim.
 * @throws TypeError (at creation) for a role that is not a scope token (no spaces, quotes or backslashes).
 * @example const isAdmin = requireRole('admin'); // { role: 'admin' } or { roles: ['admin'] }
 * @example const isAdmin = requireRole('admin', { claim: ['realm_access', 'roles'] });
 */
export function requireRole(roles: string | readonly string[], options?: ClaimGuardOptions): MiddlewareGuard {
  const { claim } = checkOptions(options, GUARD_OPTIONS, 'requireRole()');
  const accepted = typeof roles === 'string' ? [roles] : roles;
  if (!Array.isArray(accepted) || accepted.length === 0) throw new TypeError('requireRole() needs a role or a non-empty array of roles');
  for (const role of accepted) assertScopeToken(role, 'every role');
  const paths: readonly ClaimPath[] = claim === undefined ? DEFAULT_ROLE_CLAIMS : [claim];
  const readers = paths.map(claimReader);
  const names = paths.map((path) => (typeof path === 'string' ? path : path.join('.')));
  // Claim names are JSON member names: only quotable ones go into the header's description.
  const where = names.every(isQuotable) ? ` (claim ${names.join(' or ')})` : '';
  const description = `The access token lacks the required role${where}`;
  const hint = `requireRole() read the claim ${names.join(' and the claim ')}; to read another, pass { claim: 'name' } or a path such as { claim: ['realm_access', 'roles'] }`;
  return guard('requireRole()', ({ payload }) => {
    const held = readers.flatMap((read) => {
      const value = read(payload);
      return typeof value === 'string' ? [value] : strings(value);
    });
    if (!accepted.some((role) => held.includes(role))) {
      throw new BearerError('insufficient_scope', { description, scope: accepted.join(' '), cause: new Error(hint) });
    }
  });
}

/**
 * Requires claims: per claim, a value it must equal (`===`) or a test `(value, payload) => boolean`;
 * or one test `(payload, header) => boolean` for the whole token. Only `true` passes.
 * @throws TypeError (at creation) for an empty requirement or one that is not a primitive or a function.
 * @example const verifiedEmail = requireClaims({ email_verified: true, tenant: (t) => t === 'acme' });
 */
export function requireClaims(
  requirements: Readonly<Record<string, ClaimRequirement>> | ((payload: JwtPayload, header: JwtHeader) => boolean | Promise<boolean>),
): MiddlewareGuard {
  const refuse = (): BearerError => new BearerError('insufficient_scope', { description: 'The access token lacks a required claim' });
  if (typeof requirements === 'function') {
    return guard('requireClaims()', async ({ header, payload }) => {
      const outcome: unknown = await requirements(payload, header);
      if (outcome !== true) throw refuse();
    });
  }
  if (typeof requirements !== 'object' || (requirements as unknown) === null) {
    throw new TypeError('requireClaims() needs an object of claim requirements or a function');
  }
  const entries = Object.entries(requirements);
  if (entries.length === 0) throw new TypeError('requireClaims() needs at least one claim');
  for (const [claim, requirement] of entries) {
    if (requirement !== null && !['string', 'number', 'boolean', 'function'].includes(typeof requirement)) {
      throw new TypeError(`requireClaims(): ${claim} must be a string, number, boolean, null or a function`);
    }
  }
  return guard('requireClaims()', async ({ payload }) => {
    for (const [claim, requirement] of entries) {
      const value = Object.hasOwn(payload, claim) ? payload[claim] : undefined;
      const outcome: unknown =
        typeof requirement === 'function' ? await requirement(value, payload) : Object.hasOwn(payload, claim) && value === requirement;
      if (outcome !== true) throw refuse();
    }
  });
}

/** One scope, several separated by single spaces, or an array of scopes: as a list of scope tokens. */
function scopeTokens(scopes: unknown, name: string): readonly string[] {
  const list: unknown = typeof scopes === 'string' ? scopes.split(' ') : scopes;
  if (!Array.isArray(list) || list.length === 0) throw new TypeError(`${name} needs a scope or a non-empty array of scopes`);
  for (const scope of list as unknown[]) assertScopeToken(scope, 'every scope');
  return list as string[];
}

/** A reader for the claim at `path`, following own members only (an inherited value never counts). */
function claimReader(path: ClaimPath): (payload: JwtPayload) => unknown {
  const names: unknown = typeof path === 'string' ? [path] : path;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n): n is string => typeof n === 'string' && n !== '')) {
    throw new TypeError('claim must be a claim name or a non-empty array of claim names');
  }
  return (payload) => {
    let value: unknown = payload;
    for (const name of names) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return undefined;
      value = (value as Record<string, unknown>)[name];
    }
    return value;
  };
}

/** The strings of an array claim; anything else grants nothing. */
function strings(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
