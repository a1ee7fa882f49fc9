/**
 * Claim checks (RFC 7519 §4.1, RFC 8725 §3.8–3.11). Registered claims are type-checked on every
 * token, configured or not, so a payload typed `JwtPayload` never lies. All checks read own
 * properties only (Object.hasOwn), so an inherited or `__proto__` member never satisfies one.
 */
import type { JwtHeader, JwtPayload } from '../types.js';
import { JwtClaimError, JwtExpiredError, JwtNotBeforeError } from '../lib/errors.js';
import { durationSeconds } from '../lib/time.js';

/** The claim options of `verify()`. */
export interface ClaimOptions {
  /** Accepted `iss` values; the token's `iss` must equal one of them exactly. */
  issuer?: string | readonly string[];
  /** Accepted audiences: the token's `aud` (a string or array) must contain one match. */
  audience?: string | RegExp | readonly (string | RegExp)[];
  /** The exact `sub` expected. */
  subject?: string;
  /** Expected `typ` header, compared case-insensitively; a value without '/' means "application/" + it (RFC 7515 §4.1.9). */
  typ?: string;
  /** Seconds (or a duration string) of clock skew allowed for `exp`, `nbf` and `maxAge`. Default 0. */
  clockTolerance?: number | string;
  /** Oldest accepted token age by `iat`, in seconds or a duration string. Needs `iat`. */
  maxAge?: number | string;
  /** Claims that must be present (as own members) in the payload. */
  requiredClaims?: readonly string[];
}

export const NUMERIC_DATES = ['exp', 'nbf', 'iat'] as const;
const STRINGS = ['iss', 'sub', 'jti'] as const;

/** RFC 7519 §4.1.3: an `aud` is a string or an array of strings. */
export function isAudience(aud: unknown): aud is string | string[] {
  return typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'));
}

/** RFC 7519 §4.1: NumericDates are numbers, iss/sub/jti strings, aud a string or array of strings. */
export function assertRegisteredClaims(payload: Record<string, unknown>): asserts payload is JwtPayload {
  for (const claim of NUMERIC_DATES) {
    if (Object.hasOwn(payload, claim) && !Number.isFinite(payload[claim])) {
      throw new JwtClaimError(claim, 'invalid', `"${claim}" must be a finite number (a NumericDate)`);
    }
  }
  for (const claim of STRINGS) {
    if (Object.hasOwn(payload, claim) && typeof payload[claim] !== 'string') {
      throw new JwtClaimError(claim, 'invalid', `"${claim}" must be a string`);
    }
  }
  if (Object.hasOwn(payload, 'aud')) {
    if (!isAudience(payload.aud)) {
      throw new JwtClaimError('aud', 'invalid', '"aud" must be a string or an array of strings');
    }
  }
}

/**
 * RFC 7515 §4.1.9: a `typ` without a '/' stands for "application/" + it, so `JWT` and
 * `application/jwt` are one type; a value that has a '/' is a full media type as it is, so
 * `text/plain` is never `application/text/plain`. Media types compare case-insensitively (RFC 2045 §5.1).
 */
function normaliseTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}

function stringList(value: unknown, name: string): readonly string[] {
  const list: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) {
    throw new TypeError(`${name} must be a string or a non-empty array of strings`);
  }
  return [...(list as readonly string[])];
}

function audienceMatchers(value: unknown): readonly ((aud: string) => boolean)[] {
  const list: unknown = Array.isArray(value) ? value : [value];
  if (!Array.isArray(list) || list.length === 0) throw new TypeError('audience must not be an empty array');
  return list.map((expected: unknown) => {
    if (typeof expected === 'string') return (aud: string) => aud === expected;
    if (expected instanceof RegExp) {
      // A fresh RegExp without g/y: lastIndex state must never make a second check fail or pass.
      const pattern = new RegExp(expected.source, expected.flags.replace(/[gy]/g, ''));
      return (aud: string) => pattern.test(aud);
    }
    throw new TypeError('audience must be a string, a RegExp, or an array of them');
  });
}

function own(payload: JwtPayload, claim: string): unknown {
  return Object.hasOwn(payload, claim) ? payload[claim] : undefined;
}

