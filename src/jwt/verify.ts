/**
 * verify(): signature first, claims second. Nothing from the payload is read, and no claim error is
 * reported, before the signature verified under a key the caller chose.
 */
import { isAlgorithm, type JwsAlgorithm } from '../jwa/algorithms.js';
import { assertRegisteredClaims, compileClaimChecks, type ClaimCheck, type ClaimOptions } from './claims.js';
import { DEFAULT_MAX_TOKEN_LENGTH, headerOf, parseCompact, parsePayloadText, payloadText } from '../jws/compact.js';
import type { JwtHeader, JwtPayload } from '../types.js';
import { JwtAlgorithmError, JwtClaimError, JwtRevokedError, JwtSignatureError, KeyError, rejected } from '../lib/errors.js';
import { signatureFailure, verifySignature } from '../jws/signature.js';
import {
  assertKeyAllows,
  assertStrength,
  defaultAlgorithms,
  importKey,
  isJwkSet,
  jwkSetText,
  keyAllows,
  prepareKey,
  type JwtKey,
  type KeyInput,
} from '../keys/key.js';
import { createLocalJWKSet, type JwkSet } from '../keys/keyset.js';
import { assertBoolean, checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { numericDate } from '../lib/time.js';

/**
 * Looks up the key for a token from its (not yet verified) header, e.g. by `kid`. A resolver with an
 * `issuer` (as `createRemoteJWKSet(url, { issuer })` makes) only accepts tokens with that exact `iss`:
 * the keys belong to that issuer (RFC 8725 §3.8).
 */
export type KeyResolver = ((header: JwtHeader) => KeyInput | Promise<KeyInput>) & { readonly issuer?: string };

export interface VerifyOptions extends ClaimOptions {
  /**
   * The accepted algorithms; each must fit the key. Without it, only the algorithm the key pins is
   * accepted (a string secret: HS256; RSA: RS256; EC: its curve's ES*; Ed25519: EdDSA).
   */
  algorithms?: readonly JwsAlgorithm[];
  /** The clock, for tests and replays. Default: now. */
  currentDate?: Date;
  /** Longest token accepted, in characters, checked before any other work. Default 65536. */
  maxTokenLength?: number;
  /** Accept short HMAC secrets and RSA keys under 2048 bits. Only for legacy tokens. */
  allowWeakKeys?: boolean;
  /**
   * Your own checks, run after the signature and the standard claims: per claim
   * `{ role: (value, payload) => value === 'admin' || 'not an admin' }`, or one function
   * `(payload, header) => ...`. `true` passes; `false` or a reason string fails with ERR_JWT_CLAIM.
   */
  validate?: Record<string, ClaimValidator> | PayloadValidator;
  /** Revocation hook, run last: `true` fails with ERR_JWT_REVOKED. */
  isRevoked?: (payload: JwtPayload, header: JwtHeader) => boolean | Promise<boolean>;
}

/** Checks one claim's value (undefined when absent): `true`, or `false` / a reason to refuse. */
export type ClaimValidator = (value: unknown, payload: JwtPayload) => boolean | string | Promise<boolean | string>;
/** Checks the whole payload: `true`, or `false` / a reason to refuse. */
export type PayloadValidator = (payload: JwtPayload, header: JwtHeader) => boolean | string | Promise<boolean | string>;

export interface VerifyResult<T extends object = JwtPayload> {
  header: JwtHeader;
  payload: T & JwtPayload;
  /** When `verify()` was given an array of keys: the index of the one that verified. */
  keyIndex?: number;
}

function allowlist(value: unknown): readonly JwsAlgorithm[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isAlgorithm)) {
    throw new TypeError('algorithms must be a non-empty array of supported JWS algorithm names ("none" is never one)');
  }
  return value;
}

function maxLength(value: unknown): number {
  return value === undefined ? DEFAULT_MAX_TOKEN_LENGTH : positiveInteger(value, 'maxTokenLength');
}

/**
 * Verifies a compact JWS and its JWT claims.
 * @param token the compact JWT.
 * @param key the key (secret, PEM, JWK, CryptoKey, JwtKey), an array of keys (tried in order among
 *   those that fit the token's alg), a JWK Set `{ keys: [...] }` (picked by `kid` and `alg`), or a
 *   resolver `(header) => key`.
 * @throws JwtError: ERR_JWT_MALFORMED, ERR_JWT_ALGORITHM, ERR_JWT_SIGNATURE, ERR_JWT_EXPIRED,
 *   ERR_JWT_NOT_BEFORE, ERR_JWT_CLAIM, ERR_JWT_REVOKED, ERR_KEY. TypeError for invalid options.
 * @example
 * const { payload } = await verify(token, secret, { issuer: 'https://auth.example' });
 */
