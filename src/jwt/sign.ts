/**
 * sign(): builds the header and the claims, checks them as verify() would, and signs.
 */
import { isAlgorithm, type JwsAlgorithm } from '../jwa/algorithms.js';
import { assertRegisteredClaims, isAudience, NUMERIC_DATES } from './claims.js';
import { encodeSegment } from '../jws/compact.js';
import type { JwtPayload } from '../types.js';
import { encodeBase64url } from '../crypto/backend.js';
import { JwtError } from '../lib/errors.js';
import { createSignature, signatureFailure } from '../jws/signature.js';
import { defaultAlgorithm, prepareKey, toKey, type KeyInput } from '../keys/key.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { durationSeconds, numericDate } from '../lib/time.js';

/** Header members a caller may set; `alg` comes from the key or `options.alg`. */
export interface SignHeader {
  kid?: string;
  typ?: string;
  cty?: string;
  [parameter: string]: unknown;
}

export interface SignOptions {
  /** The algorithm; default inferred from the key (a secret: HS256, RSA: RS256, EC: its curve's, Ed25519: EdDSA). */
  alg?: JwsAlgorithm;
  /** Lifetime: seconds or a duration such as '15m'; sets `exp` = now + duration. */
  expiresIn?: number | string;
  /** Delay before the token is valid: seconds or a duration; sets `nbf` = now + duration. */
  notBefore?: number | string;
  issuer?: string;
  subject?: string;
  audience?: string | readonly string[];
  jwtId?: string;
  /** `iat` as a NumericDate, or false to omit it. Default: now. */
  issuedAt?: number | false;
  /** Extra header members (kid, typ, cty, ...). `typ` defaults to "JWT". */
  header?: SignHeader;
  currentDate?: Date;
  /** Accept short HMAC secrets and RSA keys under 2048 bits. Only for legacy systems. */
  allowWeakKeys?: boolean;
}

/** Header members that would make verify() refuse the token, or that only the library sets. */
const RESERVED_HEADER = ['crit', 'b64', 'enc', 'zip'];
/** NumericDates above this are almost certainly milliseconds (year 5138 in seconds). */
const MAX_NUMERIC_DATE = 1e11;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function setClaim(claims: Record<string, unknown>, name: string, value: unknown, option: string): void {
  if (value === undefined) return;
  if (Object.hasOwn(claims, name)) throw new TypeError(`payload already has "${name}"; do not also pass options.${option}`);
  claims[name] = value;
}

export function assertString(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}

/** Every option of sign(), so that a misspelt one (`expiresin`) is a TypeError, never a claim left out. */
const SIGN_OPTIONS = {
  alg: true,
  expiresIn: true,
  notBefore: true,
  issuer: true,
  subject: true,
  audience: true,
  jwtId: true,
  issuedAt: true,
  header: true,
  currentDate: true,
  allowWeakKeys: true,
} as const satisfies OptionNames<SignOptions>;

/**
 * Checks every option's name and type (a TypeError naming the option), so that a signer's
 * misconfiguration fails when it is created. The header's members are checked by `buildHeader`,
 * once the algorithm is known.
 */
export function checkSignOptions(options: SignOptions, where: string): void {
  if (!isPlainObject(options)) throw new TypeError(`${where}: options must be a plain object`);
  checkOptions(options, SIGN_OPTIONS, where);
  if (options.alg !== undefined && !isAlgorithm(options.alg)) {
    throw new TypeError('options.alg must be a supported JWS algorithm ("none" is never signed)');
  }
  if (options.expiresIn !== undefined) durationSeconds(options.expiresIn, 'expiresIn');
  if (options.notBefore !== undefined) durationSeconds(options.notBefore, 'notBefore');
  assertString(options.issuer, 'issuer');
  assertString(options.subject, 'subject');
  assertString(options.jwtId, 'jwtId');
  if (options.audience !== undefined && !isAudience(options.audience)) {
    throw new TypeError('audience must be a string or an array of strings');
  }
  const issuedAt: unknown = options.issuedAt;
  if (issuedAt !== undefined && issuedAt !== false && !Number.isFinite(issuedAt)) {
    throw new TypeError('issuedAt must be a NumericDate (seconds) or false');
  }
  if (options.currentDate !== undefined) numericDate(options.currentDate);
  assertBoolean(options.allowWeakKeys, 'allowWeakKeys');
  if (options.header !== undefined && !isPlainObject(options.header)) throw new TypeError('options.header must be a plain object');
}

