/**
 * Access and refresh tokens for an application that logs its own users in. Access tokens are short
 * and verified without state; refresh tokens are long and rotate on every use, with reuse detection
 * (RFC 9700 §4.14.2) and revocation kept in a SessionStore.
 *
 * A session is one refresh-token family: every pair that refresh() makes from a login's tokens
 * carries the login's `sid` (the "Session ID" claim of the IANA JWT registry, from OpenID Connect),
 * so revoking the session revokes the whole family at once.
 */
// Keys, tokens and errors come from the package itself, 'webjwt', so a JwtKey or JwtError is the
// application's own. The other imports are pure functions, copied into this entry's bundle.
import { encodeBase64url } from '../lib/base64url.js';
import { randomBytes } from '../crypto/webcrypto.js';
import {
  createSigner,
  createVerifier,
  importKey,
  JwtRevokedError,
  KeyError,
  type JwsAlgorithm,
  type JwtKey,
  type JwtPayload,
  type KeyInput,
  type SignOptions,
  type VerifierOptions,
  type VerifyResult,
} from 'webjwt';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { durationSeconds } from '../lib/time.js';
import { assertDerivable, deriveRefreshKey, REFRESH_ALG } from './refresh-key.js';
import { assertStore, boundStore, clock, memoryStore, type SessionStore } from './store.js';

/** The two halves of an asymmetric key, as `generateKeyPair()` returns them. */
export interface SessionKeyPair {
  privateKey: KeyInput;
  publicKey: KeyInput;
}

export interface SessionOptions {
  /**
   * Signs and verifies access tokens: an HMAC secret (at least 32 bytes for HS256; see
   * `generateSecret()`), or `{ privateKey, publicKey }` for an asymmetric algorithm. There is no default.
   * Refresh tokens are signed HS256 with a key derived from it (HKDF-SHA-256 of the secret, or of the
   * private key's secret material), so that nothing verifying access tokens with this key accepts
   * them; a CryptoKey must therefore be extractable.
   */
  key: KeyInput | SessionKeyPair;
  /** The one algorithm access tokens are signed with. Default: the key's (a secret: HS256, RSA: RS256, EC: its curve's, Ed25519: EdDSA). */
  alg?: JwsAlgorithm;
  /** `iss` of every token, required when verifying. Recommended. */
  issuer?: string;
  /** `aud` of access tokens, required when verifying them. Recommended (RFC 8725 §3.9). */
  audience?: string | readonly string[];
  /** Access token lifetime, in seconds or a duration. Default '15m'. */
  accessTtl?: number | string;
  /** Refresh token lifetime, in seconds or a duration; each rotation starts a new one. Default '7d'. */
  refreshTtl?: number | string;
  /** Where spent refresh tokens and revocations are kept. Default: `memoryStore()`, for one process. */
  store?: SessionStore;
  /**
   * How long one store call may take, in seconds or a duration. A call that fails or takes longer
   * fails its operation with `SessionStoreError` (ERR_SESSION_STORE): nothing is accepted and nothing
   * hangs. refresh() makes at most three calls one after another (the revocation reads, the spend,
   * and for a reused token the session's revocation; with `reuseGrace`, two reads more for a spent
   * token), every other method one. Default '2s'.
   */
  storeTimeout?: number | string;
  /**
   * A window, in seconds or a duration, within which the refresh token spent last may be presented
   * once more without counting as reuse: for a client whose refresh response was lost (a dropped
   * connection, a killed tab). The answer is the same pair that was lost: the same refresh token and
   * an access token with the same claims. Counted from the first spend, never extended; only the
   * immediately previous token of a session (one whose successor is still unspent). At most '1m',
   * and shorter than `accessTtl`. Default: off, every reuse revokes the session.
   */
  reuseGrace?: number | string;
  /** The clock, for tests. Default: the system clock. */
  now?: () => Date;
}

/** Who the tokens are for: `sub`, and any claims to copy into every access token of the session. */
export interface SessionUser {
  sub: string;
  [claim: string]: unknown;
}

