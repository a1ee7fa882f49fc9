/** webjwt/session through its public API, on the in-memory store, with an injected clock. */
import { describe, expect, it, vi } from 'vitest';
import { decode, generateKeyPair, generateSecret, importKey, SessionStoreError, sign, verify } from '../src/index.js';
import { createBearerAuth } from '../src/http.js';
import {
  createSessions,
  memoryStore,
  redisStore,
  type SessionOptions,
  type Sessions,
  type SessionStore,
  type TokenPair,
} from '../src/session.js';
import { expectOneRefreshWins } from './session/race.js';
import { refreshKeyOf } from './session/refresh-key.js';
import { expectCode } from './support.js';

const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'api';
const MINUTE = 60;
const DAY = 86_400;

/** A clock that only moves when told to. */
function testClock(start = Date.UTC(2030, 0, 1)) {
  let time = start;
  return {
    now: () => new Date(time),
    seconds: () => Math.floor(time / 1000),
    advance(seconds: number) {
      time += seconds * 1000;
    },
  };
}

/** Sessions on a fresh secret and clock, with issuer and audience; overrides win. */
function setup(overrides: Partial<SessionOptions> = {}) {
  const clock = testClock();
  const secret = generateSecret('HS256');
  const sessions = createSessions({ key: secret, issuer: ISSUER, audience: AUDIENCE, now: clock.now, ...overrides });
  return { clock, secret, sessions };
}

/** A memory store that records every write, to check the TTLs the sessions ask for. */
function recordingStore(now: () => Date) {
  const inner = memoryStore({ now });
  const writes: { method: string; key: string; value: string; ttl: number }[] = [];
  const store: SessionStore = {
    get: (key) => Promise.resolve(inner.get(key)),
    async set(key, value, ttl) {
      writes.push({ method: 'set', key, value, ttl });
      await inner.set(key, value, ttl);
    },
    async setIfAbsent(key, value, ttl) {
      writes.push({ method: 'setIfAbsent', key, value, ttl });
      return inner.setIfAbsent(key, value, ttl);
    },
  };
  return { store, writes, inner };
}

describe('issueTokens', () => {
  it('makes an explicitly typed access token and a refresh token in a new session', async () => {
    const { clock, sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 15 * MINUTE, refreshExpiresIn: 7 * DAY });

    const access = decode(pair.accessToken);
    expect(access.header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    const iat = clock.seconds();
    expect(access.payload).toEqual({
      sub: 'user-1',
      role: 'admin',
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      exp: iat + 15 * MINUTE,
      jti: expect.stringMatching(/^[\w-]{22}$/),
      sid: pair.sessionId,
    });

    const refresh = decode(pair.refreshToken);
    expect(refresh.header).toEqual({ alg: 'HS256', typ: 'refresh+jwt' });
    expect(refresh.payload).toEqual({
      iss: ISSUER,
      iat,
      exp: iat + 7 * DAY,
      jti: expect.stringMatching(/^[\w-]{22}$/),
      sid: pair.sessionId,
      usr: { sub: 'user-1', role: 'admin' },
    });
    // No subject at the top: a verifier that forgot to check typ finds no user in a refresh token.
    expect(refresh.payload.sub).toBeUndefined();
    expect(refresh.payload.jti).not.toBe(access.payload.jti);
  });

  it('starts a new session, with new ids, on every call', async () => {
    const { sessions } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.issueTokens({ sub: 'user-1' });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(decode(second.accessToken).payload.jti).not.toBe(decode(first.accessToken).payload.jti);
  });

  it('uses the configured lifetimes and algorithm', async () => {
    const { sessions } = setup({ key: generateSecret('HS512'), alg: 'HS512', accessTtl: '5m', refreshTtl: 3600 });
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    expect([pair.expiresIn, pair.refreshExpiresIn]).toEqual([300, 3600]);
    const { header, payload } = decode(pair.accessToken);
    expect(header.alg).toBe('HS512');
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(decode(pair.refreshToken).payload.exp! - payload.iat!).toBe(3600);
  });

  it('leaves out iss and aud when none are configured, and verifies without them', async () => {
    const sessions = createSessions({ key: generateSecret('HS256') });
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    expect(decode(pair.accessToken).payload).not.toHaveProperty('iss');
    expect(decode(pair.accessToken).payload).not.toHaveProperty('aud');
    expect((await sessions.verifyAccess(pair.accessToken)).payload.sub).toBe('user-1');
    expect((await sessions.refresh(pair.refreshToken)).sessionId).toBe(pair.sessionId);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['no sub', {}],
    ['an empty sub', { sub: '' }],
    ['a numeric sub', { sub: 1 }],
    [
      'a class instance',
      new (class User {
        sub = 'user-1';
      })(),
    ],
    ...['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sid'].map((claim): [string, unknown] => [
      `its own ${claim}`,
      { sub: 'user-1', [claim]: 'x' },
    ]),
  ])('refuses a user object with %s (TypeError)', async (_, user) => {
    const { sessions } = setup();
    await expect(sessions.issueTokens(user as never)).rejects.toThrow(TypeError);
  });
});

