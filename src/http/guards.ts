/**
 * Authorization checks on a verified token. A token that verified but does not grant enough is a
 * 403 `insufficient_scope` (RFC 6750 §3.1), never a 401: asking again with the same token will not help.
 */
import type { JwtHeader, JwtPayload } from 'webjwt';
import { checkOptions, type OptionNames } from '../lib/options.js';
import { assertScopeToken, BearerError } from './bearer-error.js';

/** A check on a verified token: returns when it grants access, throws a `BearerError` (403) when not. */
export type Guard = (verified: { header: JwtHeader; payload: JwtPayload }) => void | Promise<void>;

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
export function requireScope(scopes: string | readonly string[], options?: ClaimGuardOptions): Guard {
  const { claim = 'scope' } = checkOptions(options, GUARD_OPTIONS, 'requireScope()');
  const required = scopeTokens(scopes, 'requireScope()');
  const read = claimReader(claim);
  const description = 'The access token lacks the required scope';
  return ({ payload }) => {
    const value = read(payload);
    const granted = typeof value === 'string' ? value.split(' ') : strings(value);
    if (!required.every((scope) => granted.includes(scope))) throw new BearerError('insufficient_scope', { description, scope: required.join(' ') });
  };
}

/**
 * Requires one of the listed roles in the token's `roles` claim (a string or an array of strings).
 * The 403 names the roles in `scope="..."`.
 * @throws TypeError (at creation) for a role that is not a scope token (no spaces, quotes or backslashes).
 * @example const isAdmin = requireRole('admin', { claim: ['realm_access', 'roles'] });
 */
export function requireRole(roles: string | readonly string[], options?: ClaimGuardOptions): Guard {
  const { claim = 'roles' } = checkOptions(options, GUARD_OPTIONS, 'requireRole()');
  const accepted = typeof roles === 'string' ? [roles] : roles;
  if (!Array.isArray(accepted) || accepted.length === 0) throw new TypeError('requireRole() needs a role or a non-empty array of roles');
  for (const role of accepted) assertScopeToken(role, 'every role');
  const read = claimReader(claim);
  const description = 'The access token lacks the required role';
  return ({ payload }) => {
    const value = read(payload);
    const held = typeof value === 'string' ? [value] : strings(value);
    if (!accepted.some((role) => held.includes(role))) throw new BearerError('insufficient_scope', { description, scope: accepted.join(' ') });
  };
}

/**
 * Requires claims: per claim, a value it must equal (`===`) or a test `(value, payload) => boolean`;
 * or one test `(payload, header) => boolean` for the whole token. Only `true` passes.
 * @throws TypeError (at creation) for an empty requirement or one that is not a primitive or a function.
 * @example const verifiedEmail = requireClaims({ email_verified: true, tenant: (t) => t === 'acme' });
 */
export function requireClaims(
  requirements: Readonly<Record<string, ClaimRequirement>> | ((payload: JwtPayload, header: JwtHeader) => boolean | Promise<boolean>),
): Guard {
  const refuse = (): BearerError => new BearerError('insufficient_scope', { description: 'The access token lacks a required claim' });
  if (typeof requirements === 'function') {
    return async ({ header, payload }) => {
      const outcome: unknown = await requirements(payload, header);
      if (outcome !== true) throw refuse();
    };
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
  return async ({ payload }) => {
    for (const [claim, requirement] of entries) {
      const value = Object.hasOwn(payload, claim) ? payload[claim] : undefined;
      const outcome: unknown = typeof requirement === 'function' ? await requirement(value, payload) : Object.hasOwn(payload, claim) && value === requirement;
      if (outcome !== true) throw refuse();
    }
  };
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