/** What `issueTokens()` and `refresh()` return; the names follow OAuth's token response (RFC 6749 §5.1). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Access token lifetime, in seconds. */
  expiresIn: number;
  /** Refresh token lifetime, in seconds (for a cookie's Max-Age, say). */
  refreshExpiresIn: number;
  /** The session (refresh-token family) the pair belongs to: the tokens' `sid`. */
  sessionId: string;
}

/** The claims every access token carries, besides the user's own. */
export interface AccessTokenClaims extends JwtPayload {
  sub: string;
  jti: string;
  sid: string;
  iat: number;
  exp: number;
}

export interface VerifyAccessOptions {
  /** Also refuse tokens revoked through the store (one read per token and session). Default false: stateless. */
  checkRevoked?: boolean;
}

export interface RevokeOptions {
  /** The token's `exp`: the revocation is kept until then. Default: as long as any token of these sessions can live. */
  exp?: number;
}

export interface Sessions {
  /**
   * Starts a session: a new access token and a new refresh token, in a new family.
   * @throws TypeError unless `user.sub` is a non-empty string, or when `user` sets a claim the session sets.
   */
  issueTokens(user: SessionUser): Promise<TokenPair>;
  /**
   * Spends a refresh token for a new pair in the same session. A refresh token that was already
   * spent revokes its whole session: someone holds a copy (RFC 9700 §4.14.2). With `reuseGrace`, the
   * token spent last in its session, presented again within the grace, is answered with the pair it
   * was exchanged for (the same refresh token), not a revocation.
   * @throws JwtError: ERR_JWT_REVOKED (reused, or revoked), ERR_JWT_EXPIRED, ERR_JWT_SIGNATURE or ERR_JWT_ALGORITHM
   *   (not signed with the refresh-token key: an access token, say), ERR_JWT_CLAIM, …;
   *   ERR_SESSION_STORE when the store failed or timed out. The token may or may not have been spent
   *   then: a retry with it succeeds if the spend never landed, and counts as reuse if it did.
   */
  refresh(refreshToken: string): Promise<TokenPair>;
  /**
   * Verifies an access token: signature, `typ` at+jwt, `iss`, `aud`, expiry; with `checkRevoked`, also
   * the store's revocations of its `jti` and its session.
   * @throws JwtError: ERR_JWT_EXPIRED, ERR_JWT_SIGNATURE or ERR_JWT_ALGORITHM (not signed with `key`: a refresh
   *   token, say), ERR_JWT_CLAIM (not an access token), ERR_JWT_REVOKED, …; with `checkRevoked`,
   *   ERR_SESSION_STORE when the store failed or timed out.
   */
  verifyAccess<T extends object = JwtPayload>(token: string, options?: VerifyAccessOptions): Promise<VerifyResult<T & AccessTokenClaims>>;
  /**
   * Revokes one token, access or refresh, by its `jti`. Resolves once the store has it.
   * @throws JwtError ERR_SESSION_STORE when the store failed or timed out: retry, the write is idempotent.
   */
  revoke(jti: string, options?: RevokeOptions): Promise<void>;
  /**
   * Revokes every token of a session (its `sid`, or `sessionId` of a TokenPair). Resolves once the store has it.
   * @throws JwtError ERR_SESSION_STORE when the store failed or timed out: retry, the write is idempotent.
   */
  revokeSession(sessionId: string): Promise<void>;
  /**
   * Logs out: verifies the refresh token and revokes its session. Already revoked is fine.
   * @throws JwtError for a token that is not a valid refresh token of these sessions; ERR_SESSION_STORE
   *   when the store failed or timed out.
   */
  logout(refreshToken: string): Promise<void>;
  /**
   * The revocation check of `verifyAccess(token, { checkRevoked: true })`, for a verified payload: true
   * when its `jti` or its session was revoked, and for a payload that has no `jti` and `sid` of these
   * sessions. Pass it as `isRevoked` to `verify()`, `createVerifier()`
   * or webjwt/http's `createBearerAuth()`, so that their verification reads the same store.
   * Rejects with ERR_SESSION_STORE when the store failed or timed out (webjwt/http answers 503).
   */
  readonly isRevoked: (payload: JwtPayload) => Promise<boolean>;
}

