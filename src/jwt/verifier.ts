/**
 * Bound verifiers and signers: keys and options checked and imported once, then one function per
 * token. A verifier can remember tokens whose signature verified, to skip that step next time.
 */
import type { JwtPayload } from '../types.js';
import { assertStrength, defaultAlgorithm, importKey, type KeyInput } from '../keys/key.js';
import type { JwkSet } from '../keys/keyset.js';
import { buildHeader, checkSignOptions, sign, type SignOptions } from './sign.js';
import { rejected } from '../lib/errors.js';
import { Lru } from '../lib/lru.js';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { durationSeconds, numericDate } from '../lib/time.js';
import {
  assertBoundStrength,
  bindKey,
  verifyBound,
  VERIFY_OPTIONS,
  type KeyResolver,
  type VerifiedToken,
  type VerifiedTokens,
  type VerifyOptions,
  type VerifyResult,
} from './verify.js';

export interface TokenCacheOptions {
  /** Most tokens remembered; the least recently used is dropped first. Default 1000. */
  maxEntries?: number;
  /** Longest a token is remembered, in seconds or a duration; never past its exp. Default '10m'. */
  ttl?: number | string;
}

export interface VerifierOptions extends VerifyOptions {
  /**
   * Remember tokens whose signature verified (by their exact text), so the next verification of the
   * same token skips the signature check. Claims, validators and isRevoked still run every time.
   */
  cache?: boolean | TokenCacheOptions;
}

const VERIFIER_OPTIONS = { ...VERIFY_OPTIONS, cache: true } as const satisfies OptionNames<VerifierOptions>;
const CACHE_OPTIONS = { maxEntries: true, ttl: true } as const satisfies OptionNames<TokenCacheOptions>;
const CALL_OPTIONS = { currentDate: true } as const;

/** Remembers verified tokens by their whole text, so two different tokens never share an entry. */
function tokenCache(options: TokenCacheOptions): VerifiedTokens {
  const { maxEntries = 1000, ttl = '10m' } = checkOptions(options, CACHE_OPTIONS, 'createVerifier(): cache');
  positiveInteger(maxEntries, 'cache.maxEntries');
  const lifetime = durationSeconds(ttl, 'cache.ttl') * 1000;
  // Each entry is kept until the earlier of its ttl and its token's exp, and dropped when read after.
  const entries = new Lru<string, { verified: VerifiedToken; until: number }>(maxEntries);
  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (Date.now() < entry.until) return entry.verified;
      entries.delete(token);
      return undefined;
    },
    set(token, verified, exp) {
      const until = Math.min(Date.now() + lifetime, exp === undefined ? Number.POSITIVE_INFINITY : exp * 1000);
      entries.set(token, { verified, until });
    },
  };
}

/**
 * A verify function with the key and options bound once: keys are imported at creation, and a
 * misconfiguration throws here rather than on the first request.
 * @example
 * const verifyAccessToken = createVerifier(publicPem, { issuer: 'https://auth.example', audience: 'api', cache: true });
 * const { payload } = await verifyAccessToken(token);
 */
export function createVerifier<T extends object = JwtPayload>(
  key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver,
  options: VerifierOptions = {},
): (token: string, call?: { currentDate?: Date }) => Promise<VerifyResult<T>> {
  const { cache, ...verifyOptions } = checkOptions(options, VERIFIER_OPTIONS, 'createVerifier()');
  const bound = bindKey(key, verifyOptions, 'createVerifier()');
  assertBoundStrength(bound, verifyOptions.allowWeakKeys === true);
  if (cache !== undefined && typeof cache !== 'boolean' && (typeof cache !== 'object' || (cache as unknown) === null)) {
    throw new TypeError('cache must be a boolean or an object { maxEntries, ttl }');
  }
  const verified = cache === undefined || cache === false ? undefined : tokenCache(cache === true ? {} : cache);
  return (token, call) => {
    if (call === undefined) return verifyBound<T>(token, bound, verifyOptions, verified);
    try {
      const { currentDate } = checkOptions(call, CALL_OPTIONS, 'the verifier');
      if (currentDate !== undefined) numericDate(currentDate);
      return verifyBound<T>(token, bound, currentDate === undefined ? verifyOptions : { ...verifyOptions, currentDate }, verified);
    } catch (error) {
      return rejected(error);
    }
  };
}

/**
 * A sign function with the key and options bound once; per-call options are merged over them.
 * @example
 * const signAccessToken = createSigner(privatePem, { issuer: 'https://auth.example', expiresIn: '15m' });
 * const token = await signAccessToken({ sub: 'user-1' });
 */
export function createSigner(key: KeyInput, options: SignOptions = {}): (payload: JwtPayload, call?: SignOptions) => Promise<string> {
  checkSignOptions(options, 'createSigner()');
  const allowWeakKeys = options.allowWeakKeys === true;
  const jwtKey = importKey(key, options.alg, { allowWeakKeys });
  const alg = options.alg ?? defaultAlgorithm(jwtKey);
  assertStrength(jwtKey, alg, allowWeakKeys);
  if (options.header !== undefined) buildHeader(alg, options.header);
  const bound = { ...options };
  return (payload, call) => sign(payload, jwtKey, call === undefined ? bound : { ...bound, ...call });
}