export function verify<T extends object = JwtPayload>(
  token: string,
  key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver,
  options: VerifyOptions = {},
): Promise<VerifyResult<T>> {
  // Async errors only: a bad key or option rejects the promise like a bad token does.
  try {
    return verifyBound<T>(token, bindKey(key, options), options);
  } catch (error) {
    return rejected(error);
  }
}

/** A key (or keys, set, resolver) checked and imported once, for one or many verifications. */
export interface BoundKey {
  /** The checked `algorithms` option. */
  readonly algorithms: readonly JwsAlgorithm[] | undefined;
  readonly resolver: KeyResolver | undefined;
  readonly fixedKeys: readonly JwtKey[] | undefined;
  /**
   * For fixed keys: by algorithm, the indexes of the keys that may verify it, in order; decided at
   * the first token of each algorithm, so that later tokens look them up instead of checking again.
   */
  readonly candidates: Map<JwsAlgorithm, readonly number[]> | undefined;
  readonly isList: boolean;
  /** The claim options, compiled; and the key set's own issuer binding, when it has one (RFC 8725 §3.8). */
  readonly checkClaims: ClaimCheck;
  readonly checkIssuer: ClaimCheck | undefined;
}

/** Every option of verify(), so that a misspelt one (`audiance`) is a TypeError, never a check skipped. */
export const VERIFY_OPTIONS: OptionNames<VerifyOptions> = {
  algorithms: true,
  currentDate: true,
  maxTokenLength: true,
  allowWeakKeys: true,
  validate: true,
  isRevoked: true,
  issuer: true,
  audience: true,
  subject: true,
  typ: true,
  clockTolerance: true,
  maxAge: true,
  requiredClaims: true,
};

/**
 * Checks the options' names and types and imports the key; a misconfiguration fails here, before
 * any token. `where` names the caller in messages.
 */
export function bindKey(key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver, options: VerifyOptions, where = 'verify()'): BoundKey {
  checkOptions(options, VERIFY_OPTIONS, where);
  const algorithms = allowlist(options.algorithms);
  maxLength(options.maxTokenLength);
  if (options.currentDate !== undefined) numericDate(options.currentDate);
  assertBoolean(options.allowWeakKeys, 'allowWeakKeys');
  assertValidators(options.validate);
  if (options.isRevoked !== undefined && typeof options.isRevoked !== 'function') throw new TypeError('isRevoked must be a function');
  if ((key as unknown) === undefined || (key as unknown) === null) throw new TypeError(`${where} needs a key`);
  const set = isJwkSet(key) ? key : jwkSetText(key);
  const resolver: KeyResolver | undefined =
    set !== undefined ? createLocalJWKSet(set as JwkSet) : typeof key === 'function' ? key : undefined;
  const fixedKeys = resolver === undefined ? importKeys(key as KeyInput | readonly KeyInput[]) : undefined;
  // RFC 8725 §3.1: every listed algorithm must fit the key.
  if (fixedKeys !== undefined && algorithms !== undefined) {
    for (const alg of algorithms) {
      if (fixedKeys.length === 1) assertKeyAllows(fixedKeys[0] as JwtKey, alg);
      else if (!fixedKeys.some((k) => keyAllows(k, alg))) throw new KeyError(`${alg} is listed in algorithms but fits none of the keys`);
    }
  }
  const candidates = fixedKeys === undefined ? undefined : new Map<JwsAlgorithm, readonly number[]>();
  const checkClaims = compileClaimChecks(options);
  const checkIssuer = resolver?.issuer === undefined ? undefined : compileClaimChecks({ issuer: resolver.issuer });
  return { algorithms, resolver, fixedKeys, candidates, isList: Array.isArray(key), checkClaims, checkIssuer };
}

/**
 * Whether `key` may verify a token signed with `alg`: the caller's allowlist (or, without one, the
 * algorithm the key pins or its family's default) lists it, and it fits the key (RFC 8725 §3.1).
 */