/** The configured claim checks and the token's time window, for one header and payload at `now`. */
export type ClaimCheck = (header: JwtHeader, payload: JwtPayload, now: number) => void;

/**
 * Turns claim options into a check, once: options are validated here (a TypeError for a bad one),
 * durations parsed and audience patterns compiled, so a bound verifier does none of it per token.
 * The check runs only after the signature verified, so its errors may carry the header and payload.
 */
export function compileClaimChecks(options: ClaimOptions): ClaimCheck {
  const tolerance = options.clockTolerance === undefined ? 0 : durationSeconds(options.clockTolerance, 'clockTolerance');
  if (options.typ !== undefined && (typeof options.typ !== 'string' || options.typ === ''))
    throw new TypeError('typ must be a non-empty string');
  const typ = options.typ === undefined ? undefined : normaliseTyp(options.typ);
  const required = options.requiredClaims === undefined ? undefined : claimNames(options.requiredClaims);
  const issuers = options.issuer === undefined ? undefined : stringList(options.issuer, 'issuer');
  if (options.subject !== undefined && typeof options.subject !== 'string') throw new TypeError('subject must be a string');
  const { subject } = options;
  const audiences = options.audience === undefined ? undefined : audienceMatchers(options.audience);
  const maxAge = options.maxAge === undefined ? undefined : durationSeconds(options.maxAge, 'maxAge');

  return (header, payload, now) => {
    if (typ !== undefined) {
      if (typeof header.typ !== 'string') throw new JwtClaimError('typ', 'missing', 'token has no "typ" header');
      if (normaliseTyp(header.typ) !== typ) throw new JwtClaimError('typ', 'mismatch', '"typ" header is not the expected type');
    }
    if (required !== undefined) {
      for (const claim of required) {
        if (!Object.hasOwn(payload, claim)) throw new JwtClaimError(claim, 'missing', `required claim "${claim}" is missing`);
      }
    }
    if (issuers !== undefined) {
      const iss = own(payload, 'iss');
      if (iss === undefined) throw new JwtClaimError('iss', 'missing', 'token has no "iss" claim');
      if (!issuers.includes(iss as string)) throw new JwtClaimError('iss', 'mismatch', '"iss" is not an accepted issuer');
    }
    if (subject !== undefined) {
      const sub = own(payload, 'sub');
      if (sub === undefined) throw new JwtClaimError('sub', 'missing', 'token has no "sub" claim');
      if (sub !== subject) throw new JwtClaimError('sub', 'mismatch', '"sub" is not the expected subject');
    }
    if (audiences !== undefined) {
      const aud = own(payload, 'aud');
      const values = typeof aud === 'string' ? [aud] : ((aud ?? []) as readonly string[]);
      if (values.length === 0) throw new JwtClaimError('aud', 'missing', 'token has no "aud" claim');
      if (!values.some((a) => audiences.some((matches) => matches(a)))) {
        throw new JwtClaimError('aud', 'mismatch', '"aud" does not contain an accepted audience');
      }
    }

    const exp = own(payload, 'exp') as number | undefined;
    // RFC 7519 §4.1.4: the token MUST NOT be accepted on or after the expiration time.
    if (exp !== undefined && now >= exp + tolerance) {
      throw new JwtExpiredError('token has expired', new Date(exp * 1000), header, payload);
    }
    const nbf = own(payload, 'nbf') as number | undefined;
    // RFC 7519 §4.1.5: the token MUST NOT be accepted before the not-before time.
    if (nbf !== undefined && now + tolerance < nbf) {
      throw new JwtNotBeforeError('token is not valid yet', new Date(nbf * 1000), header, payload);
    }

    if (maxAge !== undefined) {
      const iat = own(payload, 'iat') as number | undefined;
      if (iat === undefined) throw new JwtClaimError('iat', 'missing', 'maxAge is set but the token has no "iat" claim');
      if (iat > now + tolerance) throw new JwtClaimError('iat', 'in_future', '"iat" is in the future');
      if (now - tolerance > iat + maxAge) throw new JwtClaimError('iat', 'too_old', 'token is older than maxAge');
    }
  };
}

function claimNames(value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((claim) => typeof claim === 'string')) {
    throw new TypeError('requiredClaims must be an array of claim names');
  }
  return [...(value as readonly string[])];
}