describe('verifyAccess', () => {
  it('returns the claims; any webjwt verify() with typ, iss and aud accepts the token too', async () => {
    const { clock, secret, sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
    const { payload } = await sessions.verifyAccess<{ role: string }>(pair.accessToken);
    expect([payload.sub, payload.role, payload.sid]).toEqual(['user-1', 'admin', pair.sessionId]);

    // A resource server needs only the key: RFC 9068's typ, plus iss and aud.
    const elsewhere = await verify(pair.accessToken, secret, {
      typ: 'at+jwt',
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: clock.now(),
    });
    expect(elsewhere.payload.sub).toBe('user-1');
  });

  it('refuses a refresh token, and refresh() and logout() refuse an access token: another key', async () => {
    const { sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    await expectCode(sessions.verifyAccess(pair.refreshToken), 'ERR_JWT_SIGNATURE');
    await expectCode(sessions.refresh(pair.accessToken), 'ERR_JWT_SIGNATURE');
    await expectCode(sessions.logout(pair.accessToken), 'ERR_JWT_SIGNATURE');
    // Neither was spent or revoked by the failed attempts.
    await expect(sessions.verifyAccess(pair.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    await expect(sessions.refresh(pair.refreshToken)).resolves.toBeTruthy();
  });

  it('refuses ordinary JWTs signed with the same key, whatever claims they carry', async () => {
    const { clock, secret, sessions } = setup();
    const claims = { sub: 'user-1', sid: 'abc', jti: 'j1', usr: { sub: 'user-1' } };
    const options = { issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m', currentDate: clock.now() };
    const plain = await sign(claims, secret, options);
    expect(await expectCode(sessions.verifyAccess(plain), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'typ' });
    await expectCode(sessions.refresh(plain), 'ERR_JWT_SIGNATURE');
    // The configured key signs no refresh token, whatever its typ and claims.
    await expectCode(sessions.refresh(await sign(claims, secret, { ...options, header: { typ: 'refresh+jwt' } })), 'ERR_JWT_SIGNATURE');

    // Right typ, but not the claims the session always sets.
    const noSid = await sign({ sub: 'user-1', jti: 'j2' }, secret, { ...options, header: { typ: 'at+jwt' } });
    expect(await expectCode(sessions.verifyAccess(noSid), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'sid', reason: 'missing' });
  });

  it('checks typ and claims of refresh tokens behind their own key', async () => {
    const { clock, secret, sessions } = setup();
    const refreshKey = await refreshKeyOf(secret);
    const options = { issuer: ISSUER, expiresIn: '5m', currentDate: clock.now(), header: { typ: 'refresh+jwt' } };
    // The derivation is the documented one: a refresh token made with it is accepted.
    const forged = await sign({ sid: 'abc', jti: 'j1', usr: { sub: 'user-1' } }, refreshKey, options);
    expect((await sessions.refresh(forged)).sessionId).toBe('abc');

    const wrongTyp = await sign({ sid: 'abc', jti: 'j2', usr: { sub: 'user-1' } }, refreshKey, { ...options, header: { typ: 'at+jwt' } });
    expect(await expectCode(sessions.refresh(wrongTyp), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'typ', reason: 'mismatch' });
    const noUser = await sign({ sid: 'abc', jti: 'j3' }, refreshKey, options);
    expect(await expectCode(sessions.refresh(noUser), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'usr', reason: 'missing' });
    const badUser = await sign({ sid: 'abc', jti: 'j4', usr: { sub: 7 } }, refreshKey, options);
    expect(await expectCode(sessions.refresh(badUser), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'usr', reason: 'rejected' });
    const reservedUser = await sign({ sid: 'abc', jti: 'j5', usr: { sub: 'user-1', sid: 'x' } }, refreshKey, options);
    expect(await expectCode(sessions.refresh(reservedUser), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'usr', reason: 'rejected' });
    const hs512 = await sign({ sid: 'abc', jti: 'j6', usr: { sub: 'user-1' } }, new Uint8Array([...refreshKey, ...refreshKey]), {
      ...options,
      alg: 'HS512',
    });
    await expectCode(sessions.refresh(hs512), 'ERR_JWT_ALGORITHM');
  });

  it('checks issuer, audience and key', async () => {
    const { secret, sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    const otherIssuer = setup({ key: secret, issuer: 'https://other.example.com' }).sessions;
    expect(await expectCode(otherIssuer.verifyAccess(pair.accessToken), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'iss' });
    expect(await expectCode(otherIssuer.refresh(pair.refreshToken), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'iss' });
    const otherAudience = setup({ key: secret, audience: 'billing' }).sessions;
    expect(await expectCode(otherAudience.verifyAccess(pair.accessToken), 'ERR_JWT_CLAIM')).toMatchObject({ claim: 'aud' });
    const otherKey = setup().sessions;
    await expectCode(otherKey.verifyAccess(pair.accessToken), 'ERR_JWT_SIGNATURE');
    await expectCode(otherKey.refresh(pair.refreshToken), 'ERR_JWT_SIGNATURE');
  });

  it('expires the access token after accessTtl, by the injected clock', async () => {
    const { clock, sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    clock.advance(15 * MINUTE - 1);
    await expect(sessions.verifyAccess(pair.accessToken)).resolves.toBeTruthy();
    clock.advance(1);
    await expectCode(sessions.verifyAccess(pair.accessToken), 'ERR_JWT_EXPIRED');
    // The refresh token outlives it: that is what it is for.
    const next = await sessions.refresh(pair.refreshToken);
    await expect(sessions.verifyAccess(next.accessToken)).resolves.toBeTruthy();
  });

  it('refuses bad and unknown options (TypeError)', async () => {
    const { sessions } = setup();
    const { accessToken } = await sessions.issueTokens({ sub: 'user-1' });
    await expect(sessions.verifyAccess(accessToken, { checkRevoked: 'yes' } as never)).rejects.toThrow(TypeError);
    await expect(sessions.verifyAccess(accessToken, null as never)).rejects.toThrow(TypeError);
    await expect(sessions.verifyAccess(accessToken, [] as never)).rejects.toThrow(TypeError);
    await expect(sessions.verifyAccess(accessToken, { checkRevoke: true } as never)).rejects.toThrow(
      'sessions.verifyAccess(): unknown option "checkRevoke"; did you mean "checkRevoked"?',
    );
    await expect(sessions.verifyAccess(accessToken, { audience: 'api' } as never)).rejects.toThrow(/unknown option "audience"/);
    await expect(sessions.verifyAccess(accessToken, undefined)).resolves.toBeTruthy();
  });
});

describe('refresh', () => {
  it('rotates: a new pair in the same session, carrying the same user', async () => {
    const { clock, sessions } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
    clock.advance(10 * MINUTE);
    const second = await sessions.refresh(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const { payload } = await sessions.verifyAccess<{ role: string }>(second.accessToken);
    expect([payload.sub, payload.role, payload.iat]).toEqual(['user-1', 'admin', clock.seconds()]);
    expect(payload.jti).not.toBe(decode(first.accessToken).payload.jti);
    expect(decode(second.refreshToken).payload.usr).toEqual({ sub: 'user-1', role: 'admin' });
    // Each rotation starts a full refresh lifetime (a sliding session).
    expect(decode(second.refreshToken).payload.exp).toBe(clock.seconds() + 7 * DAY);
    const third = await sessions.refresh(second.refreshToken);
    expect(third.sessionId).toBe(first.sessionId);
  });

  it('detects reuse of a spent refresh token and revokes the whole session', async () => {
    const { sessions } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.refresh(first.refreshToken);
    const third = await sessions.refresh(second.refreshToken);
    const otherLogin = await sessions.issueTokens({ sub: 'user-1' });

    const reuse = await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    expect((reuse as Error).message).toMatch(/already used/);
    expect((reuse as Error).message).not.toContain(first.refreshToken);

    // Every token of the session now fails: the newest refresh token, and access tokens when checked.
    await expectCode(sessions.refresh(third.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(sessions.refresh(second.refreshToken), 'ERR_JWT_REVOKED');
    for (const { accessToken } of [first, second, third]) {
      await expectCode(sessions.verifyAccess(accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
      // Stateless by default: a revoked access token lives until its exp unless the caller checks.
      await expect(sessions.verifyAccess(accessToken)).resolves.toBeTruthy();
    }
    // Another session of the same user is untouched.
    await expect(sessions.verifyAccess(otherLogin.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    await expect(sessions.refresh(otherLogin.refreshToken)).resolves.toBeTruthy();
  });

  it('lets exactly one of two concurrent refreshes with the same token spend it', async () => {
    const { sessions } = setup();
    await expectOneRefreshWins(sessions, sessions, 10);
  });

  it('expires the refresh token after refreshTtl', async () => {
    const { clock, sessions } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    clock.advance(6 * DAY);
    const second = await sessions.refresh(first.refreshToken);
    clock.advance(7 * DAY - 1);
    const third = await sessions.refresh(second.refreshToken);
    clock.advance(7 * DAY);
    await expectCode(sessions.refresh(third.refreshToken), 'ERR_JWT_EXPIRED');
  });

  it("fails closed when the store fails: no new pair, ERR_SESSION_STORE with the store's error as cause", async () => {
    const clock = testClock();
    const broken = new Error('store unreachable');
    const store: SessionStore = { get: () => undefined, set: () => undefined, setIfAbsent: () => Promise.reject(broken) };
    const sessions = createSessions({ key: generateSecret('HS256'), store, now: clock.now });
    const { refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    const error = await expectCode(sessions.refresh(refreshToken), 'ERR_SESSION_STORE');
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as Error).cause).toBe(broken);
    expect((error as Error).message).not.toContain(decode(refreshToken).payload.jti);
  });

  it('refuses a token that is not a compact JWT', async () => {
    const { sessions } = setup();
    await expectCode(sessions.refresh('not-a-token'), 'ERR_JWT_MALFORMED');
    await expectCode(sessions.refresh(42 as never), 'ERR_JWT_MALFORMED');
  });
});

describe('reuseGrace', () => {
  it('is off by default: a spent token presented again a second later revokes the session', async () => {
    const { clock, sessions } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.refresh(first.refreshToken);
    clock.advance(1);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('answers a retry within the grace with the pair that was lost: the same refresh token, the same access claims', async () => {
    const { clock, sessions } = setup({ reuseGrace: '10s' });
    const first = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
    clock.advance(MINUTE);
    const lost = await sessions.refresh(first.refreshToken);
    clock.advance(4);
    const retry = await sessions.refresh(first.refreshToken);
    // HS256 is deterministic: the same claims give the same token, byte for byte.
    expect(retry.refreshToken).toBe(lost.refreshToken);
    expect(retry.accessToken).toBe(lost.accessToken);
    expect(retry.sessionId).toBe(first.sessionId);
    // What is left of the lifetimes, never more.
    expect([retry.expiresIn, retry.refreshExpiresIn]).toEqual([15 * MINUTE - 4, 7 * DAY - 4]);
    // Nothing was revoked, and the chain goes on from the one successor.
    await expect(sessions.verifyAccess(retry.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    const next = await sessions.refresh(retry.refreshToken);
    await expect(sessions.verifyAccess(next.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
  });

  it('gives the same access claims with an algorithm that signs randomly (ES256)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const { clock, sessions } = setup({ key: { privateKey, publicKey }, reuseGrace: 5 });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const lost = await sessions.refresh(first.refreshToken);
    clock.advance(2);
    const retry = await sessions.refresh(first.refreshToken);
    expect(retry.refreshToken).toBe(lost.refreshToken);
    expect(decode(retry.accessToken).payload).toEqual(decode(lost.accessToken).payload);
  });

  it('refuses a retry after the grace, counted from the first spend: reuse, the session revoked', async () => {
    const { clock, sessions } = setup({ reuseGrace: '10s' });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const lost = await sessions.refresh(first.refreshToken);
    clock.advance(10);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(sessions.refresh(lost.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('lets two concurrent refreshes with one token both have the one new pair, on one server or two', async () => {
    const clock = testClock();
    const key = generateSecret('HS256');
    const store = memoryStore({ now: clock.now });
    const [a, b] = [0, 1].map(() => createSessions({ key, store, now: clock.now, reuseGrace: '10s' })) as [Sessions, Sessions];
    for (const [one, two] of [
      [a, a],
      [a, b],
    ] as const) {
      const { refreshToken } = await one.issueTokens({ sub: 'user-1' });
      const [x, y] = await Promise.all([one.refresh(refreshToken), two.refresh(refreshToken)]);
      expect(x.refreshToken).toBe(y.refreshToken);
      await expect(two.refresh(x.refreshToken)).resolves.toBeTruthy();
    }
  });

  it('stores a spend record only with a grace, for as long as the token lives', async () => {
    const clock = testClock();
    const { store, writes } = recordingStore(clock.now);
    const sessions = createSessions({ key: generateSecret('HS256'), store, now: clock.now, reuseGrace: 3 });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.refresh(first.refreshToken);
    const [write] = writes;
    expect(write).toMatchObject({ method: 'setIfAbsent', key: `spent:${decode(first.refreshToken).payload.jti!}`, ttl: 7 * DAY + 60 });
    expect(JSON.parse(write!.value)).toEqual({
      sid: first.sessionId,
      at: clock.now().getTime(),
      refresh: decode(second.refreshToken).payload.jti,
      access: decode(second.accessToken).payload.jti,
    });
  });

  it('takes a spend written without a grace, or a foreign value, for reuse', async () => {
    const clock = testClock();
    const key = generateSecret('HS256');
    const store = memoryStore({ now: clock.now });
    const before = createSessions({ key, store, now: clock.now });
    const after = createSessions({ key, store, now: clock.now, reuseGrace: 10 });
    const first = await before.issueTokens({ sub: 'user-1' });
    await before.refresh(first.refreshToken);
    await expectCode(after.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('does not answer a retry of a session that was logged out', async () => {
    const { sessions } = setup({ reuseGrace: 10 });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.refresh(first.refreshToken);
    await sessions.logout(second.refreshToken);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('refuses a grace that is too long, not shorter than accessTtl, or not a duration (TypeError)', () => {
    const key = generateSecret('HS256');
    expect(() => createSessions({ key, reuseGrace: '2m' })).toThrow(/reuseGrace must be at most 60 seconds/);
    expect(() => createSessions({ key, reuseGrace: '30s', accessTtl: '30s' })).toThrow(/shorter than accessTtl/);
    expect(() => createSessions({ key, reuseGrace: '10' })).toThrow(TypeError);
    expect(() => createSessions({ key, reuseGrace: -1 })).toThrow(TypeError);
    expect(() => createSessions({ key, reuseGrace: true as never })).toThrow(TypeError);
    expect(() => createSessions({ key, reuseGrace: 0 })).not.toThrow();
  });
});

describe('a store that fails, stalls or answers out of contract', () => {
  const TIMEOUT = 0.05; // seconds
  /** A turn of the event loop (setImmediate, which the fake timers below leave real). */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  /** Every method answers with `answer()`; the calls are counted. */
  function storeAnswering(answer: () => unknown) {
    const calls: string[] = [];
    const store = {
      get: (key: string) => (calls.push(`get ${key}`), answer()),
      set: (key: string) => (calls.push(`set ${key}`), answer()),
      setIfAbsent: (key: string) => (calls.push(`setIfAbsent ${key}`), answer()),
    } as unknown as SessionStore;
    return { store, calls };
  }
  /**
   * Rejects with ERR_SESSION_STORE when storeTimeout runs out, and not a millisecond before. On timers
   * the test moves: what comes before the store call (the token's signature) is WebCrypto's work, not
   * a timer's, and a busy machine can make a real 50 ms timer late by any amount. Any late answer the
   * store has timed (setTimeout) comes after the refusal, as it would.
   */
  async function expectRefusedAtTimeout(run: () => Promise<unknown>) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pending = Symbol('pending');
      let outcome: unknown = pending;
      void run().then(
        () => (outcome = 'resolved'),
        (error: unknown) => (outcome = error),
      );
      // Until the call waits on the store, with the storeTimeout armed.
      while (vi.getTimerCount() === 0 && outcome === pending) await nextTurn();
      await vi.advanceTimersByTimeAsync(TIMEOUT * 1000 - 1);
      await nextTurn();
      expect(outcome).toBe(pending);
      await vi.advanceTimersByTimeAsync(1);
      await nextTurn();
      await expectCode(() => {
        throw outcome;
      }, 'ERR_SESSION_STORE');
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
  }

  it('a store that never answers: every call that reads or writes it fails within storeTimeout, none hangs', async () => {
    const { store, calls } = storeAnswering(() => new Promise(() => {}));
    const { sessions } = setup({ store, storeTimeout: TIMEOUT });
    const mine = await sessions.issueTokens({ sub: 'user-1' });
    const { payload } = await sessions.verifyAccess(mine.accessToken); // stateless: no store call
    expect(calls).toEqual([]);
    await expectRefusedAtTimeout(() => sessions.verifyAccess(mine.accessToken, { checkRevoked: true }));
    await expectRefusedAtTimeout(() => sessions.refresh(mine.refreshToken));
    await expectRefusedAtTimeout(() => sessions.revoke(payload.jti));
    await expectRefusedAtTimeout(() => sessions.revokeSession(mine.sessionId));
    await expectRefusedAtTimeout(() => sessions.logout(mine.refreshToken));
    await expectRefusedAtTimeout(() => sessions.isRevoked(payload));
  });

  it('a store that answers after storeTimeout: the late answer is ignored, even a true from setIfAbsent', async () => {
    const inner = memoryStore();
    let late = true;
    const store: SessionStore = {
      get: (key) => inner.get(key),
      set: (key, value, ttl) => inner.set(key, value, ttl),
      // The first spend lands at once, but its answer (true) comes too late.
      setIfAbsent(key, value, ttl) {
        const spent = inner.setIfAbsent(key, value, ttl);
        if (!late) return spent;
        late = false;
        return new Promise((resolve) =>
          setTimeout(() => {
            resolve(spent);
          }, TIMEOUT * 3000),
        );
      },
    };
    const { sessions } = setup({ store, storeTimeout: TIMEOUT });
    const { refreshToken, sessionId } = await sessions.issueTokens({ sub: 'user-1' });
    await expectRefusedAtTimeout(() => sessions.refresh(refreshToken));
    // The client retries with the same token; the spend had landed, so this is reuse, as documented.
    await expectCode(sessions.refresh(refreshToken), 'ERR_JWT_REVOKED');
    expect(await inner.get(`sid:${sessionId}`)).toBe('reuse');
  });

  it('a spend that timed out without landing: the retry succeeds', async () => {
    const inner = memoryStore();
    let stall = true;
    const store: SessionStore = {
      get: (key) => inner.get(key),
      set: (key, value, ttl) => inner.set(key, value, ttl),
      setIfAbsent: (key, value, ttl) => (stall ? ((stall = false), new Promise<boolean>(() => {})) : inner.setIfAbsent(key, value, ttl)),
    };
    const { sessions } = setup({ store, storeTimeout: TIMEOUT });
    const { refreshToken, sessionId } = await sessions.issueTokens({ sub: 'user-1' });
    await expectRefusedAtTimeout(() => sessions.refresh(refreshToken));
    expect((await sessions.refresh(refreshToken)).sessionId).toBe(sessionId);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('down'))],
    ['answers an object', () => ({})],
    ['answers a number', () => Promise.resolve(1)],
  ])('a store that %s: refresh() and the revocation check fail with ERR_SESSION_STORE, never accept', async (_, answer) => {
    const { store } = storeAnswering(answer);
    const { sessions } = setup({ store, storeTimeout: TIMEOUT });
    const { accessToken, refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    await expectCode(sessions.refresh(refreshToken), 'ERR_SESSION_STORE');
    await expectCode(sessions.verifyAccess(accessToken, { checkRevoked: true }), 'ERR_SESSION_STORE');
  });

  it('a truthy non-boolean from setIfAbsent is refused, where it used to count as a spend', async () => {
    const inner = memoryStore();
    const store: SessionStore = { get: (key) => inner.get(key), set: (k, v, t) => inner.set(k, v, t), setIfAbsent: () => 'OK' as never };
    const { sessions } = setup({ store });
    const { refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    await expectCode(sessions.refresh(refreshToken), 'ERR_SESSION_STORE');
  });

  it('a full memory store refuses with ERR_SESSION_STORE, and so does the refresh that needed it', async () => {
    const store = memoryStore({ maxEntries: 1 });
    await store.set('taken', '1', 60);
    const error = await expectCode(() => store.set('other', '1', 60), 'ERR_SESSION_STORE');
    expect((error as Error).message).toMatch(/full \(1 live entries\); raise maxEntries/);
    const { sessions } = setup({ store });
    const { refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    const refused = await expectCode(sessions.refresh(refreshToken), 'ERR_SESSION_STORE');
    expect((refused as Error).message).toMatch(/memory store is full/); // passed on as it is
  });

  it('takes storeTimeout in seconds or as a duration', async () => {
    const { store } = storeAnswering(() => new Promise(() => {}));
    const { sessions } = setup({ store, storeTimeout: '1s' });
    const { accessToken } = await sessions.issueTokens({ sub: 'user-1' });
    const start = performance.now();
    await expectCode(sessions.verifyAccess(accessToken, { checkRevoked: true }), 'ERR_SESSION_STORE');
    expect(performance.now() - start).toBeGreaterThanOrEqual(900);
  });
});

describe('revocation', () => {
  it('isRevoked serves as the isRevoked hook of verify() and createBearerAuth(), reading the same store', async () => {
    const { sessions, secret, clock } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    const options = { typ: 'at+jwt', issuer: ISSUER, audience: AUDIENCE, currentDate: clock.now(), isRevoked: sessions.isRevoked };
    expect((await verify(pair.accessToken, secret, options)).payload.sub).toBe('user-1');
    const auth = createBearerAuth({ key: secret, ...options });
    expect((await auth(`Bearer ${pair.accessToken}`)).payload.sub).toBe('user-1');
    await sessions.logout(pair.refreshToken);
    await expectCode(verify(pair.accessToken, secret, options), 'ERR_JWT_REVOKED');
    await expect(auth(`Bearer ${pair.accessToken}`)).rejects.toMatchObject({ status: 401, error: 'invalid_token' });
    // Fails closed: a payload that is no token of these sessions counts as revoked.
    for (const payload of [{}, { jti: 'a' }, { sid: 'b' }, { jti: 1, sid: 'b' }])
      expect(await sessions.isRevoked(payload as never)).toBe(true);
    expect(await sessions.isRevoked({ jti: 'a', sid: 'b' })).toBe(false);
  });

  it('revoke(jti) refuses that access token when checked, and nothing else', async () => {
    const { sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    const other = await sessions.issueTokens({ sub: 'user-1' });
    const { payload } = await sessions.verifyAccess(pair.accessToken);
    await sessions.revoke(payload.jti, { exp: payload.exp });
    await expectCode(sessions.verifyAccess(pair.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
    await expect(sessions.verifyAccess(pair.accessToken)).resolves.toBeTruthy();
    await expect(sessions.verifyAccess(other.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    // The session itself is not revoked: its refresh token still rotates.
    const next = await sessions.refresh(pair.refreshToken);
    await expect(sessions.verifyAccess(next.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
  });

  it('revoke(jti) of a refresh token stops it without revoking its session', async () => {
    const { sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.revoke(decode(pair.refreshToken).payload.jti!);
    await expectCode(sessions.refresh(pair.refreshToken), 'ERR_JWT_REVOKED');
    await expect(sessions.verifyAccess(pair.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
  });

  it('revokeSession(sessionId) and logout(refreshToken) end every token of the session', async () => {
    const { sessions } = setup();
    for (const end of [(p: TokenPair) => sessions.revokeSession(p.sessionId), (p: TokenPair) => sessions.logout(p.refreshToken)]) {
      const first = await sessions.issueTokens({ sub: 'user-1' });
      const second = await sessions.refresh(first.refreshToken);
      const other = await sessions.issueTokens({ sub: 'user-1' });
      await end(second);
      await expectCode(sessions.refresh(second.refreshToken), 'ERR_JWT_REVOKED');
      await expectCode(sessions.verifyAccess(first.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
      await expectCode(sessions.verifyAccess(second.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
      await expect(sessions.verifyAccess(other.accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    }
  });

  it('logout is idempotent, but only takes a valid refresh token', async () => {
    const { clock, sessions } = setup();
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.logout(pair.refreshToken);
    await sessions.logout(pair.refreshToken);
    await expectCode(sessions.logout('a.b.c'), 'ERR_JWT_MALFORMED');
    clock.advance(8 * DAY);
    await expectCode(sessions.logout(pair.refreshToken), 'ERR_JWT_EXPIRED');
  });

  it('keeps every entry only as long as the token it is about (TTLs)', async () => {
    const clock = testClock();
    const { store, writes } = recordingStore(clock.now);
    const sessions = createSessions({ key: generateSecret('HS256'), store, now: clock.now });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    expect(writes).toEqual([]); // issuing is stateless

    clock.advance(DAY);
    const second = await sessions.refresh(first.refreshToken);
    const firstJti = decode(first.refreshToken).payload.jti!;
    // Spent until the token's exp (6 days from now), plus a minute for servers' clock skew.
    expect(writes).toEqual([{ method: 'setIfAbsent', key: `spent:${firstJti}`, value: first.sessionId, ttl: 6 * DAY + 60 }]);

    writes.length = 0;
    const { payload } = await sessions.verifyAccess(second.accessToken);
    await sessions.revoke(payload.jti, { exp: payload.exp });
    await sessions.revoke('some-jti');
    await sessions.revoke('future-jti', { exp: Date.now() }); // milliseconds by mistake: capped
    await sessions.revoke('past-jti', { exp: clock.seconds() - DAY });
    await sessions.revokeSession(second.sessionId);
    const longest = 7 * DAY + 60;
    expect(writes.map(({ key, ttl }) => [key, ttl])).toEqual([
      [`jti:${payload.jti}`, 15 * MINUTE + 60],
      ['jti:some-jti', longest],
      ['jti:future-jti', longest],
      ['jti:past-jti', 1],
      [`sid:${second.sessionId}`, longest],
    ]);
  });

  it('sizes revocations by the longer lifetime when access tokens outlive refresh tokens', async () => {
    const clock = testClock();
    const { store, writes } = recordingStore(clock.now);
    const sessions = createSessions({ key: generateSecret('HS256'), store, now: clock.now, accessTtl: '2h', refreshTtl: '1h' });
    await sessions.revokeSession('s1');
    expect(writes[0]!.ttl).toBe(2 * 3600 + 60);
  });

  it('forgets a revocation once the token has expired', async () => {
    const clock = testClock();
    const store = memoryStore({ now: clock.now });
    const sessions = createSessions({ key: generateSecret('HS256'), store, now: clock.now });
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    const { payload } = await sessions.verifyAccess(pair.accessToken);
    await sessions.revoke(payload.jti, { exp: payload.exp });
    expect(await store.get(`jti:${payload.jti}`)).toBe('revoked');
    clock.advance(15 * MINUTE + 59);
    expect(await store.get(`jti:${payload.jti}`)).toBe('revoked');
    clock.advance(1);
    expect(await store.get(`jti:${payload.jti}`)).toBeUndefined();
  });

  it('refuses bad ids and exp (TypeError)', async () => {
    const { sessions } = setup();
    for (const jti of ['', 'x'.repeat(257), 7, undefined]) await expect(sessions.revoke(jti as never)).rejects.toThrow(TypeError);
    await expect(sessions.revoke('a', { exp: 'soon' } as never)).rejects.toThrow(TypeError);
    await expect(sessions.revoke('a', { exp: Number.NaN })).rejects.toThrow(TypeError);
    await expect(sessions.revoke('a', null as never)).rejects.toThrow(TypeError);
    await expect(sessions.revoke('a', 'soon' as never)).rejects.toThrow(TypeError);
    await expect(sessions.revoke('a', { expires: 1 } as never)).rejects.toThrow('sessions.revoke(): unknown option "expires"');
    await expect(sessions.revoke('a', { Exp: 1 } as never)).rejects.toThrow('did you mean "exp"?');
    await expect(sessions.revokeSession(undefined as never)).rejects.toThrow(TypeError);
  });
});

describe('keys', () => {
  it.each(['ES256', 'EdDSA', 'PS256'] as const)('signs with the private half and verifies with the public half (%s)', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const clock = testClock();
    const sessions = createSessions({ key: { privateKey, publicKey }, alg, issuer: ISSUER, audience: AUDIENCE, now: clock.now });
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    expect(decode(pair.accessToken).header.alg).toBe(alg);
    const next = await sessions.refresh(pair.refreshToken);
    await expect(sessions.verifyAccess(next.accessToken)).resolves.toBeTruthy();
    // A resource server holds only the public key.
    const { payload } = await verify(next.accessToken, publicKey, {
      algorithms: [alg],
      typ: 'at+jwt',
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: clock.now(),
    });
    expect(payload.sub).toBe('user-1');
  });

  it('refuses a key it cannot derive the refresh key from, saying what to pass (TypeError)', async () => {
    const pair = await generateKeyPair('ES256'); // not extractable by default
    expect(() => createSessions({ key: pair })).toThrow(/key\.privateKey is a non-extractable CryptoKey.*extractable: true/);
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    expect(() => createSessions({ key: hmac })).toThrow(/key is a non-extractable CryptoKey.*bytes/);
    // Wrapped in a JwtKey, the CryptoKey cannot be inspected at once: the first use refuses it.
    const sessions = createSessions({ key: { privateKey: importKey(pair.privateKey), publicKey: pair.publicKey } });
    await expect(sessions.issueTokens({ sub: 'user-1' })).rejects.toThrow(/cannot read the key's secret material/);
    await expect(sessions.refresh('a.b.c')).rejects.toThrow(TypeError);
    // An extractable CryptoKey is fine, secret or private.
    const extractable = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
    const withSecret = createSessions({ key: extractable });
    await withSecret.refresh((await withSecret.issueTokens({ sub: 'user-1' })).refreshToken);
  });

  it('refuses a missing key: there is no default secret (TypeError)', () => {
    expect(() => createSessions({} as SessionOptions)).toThrow(/no default/);
    expect(() => createSessions({ key: undefined } as unknown as SessionOptions)).toThrow(TypeError);
    expect(() => createSessions({ key: null } as unknown as SessionOptions)).toThrow(TypeError);
  });

  it('refuses a weak secret (ERR_KEY)', async () => {
    await expectCode(() => createSessions({ key: 'your-secret-key' }), 'ERR_KEY');
    await expectCode(() => createSessions({ key: '' }), 'ERR_KEY');
    await expectCode(() => createSessions({ key: generateSecret('HS256'), alg: 'HS512' }), 'ERR_KEY');
  });

  it('needs both halves of a key pair, each in its place (TypeError)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    expect(() => createSessions({ key: privateKey })).toThrow(/both halves/);
    expect(() => createSessions({ key: publicKey })).toThrow(TypeError);
    expect(() => createSessions({ key: { privateKey: publicKey, publicKey: privateKey } })).toThrow(TypeError);
    expect(() => createSessions({ key: { privateKey, publicKey: privateKey } })).toThrow(TypeError);
  });

  it('refuses halves that do not fit one algorithm (ERR_KEY)', async () => {
    const ec = await generateKeyPair('ES256');
    const ed = await generateKeyPair('EdDSA');
    await expectCode(() => createSessions({ key: { privateKey: ec.privateKey, publicKey: ed.publicKey } }), 'ERR_KEY');
    const p384 = await generateKeyPair('ES384'); // same kty, another curve
    await expectCode(() => createSessions({ key: { privateKey: ec.privateKey, publicKey: p384.publicKey } }), 'ERR_KEY');
  });
});

describe('createSessions options', () => {
  const key = generateSecret('HS256');
  it.each([
    ['no options', undefined],
    ['null', null],
    ['an array', [key]],
    ['a string', 'secret'],
    ['a key that is a number', { key: 42 }],
    ['a key that is an array', { key: [key] }],
    ['an alg that is not one', { key, alg: 'none' }],
    ['an alg in lower case', { key, alg: 'hs256' }],
    ['an alg that is not a string', { key, alg: 256 }],
    ['a lifetime that is not a number or string', { key, accessTtl: true }],
    ['an infinite lifetime', { key, refreshTtl: Number.POSITIVE_INFINITY }],
    ['a lifetime that is NaN', { key, accessTtl: Number.NaN }],
    ['a duration without a unit', { key, accessTtl: '60' }],
    ['a zero lifetime', { key, accessTtl: 0 }],
    ['a negative lifetime', { key, refreshTtl: -1 }],
    ['an unknown unit', { key, refreshTtl: 'forever' }],
    ['an empty issuer', { key, issuer: '' }],
    ['a numeric issuer', { key, issuer: 1 }],
    ['an empty audience list', { key, audience: [] }],
    ['a numeric audience', { key, audience: [1] }],
    ['a numeric audience that is not a list', { key, audience: 1 }],
    ['a RegExp audience', { key, audience: /api/ }],
    ['a store without setIfAbsent', { key, store: { get() {}, set() {} } }],
    ['a store that is not an object', { key, store: 'redis' }],
    ['a store that is null', { key, store: null }],
    ['a clock that is not a function', { key, now: new Date() }],
    ['a zero storeTimeout', { key, storeTimeout: 0 }],
    ['a negative storeTimeout', { key, storeTimeout: -1 }],
    ['a storeTimeout over ten minutes', { key, storeTimeout: '11m' }],
    ['a storeTimeout without a unit', { key, storeTimeout: '2' }],
  ])('refuses %s (TypeError)', (_, options) => {
    expect(() => createSessions(options as SessionOptions)).toThrow(TypeError);
  });

  it.each([
    ['audiance', 'audience'],
    ['issuers', 'issuer'],
    ['Alg', 'alg'],
    ['algorithm', undefined],
    ['accessTTL', 'accessTtl'],
    ['refreshTL', 'refreshTtl'],
    ['expiresIn', undefined],
    ['stor', 'store'],
    ['secret', undefined],
    ['keys', 'key'],
    ['clock', undefined],
    ['storeTimout', 'storeTimeout'],
  ])('refuses the unknown option %j, naming it (TypeError)', (name, meant) => {
    const message = `createSessions(): unknown option ${JSON.stringify(name)}${meant === undefined ? '' : `; did you mean ${JSON.stringify(meant)}?`}`;
    expect(() => createSessions({ key, [name]: 'x' })).toThrow(new TypeError(message));
  });

  it('refuses an unknown option before it looks at the key', () => {
    expect(() => createSessions({ audiance: 'api' } as unknown as SessionOptions)).toThrow(/unknown option "audiance"/);
  });

  it('refuses a clock that returns something other than a valid Date (TypeError)', async () => {
    const sessions = createSessions({ key, now: () => new Date(Number.NaN) });
    await expect(sessions.issueTokens({ sub: 'user-1' })).rejects.toThrow(TypeError);
  });
});

describe('memoryStore', () => {
  it('gets, sets, and sets only if absent', async () => {
    const store = memoryStore();
    expect(await store.get('a')).toBeUndefined();
    expect(await store.setIfAbsent('a', '1', 60)).toBe(true);
    expect(await store.setIfAbsent('a', '2', 60)).toBe(false);
    expect(await store.get('a')).toBe('1');
    await store.set('a', '3', 60);
    expect(await store.get('a')).toBe('3');
  });

  it('expires entries after their TTL', async () => {
    const clock = testClock();
    const store = memoryStore({ now: clock.now });
    await store.set('a', '1', 10);
    await store.setIfAbsent('b', '1', 20);
    clock.advance(9.999);
    expect(await store.get('a')).toBe('1');
    clock.advance(0.001);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.setIfAbsent('b', '2', 20)).toBe(false);
    clock.advance(10);
    expect(await store.setIfAbsent('b', '2', 20)).toBe(true);
    expect(await store.get('b')).toBe('2');
  });

  it('is bounded: drops expired entries when full, and refuses to forget live ones', async () => {
    const clock = testClock();
    const store = memoryStore({ maxEntries: 2, now: clock.now });
    await store.set('short', '1', 5);
    await store.set('long', '1', 50);
    await store.set('long', '2', 50); // replacing needs no room
    expect(() => store.set('third', '1', 50)).toThrow(/full/);
    expect(() => store.setIfAbsent('third', '1', 50)).toThrow(/full/);
    expect(await store.get('long')).toBe('2');
    clock.advance(5);
    await store.set('third', '1', 50); // the expired entry made room
    expect([await store.get('long'), await store.get('third')]).toEqual(['2', '1']);
  });

  it('refuses bad TTLs and options (TypeError)', () => {
    const store = memoryStore();
    for (const ttl of [0, -1, 1.5, Number.NaN, '60']) {
      expect(() => store.set('a', '1', ttl as number)).toThrow(TypeError);
      expect(() => store.setIfAbsent('a', '1', ttl as number)).toThrow(TypeError);
    }
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => memoryStore({ maxEntries: 1.5 })).toThrow(TypeError);
    expect(() => memoryStore({ maxEntries: '100' as never })).toThrow(TypeError);
    expect(() => memoryStore({ maxEntries: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => memoryStore(null as never)).toThrow(TypeError);
    expect(() => memoryStore('big' as never)).toThrow(TypeError);
    expect(() => memoryStore({ now: 'now' as never })).toThrow(TypeError);
    expect(() => memoryStore({ maxEntrys: 10 } as never)).toThrow('memoryStore(): unknown option "maxEntrys"; did you mean "maxEntries"?');
    expect(() => memoryStore({ ttl: 10 } as never)).toThrow('memoryStore(): unknown option "ttl"');
    expect(() => memoryStore(undefined)).not.toThrow();
  });
});

describe('redisStore options', () => {
  const client = { get: () => Promise.resolve(null), set: () => Promise.resolve('OK') };
  it('refuses unknown options, naming them (TypeError)', () => {
    expect(() => redisStore(client, { prefx: 'app:' } as never)).toThrow('redisStore(): unknown option "prefx"; did you mean "prefix"?');
    expect(() => redisStore(client, { keyPrefix: 'app:' } as never)).toThrow('redisStore(): unknown option "keyPrefix"');
  });

  it.each([
    ['null options', null],
    ['options that are a string', 'app:'],
    ['an empty prefix', { prefix: '' }],
    ['a numeric prefix', { prefix: 1 }],
  ])('refuses %s (TypeError)', (_, options) => {
    expect(() => redisStore(client, options as never)).toThrow(TypeError);
  });

  it('refuses a client without get and set (TypeError)', () => {
    for (const bad of [null, {}, { get: client.get }, 'redis://localhost']) expect(() => redisStore(bad as never)).toThrow(TypeError);
    expect(() => redisStore(client)).not.toThrow();
  });
});