/** Every option, so that a misspelt one (`audiance`) is a TypeError rather than a check silently skipped. */
const SESSION_OPTIONS = {
  key: true,
  alg: true,
  issuer: true,
  audience: true,
  accessTtl: true,
  refreshTtl: true,
  store: true,
  storeTimeout: true,
  reuseGrace: true,
  now: true,
} as const satisfies OptionNames<SessionOptions>;
const VERIFY_ACCESS_OPTIONS = { checkRevoked: true } as const satisfies OptionNames<VerifyAccessOptions>;
const REVOKE_OPTIONS = { exp: true } as const satisfies OptionNames<RevokeOptions>;

/** RFC 9068 §2.1: the media type of a JWT access token. */
const ACCESS_TYP = 'at+jwt';
/**
 * RFC 8725 §3.11–3.12: a type of its own. The refresh tokens' own key (./refresh-key.ts) is what keeps
 * them from passing for access tokens anywhere; the type keeps the kinds apart within the session too.
 */
const REFRESH_TYP = 'refresh+jwt';
/**
 * Seconds each store entry outlives its token: servers' clocks differ, and an entry must not expire
 * on one while the token is still accepted by another.
 */
const CLOCK_MARGIN = 60;
/** The longest reuse grace: a lost response is retried within seconds, and a longer window is a longer blind spot. */
const MAX_REUSE_GRACE = 60;
/** Longest `jti` or session id accepted by revoke() and revokeSession(); ours are 22 characters. */
const MAX_ID_LENGTH = 256;
/** Claims the session sets; a user object that carries one is refused rather than overwritten. */
const RESERVED_CLAIMS = ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sid'];

/** Store keys: a spent refresh token, a revoked token, a revoked session. */
const spentKey = (jti: string): string => `spent:${jti}`;
const revokedTokenKey = (jti: string): string => `jti:${jti}`;
const revokedSessionKey = (sid: string): string => `sid:${sid}`;

interface RefreshClaims extends JwtPayload {
  jti: string;
  sid: string;
  exp: number;
  /**
   * The user, nested: a refresh token has no top-level `sub`, so a verifier that forgets to check
   * `typ` still finds no subject in it (RFC 8725 §3.12, mutually exclusive rules).
   */
  usr: SessionUser;
}

/**
 * What the spend of a refresh token records, with a reuse grace: when it was spent and the ids of
 * the pair it was exchanged for, so that a replay within the grace re-issues that same pair (the
 * refresh token byte for byte: HS256 is deterministic) rather than a second, independent one.
 * Written in the same atomic `setIfAbsent` that spends the token, so every server reads one record.
 */
interface Spend {
  sid: string;
  /** Milliseconds since the epoch of the first spend; the grace runs from here. */
  at: number;
  /** The `jti` of the refresh token and of the access token issued for it. */
  refresh: string;
  access: string;
}