function mayVerify(key: JwtKey, alg: JwsAlgorithm, algorithms: readonly JwsAlgorithm[] | undefined): boolean {
  return (algorithms ?? defaultAlgorithms(key)).includes(alg) && keyAllows(key, alg);
}

const NONE: readonly number[] = [];
const FIRST: readonly number[] = [0];

/**
 * @throws KeyError when a fixed key is too weak for an algorithm it would verify (checked when a
 * verifier is created, so that a short secret fails at startup rather than on every request).
 */
export function assertBoundStrength(bound: BoundKey, allowWeakKeys: boolean): void {
  for (const key of bound.fixedKeys ?? []) {
    for (const alg of bound.algorithms ?? defaultAlgorithms(key)) if (keyAllows(key, alg)) assertStrength(key, alg, allowWeakKeys);
  }
}

/**
 * verify() with a bound key. `verified` remembers tokens that passed (the key's index and the
 * payload's text), so a cache can skip decoding and the signature step; everything after it runs
 * every time. One async frame, kept small (it is allocated per call, with room for its locals): each
 * await is conditional, so on node:crypto with fixed keys used before nothing waits, and on WebCrypto
 * the claims are read in the turn the signature's answer arrives (each turn costs time on some
 * runtimes, Bun's WebCrypto among them).
 */
export async function verifyBound<T extends object>(
  token: string,
  bound: BoundKey,
  options: VerifyOptions,
  verified?: VerifiedTokens,
): Promise<VerifyResult<T>> {
  const now = numericDate(options.currentDate);
  const remembered = verified?.get(token);
  // A token this verifier checked before: its signature is not checked again, nor its segments
  // decoded; the claims are read afresh from its payload's text, and every check after the
  // signature runs again.
  const header = remembered === undefined ? undefined : headerOf(token.slice(0, token.indexOf('.')));
  if (remembered !== undefined && header !== undefined)
    return accept<T>(header, remembered.payload, remembered.keyIndex, bound, options, now, undefined);
  const jws = parseCompact(token, maxLength(options.maxTokenLength));
  const alg = allowedAlgorithm(jws.header.alg, bound.algorithms);
  const keys = bound.fixedKeys ?? [importKey(await (bound.resolver as KeyResolver)(jws.header))];
  const candidates = candidatesFor(keys, alg, bound);
  // The signature step: the keys that may verify `alg`, in order, each prepared (checked) once.
  for (let i = 0; i < candidates.length; i++) {
    const index = candidates[i] as number;
    let valid: boolean;
    try {
      const answer = verifySignature(
        prepareKey(keys[index] as JwtKey, alg, 'verify', options.allowWeakKeys === true),
        jws.signingInput,
        jws.signature,
      );
      valid = answer instanceof Promise ? await answer : answer;
    } catch (cause) {
      throw signatureFailure(cause);
    }
    if (valid)
      return accept<T>(
        jws.header,
        payloadText(jws.payload),
        index,
        bound,
        options,
        now,
        verified === undefined ? undefined : { verified, token },
      );
  }
  throw new JwtSignatureError();
}

/** The indexes of `keys` that may verify `alg`. @throws JwtAlgorithmError when none may. */
function candidatesFor(keys: readonly JwtKey[], alg: JwsAlgorithm, bound: BoundKey): readonly number[] {
  let candidates = bound.candidates?.get(alg);
  if (candidates === undefined) {
    candidates =
      keys.length === 1
        ? mayVerify(keys[0] as JwtKey, alg, bound.algorithms)
          ? FIRST
          : NONE
        : keys.flatMap((key, index) => (mayVerify(key, alg, bound.algorithms) ? [index] : []));
    bound.candidates?.set(alg, candidates);
  }
  if (candidates.length === 0) throw new JwtAlgorithmError(`${alg} is not the key's algorithm`);
  return candidates;
}

/**
 * Everything after the signature verified (signature first, claims second: nothing of the payload
 * was read before): the claims, then the caller's validators and revocation hook. `remember` is the
 * verifier's cache that keeps the token once all of this passed; undefined for a token it held.
 */