/** The claims: the payload's and those the (checked) options set. */
export function buildClaims(payload: Record<string, unknown>, options: SignOptions): Record<string, unknown> {
  const now = numericDate(options.currentDate);
  const claims: Record<string, unknown> = { ...payload };
  const aud: unknown = options.audience;
  setClaim(claims, 'iss', options.issuer, 'issuer');
  setClaim(claims, 'sub', options.subject, 'subject');
  setClaim(claims, 'aud', aud, 'audience');
  setClaim(claims, 'jti', options.jwtId, 'jwtId');
  const issuedAt: unknown = options.issuedAt;
  if (issuedAt !== false) {
    if (issuedAt !== undefined) setClaim(claims, 'iat', issuedAt, 'issuedAt');
    else if (!Object.hasOwn(claims, 'iat')) claims.iat = now;
  }
  if (options.expiresIn !== undefined) setClaim(claims, 'exp', now + durationSeconds(options.expiresIn, 'expiresIn'), 'expiresIn');
  if (options.notBefore !== undefined) setClaim(claims, 'nbf', now + durationSeconds(options.notBefore, 'notBefore'), 'notBefore');

  try {
    assertRegisteredClaims(claims);
  } catch (error) {
    throw new TypeError(error instanceof JwtError ? `payload: ${error.message}` : 'payload has invalid registered claims', {
      cause: error,
    });
  }
  for (const name of NUMERIC_DATES) {
    const value = claims[name];
    if (typeof value === 'number' && Math.abs(value) > MAX_NUMERIC_DATE) {
      throw new TypeError(`payload "${name}" looks like milliseconds; NumericDates are seconds (RFC 7519 §2)`);
    }
  }
  return claims;
}

/** The encoded default header of each algorithm, made once: most tokens carry it. */
const defaultHeaders = new Map<JwsAlgorithm, string>();

/** BASE64URL(UTF8(header)): `{ alg, typ: 'JWT' }` and the caller's extra parameters. */
function headerSegment(alg: JwsAlgorithm, extra: unknown): string {
  if (extra !== undefined) return encodeSegment(buildHeader(alg, extra));
  let segment = defaultHeaders.get(alg);
  if (segment === undefined) defaultHeaders.set(alg, (segment = encodeSegment({ alg, typ: 'JWT' })));
  return segment;
}

export function buildHeader(alg: JwsAlgorithm, extra: unknown): Record<string, unknown> {
  if (!isPlainObject(extra)) throw new TypeError('options.header must be a plain object');
  if (Object.hasOwn(extra, 'alg') && extra.alg !== alg) {
    throw new TypeError('options.header.alg cannot override the algorithm; use options.alg');
  }
  for (const name of RESERVED_HEADER) {
    if (Object.hasOwn(extra, name)) throw new TypeError(`options.header.${name} is not supported`);
  }
  for (const name of ['kid', 'typ', 'cty']) assertString(extra[name], `options.header.${name}`);
  return { alg, typ: 'JWT', ...extra };
}

/**
 * Signs a JWT.
 * @param payload the claims, a plain JSON object.
 * @param key the signing key: a secret, a private PEM/JWK/CryptoKey, or a JwtKey.
 * @throws KeyError (ERR_KEY) when the key cannot sign with the algorithm; TypeError for bad input.
 * @example
 * const token = await sign({ sub: 'user-1' }, secret, { expiresIn: '15m' });
 */
export async function sign(payload: JwtPayload, key: KeyInput, options: SignOptions = {}): Promise<string> {
  if (!isPlainObject(payload)) throw new TypeError('payload must be a plain object');
  checkSignOptions(options, 'sign()');
  const jwtKey = toKey(key);
  const alg = options.alg ?? defaultAlgorithm(jwtKey);
  const prepared = prepareKey(jwtKey, alg, 'sign', options.allowWeakKeys === true);
  const signingInput = `${headerSegment(alg, options.header)}.${encodeSegment(buildClaims(payload, options))}`;
  let signature: Uint8Array;
  try {
    const answer = createSignature(prepared, signingInput);
    signature = answer instanceof Promise ? await answer : answer;
  } catch (cause) {
    throw signatureFailure(cause);
  }
  return `${signingInput}.${encodeBase64url(signature)}`;
}