/** A stored spend record, or undefined for anything else (a spend written without a grace, a foreign value). */
function parseSpend(text: string | null | undefined): Spend | undefined {
  try {
    const value: unknown = JSON.parse(text ?? 'null');
    if (!isPlainObject(value)) return undefined;
    const { sid, at, refresh, access } = value;
    return isId(sid) && typeof at === 'number' && Number.isSafeInteger(at) && isId(refresh) && isId(access)
      ? { sid, at, refresh, access }
      : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** 128 random bits, base64url: a `jti` or `sid` nobody can guess. */
function newId(): string {
  return encodeBase64url(randomBytes(16));
}

function lifetime(value: unknown, name: string): number {
  const seconds = durationSeconds(value, name);
  if (seconds <= 0) throw new TypeError(`${name} must be longer than zero`);
  return seconds;
}

/** Why `user` cannot be a session's user, or undefined when it can. */
function userProblem(user: unknown): string | undefined {
  if (!isPlainObject(user)) return 'issueTokens() needs a plain user object such as { sub: "user-1" }';
  if (typeof user.sub !== 'string' || user.sub === '') return 'user.sub must be a non-empty string';
  const reserved = RESERVED_CLAIMS.find((claim) => Object.hasOwn(user, claim));
  return reserved === undefined ? undefined : `user.${reserved} is set by the session; remove it from the user object`;
}

function isKeyPair(key: unknown): key is SessionKeyPair {
  return isPlainObject(key) && Object.hasOwn(key, 'privateKey') && Object.hasOwn(key, 'publicKey');
}

/**
 * The signing and verifying keys of access tokens, pinned to `alg` when given; otherwise both use
 * their type's default algorithm (RFC 8725 §3.1: one algorithm per key either way), which is the same
 * for two halves of a pair. Strength is checked when the signer and verifiers are created. The
 * signing key must be readable: the refresh tokens' key is derived from it.
 */
function sessionKeys(key: unknown, alg: JwsAlgorithm | undefined): { signing: JwtKey; verifying: JwtKey } {
  if (key === undefined || key === null) {
    throw new TypeError("createSessions() needs a key, and has no default; make a secret with generateSecret('HS256')");
  }
  if (isKeyPair(key)) {
    const signing = importKey(key.privateKey, alg);
    const verifying = importKey(key.publicKey, alg);
    if (signing.type !== 'private') throw new TypeError('key.privateKey must be a private key');
    if (verifying.type !== 'public') throw new TypeError('key.publicKey must be a public key');
    if (signing.kty !== verifying.kty || signing.crv !== verifying.crv) {
      throw new KeyError('key.privateKey and key.publicKey are not two halves of one kind of key');
    }
    assertDerivable(key.privateKey, 'key.privateKey');
    return { signing, verifying };
  }
  const secret = importKey(key as KeyInput, alg);
  if (secret.type !== 'secret') {
    throw new TypeError('an asymmetric key needs both halves to sign and verify: pass key: { privateKey, publicKey }');
  }
  assertDerivable(key, 'key');
  return { signing: secret, verifying: secret };
}

function audienceOption(value: unknown): string | readonly string[] | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((a) => typeof a === 'string')) return value;
  throw new TypeError('audience must be a string or a non-empty array of strings');
}

/**
 * Access and refresh tokens with rotation, reuse detection and revocation. Keys and options are
 * checked here, so a misconfiguration fails at startup.
 * @throws TypeError for a missing key or invalid options; KeyError (ERR_KEY) for a weak or unfitting key.
 * @example
 * const sessions = createSessions({ key: secret, issuer: 'https://auth.example.com', audience: 'api' });
 * const { accessToken, refreshToken } = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
 */