function accept<T extends object>(
  header: JwtHeader,
  text: string,
  keyIndex: number,
  bound: BoundKey,
  options: VerifyOptions,
  now: number,
  remember: Remember | undefined,
): VerifyResult<T> | Promise<VerifyResult<T>> {
  const payload = parsePayloadText(text);
  assertRegisteredClaims(payload);
  bound.checkClaims(header, payload, now);
  bound.checkIssuer?.(header, payload, now);
  if (options.validate === undefined && options.isRevoked === undefined)
    return accepted<T>(header, payload, text, keyIndex, bound, remember);
  return runHooks(options, header, payload).then(() => accepted<T>(header, payload, text, keyIndex, bound, remember));
}

/** A token just verified, for the verifier's cache to keep. */
interface Remember {
  readonly verified: VerifiedTokens;
  readonly token: string;
}

/** verify()'s answer, once everything passed; the token is remembered by the verifier's cache, if it has one. */
function accepted<T extends object>(
  header: JwtHeader,
  payload: JwtPayload,
  text: string,
  keyIndex: number,
  bound: BoundKey,
  remember: Remember | undefined,
): VerifyResult<T> {
  remember?.verified.set(remember.token, { keyIndex, payload: text }, payload.exp);
  const result: VerifyResult<T> = { header, payload: payload as T & JwtPayload };
  if (bound.isList) result.keyIndex = keyIndex;
  return result;
}

export async function runHooks(
  options: Pick<VerifyOptions, 'validate' | 'isRevoked'>,
  header: JwtHeader,
  payload: JwtPayload,
): Promise<void> {
  if (options.validate !== undefined) await runValidators(options.validate, header, payload);
  if (options.isRevoked !== undefined) {
    const revoked: unknown = await options.isRevoked(payload, header);
    if (typeof revoked !== 'boolean') throw new TypeError('isRevoked must return a boolean');
    if (revoked) throw new JwtRevokedError();
  }
}

/** What a verifier remembers of a token that passed: the key that verified it, and its payload's text. */
export interface VerifiedToken {
  readonly keyIndex: number;
  readonly payload: string;
}

/** Tokens whose verification passed, by their exact text. */
export interface VerifiedTokens {
  get(token: string): VerifiedToken | undefined;
  set(token: string, entry: VerifiedToken, exp: number | undefined): void;
}

/**
 * The token's "alg", if it names a supported algorithm (exact, case-sensitive, RFC 7515 §4.1.1;
 * "none" is not in the table, so never accepted) that the allowlist, when given, lists.
 */
function allowedAlgorithm(alg: string, algorithms: readonly JwsAlgorithm[] | undefined): JwsAlgorithm {
  if (!isAlgorithm(alg)) throw new JwtAlgorithmError('the token\'s "alg" is not a supported signature algorithm');
  if (algorithms !== undefined && !algorithms.includes(alg)) throw new JwtAlgorithmError(`${alg} is not in the accepted algorithms`);
  return alg;
}

/** One key, or a non-empty list of keys tried in turn (rotation without kid). */
function importKeys(key: KeyInput | readonly KeyInput[]): readonly JwtKey[] {
  if (!Array.isArray(key)) return [importKey(key as KeyInput)];
  if (key.length === 0) throw new TypeError('verify() needs at least one key');
  return (key as readonly KeyInput[]).map((k) => importKey(k));
}

/** Runs the caller's validators; anything but `true` fails, with the reason they gave. */
/** @throws TypeError unless `validate` is absent, a function, or an object of functions. */
export function assertValidators(validate: unknown): void {
  if (validate === undefined || typeof validate === 'function') return;
  if (typeof validate !== 'object' || validate === null || Array.isArray(validate)) {
    throw new TypeError('validate must be a function or an object of functions');
  }
  for (const [claim, check] of Object.entries(validate)) {
    if (typeof check !== 'function') throw new TypeError(`validate.${claim} must be a function`);
  }
}

async function runValidators(validate: NonNullable<VerifyOptions['validate']>, header: JwtHeader, payload: JwtPayload): Promise<void> {
  const fail = (claim: string, outcome: unknown): void => {
    if (outcome === true) return;
    const reason = typeof outcome === 'string' ? outcome : 'rejected';
    throw new JwtClaimError(claim, reason, `"${claim}" was refused by a custom validator`);
  };
  if (typeof validate === 'function') {
    fail('payload', await validate(payload, header));
    return;
  }
  for (const [claim, check] of Object.entries(validate)) {
    fail(claim, await check(Object.hasOwn(payload, claim) ? payload[claim] : undefined, payload));
  }
}