export function createSessions(options: SessionOptions): Sessions {
  if ((options as unknown) === undefined) throw new TypeError('createSessions() needs an options object with a key');
  checkOptions(options, SESSION_OPTIONS, 'createSessions()');
  const { alg } = options;
  const { signing, verifying } = sessionKeys(options.key, alg);
  const { issuer } = options;
  if (issuer !== undefined && (typeof issuer !== 'string' || issuer === '')) throw new TypeError('issuer must be a non-empty string');
  const audience = audienceOption(options.audience);
  const accessTtl = lifetime(options.accessTtl ?? '15m', 'accessTtl');
  const refreshTtl = lifetime(options.refreshTtl ?? '7d', 'refreshTtl');
  const now = clock(options.now, 'now');
  // Only a missing store means the default: `store: null` is a mistake, not a request for memory.
  const given = options.store === undefined ? memoryStore({ now }) : options.store;
  assertStore(given);
  // Every store call below goes through the bound: a stalled store fails closed instead of hanging.
  const store = boundStore(given, durationSeconds(options.storeTimeout ?? '2s', 'storeTimeout'), 'storeTimeout');
  const reuseGrace = durationSeconds(options.reuseGrace ?? 0, 'reuseGrace');
  if (reuseGrace > MAX_REUSE_GRACE)
    throw new TypeError(`reuseGrace must be at most ${MAX_REUSE_GRACE} seconds: it is a window for retrying a lost response`);
  if (reuseGrace > 0 && reuseGrace >= accessTtl)
    throw new TypeError('reuseGrace must be shorter than accessTtl, or a replay would answer an expired access token');
  /** Seconds a session revocation is kept: no token of the session outlives it. */
  const longest = Math.ceil(Math.max(accessTtl, refreshTtl)) + CLOCK_MARGIN;

  const withIssuer = issuer === undefined ? {} : { issuer };
  const signer = createSigner(signing, { ...(alg === undefined ? {} : { alg }), ...withIssuer });
  /** Seconds until `exp`, plus the margin, within (0, longest]. */
  const ttlUntil = (exp: number): number => Math.min(longest, Math.max(1, Math.ceil(exp - now().getTime() / 1000) + CLOCK_MARGIN));

  /**
   * A new pair in session `sid`; for a refresh with a grace, the pair its spend record names: issued at
   * the spend's second with its ids, so that issuing it again gives the same tokens.
   */
  async function issuePair(user: SessionUser, sid: string, spend?: Spend): Promise<TokenPair> {
    const { sub, ...claims } = user;
    const issuedAt = spend === undefined ? now() : new Date(Math.floor(spend.at / 1000) * 1000);
    const base: SignOptions = { currentDate: issuedAt };
    const { signRefresh } = await refreshTools;
    const [accessToken, refreshToken] = await Promise.all([
      signer(
        { ...claims, sid },
        {
          ...base,
          ...(audience === undefined ? {} : { audience }),
          subject: sub,
          jwtId: spend?.access ?? newId(),
          expiresIn: accessTtl,
          header: { typ: ACCESS_TYP },
        },
      ),
      signRefresh({ sid, usr: user }, { ...base, jwtId: spend?.refresh ?? newId(), expiresIn: refreshTtl, header: { typ: REFRESH_TYP } }),
    ]);
    // A replay answers what is left of the lifetimes (whole seconds, never more than is left).
    const elapsed = (now().getTime() - issuedAt.getTime()) / 1000;
    const left = (ttl: number): number => (elapsed < 1 ? ttl : Math.max(1, Math.floor(ttl - elapsed)));
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: left(accessTtl),
      refreshExpiresIn: left(refreshTtl),
      sessionId: sid,
    };
  }

  /**
   * The pair to answer a spent refresh token with, when it is a retry within the grace; undefined when
   * it is reuse. A retry is the token spent last in its session: its spend is at most `reuseGrace` old
   * (from the record every server reads, so the window never moves), and the token it was exchanged
   * for is still unspent (an older generation is reuse, whatever the time).
   */
  async function graceReplay(payload: RefreshClaims): Promise<TokenPair | undefined> {
    const spend = parseSpend(await store.get(spentKey(payload.jti)));
    if (spend?.sid !== payload.sid || now().getTime() >= spend.at + reuseGrace * 1000) return undefined;
    const successor = await store.get(spentKey(spend.refresh));
    if (successor !== undefined && successor !== null) return undefined;
    return issuePair(payload.usr, payload.sid, spend);
  }

  /** Fails closed: a payload without this module's `jti` and `sid` is no token of these sessions. */
  async function isRevoked(payload: JwtPayload): Promise<boolean> {
    if (!isPlainObject(payload) || !isId(payload.jti) || !isId(payload.sid)) return true;
    const entries = await Promise.all([store.get(revokedTokenKey(payload.jti)), store.get(revokedSessionKey(payload.sid))]);
    return entries.some((entry) => entry !== undefined && entry !== null);
  }

  /** One bound verifier per kind of token, with and without the revocation check. */
  const verifier = <T extends object>(
    key: JwtKey,
    algorithm: JwsAlgorithm | undefined,
    typ: string,
    checkRevoked: boolean,
    options: VerifierOptions,
  ) =>
    createVerifier<T>(key, {
      ...options,
      typ,
      ...(algorithm === undefined ? {} : { algorithms: [algorithm] }),
      ...withIssuer,
      ...(checkRevoked ? { isRevoked } : {}),
    });
  const refreshOptions: VerifierOptions = {
    requiredClaims: ['jti', 'sid', 'exp', 'usr'],
    validate: { sid: isId, usr: (usr) => userProblem(usr) === undefined },
  };
  const accessOptions: VerifierOptions = {
    ...(audience === undefined ? {} : { audience }),
    requiredClaims: ['sub', 'jti', 'sid', 'iat', 'exp'],
    validate: { sid: isId },
  };
  const verifyAccessToken = {
    checked: verifier<AccessTokenClaims>(verifying, alg, ACCESS_TYP, true, accessOptions),
    unchecked: verifier<AccessTokenClaims>(verifying, alg, ACCESS_TYP, false, accessOptions),
  };
  /**
   * Refresh tokens are signed and verified with their own key, derived from `key` (./refresh-key.ts),
   * so that no verifier of access tokens accepts them. WebCrypto derives asynchronously: the
   * derivation starts now, and the first call that issues or takes a refresh token waits for it.
   */
  const refreshTools = deriveRefreshKey(signing).then((refreshKey) => ({
    signRefresh: createSigner(refreshKey, { alg: REFRESH_ALG, ...withIssuer }),
    checked: verifier<RefreshClaims>(refreshKey, REFRESH_ALG, REFRESH_TYP, true, refreshOptions),
    unchecked: verifier<RefreshClaims>(refreshKey, REFRESH_ALG, REFRESH_TYP, false, refreshOptions),
  }));
  // A failure is reported to every call that needs the key, not as an unhandled rejection at startup.
  void refreshTools.catch(() => undefined);

  async function verifyRefreshToken(token: string, checkRevoked: boolean): Promise<VerifyResult<RefreshClaims>> {
    const tools = await refreshTools;
    return (checkRevoked ? tools.checked : tools.unchecked)(token, { currentDate: now() });
  }

  function assertId(value: unknown, name: string): asserts value is string {
    if (!isId(value)) throw new TypeError(`${name} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }

  async function revokeSession(sessionId: string, reason = 'revoked'): Promise<void> {
    assertId(sessionId, 'sessionId');
    await store.set(revokedSessionKey(sessionId), reason, longest);
  }

  return {
    async issueTokens(user) {
      const problem = userProblem(user);
      if (problem !== undefined) throw new TypeError(problem);
      return issuePair(user, newId());
    },

    async refresh(refreshToken) {
      const { payload } = await verifyRefreshToken(refreshToken, true);
      // With a grace, the spend records the pair it is exchanged for (see graceReplay).
      const spend: Spend | undefined =
        reuseGrace > 0 ? { sid: payload.sid, at: now().getTime(), refresh: newId(), access: newId() } : undefined;
      // Atomic: of two requests with the same token, exactly one spends it.
      if (
        await store.setIfAbsent(spentKey(payload.jti), spend === undefined ? payload.sid : JSON.stringify(spend), ttlUntil(payload.exp))
      ) {
        return issuePair(payload.usr, payload.sid, spend);
      }
      const replay = reuseGrace > 0 ? await graceReplay(payload) : undefined;
      if (replay !== undefined) return replay;
      await revokeSession(payload.sid, 'reuse');
      throw new JwtRevokedError('this refresh token was already used, so its session has been revoked');
    },

    async verifyAccess<T extends object = JwtPayload>(token: string, call?: VerifyAccessOptions) {
      const { checkRevoked = false } = checkOptions(call, VERIFY_ACCESS_OPTIONS, 'sessions.verifyAccess()');
      assertBoolean(checkRevoked, 'checkRevoked');
      const result = await (checkRevoked ? verifyAccessToken.checked : verifyAccessToken.unchecked)(token, { currentDate: now() });
      return result as VerifyResult<T & AccessTokenClaims>;
    },

    async revoke(jti, call) {
      assertId(jti, 'jti');
      const exp: unknown = checkOptions(call, REVOKE_OPTIONS, 'sessions.revoke()').exp;
      if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) {
        throw new TypeError('exp must be a NumericDate (seconds since the epoch)');
      }
      await store.set(revokedTokenKey(jti), 'revoked', exp === undefined ? longest : ttlUntil(exp));
    },

    revokeSession: (sessionId) => revokeSession(sessionId),

    isRevoked,

    async logout(refreshToken) {
      const { payload } = await verifyRefreshToken(refreshToken, false);
      await revokeSession(payload.sid, 'logout');
    },
  };
}
