/**
 * webjwt/session on a real redis-server (started here, on a free port of 127.0.0.1), through the
 * `redis` client: two "servers", each with its own client and store, share one state. Skipped with
 * a printed line where redis-server is not installed, unless WEBJWT_REQUIRE_SERVICES=1 (test/services.ts).
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decode, generateSecret } from '../src/index.js';
import { createSessions, redisStore, type RedisClientLike, type Sessions } from '../src/session.js';
import { expectOneRefreshWins } from './session/race.js';
import { startRedisServer, type RedisServer } from './session/redis-server.js';
import { hasService, REDIS } from './services.js';
import { expectCode } from './support.js';

const PREFIX = 'app:sessions:';
const MINUTE = 60;
const DAY = 86_400;

const haveRedis = hasService(REDIS, 'test/session-redis.test.ts');

let server: RedisServer | undefined;
const clients: { close(): Promise<void> }[] = [];

async function connectClient() {
  if (server === undefined) throw new Error('no redis-server');
  const client = createClient({ url: server.url });
  clients.push(client);
  return client.connect();
}

type Client = Awaited<ReturnType<typeof connectClient>>;

describe.skipIf(!haveRedis)('redisStore on a real redis-server', () => {
  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server?.stop();
  });

  let clientA: Client;
  let clientB: Client;
  let serverA: Sessions;
  let serverB: Sessions;

  beforeAll(async () => {
    [clientA, clientB] = await Promise.all([connectClient(), connectClient()]);
  });

  beforeEach(async () => {
    await clientA.flushDb();
    // Two application servers: one key and configuration, each its own Redis connection and store.
    const key = generateSecret('HS256');
    const options = { key, issuer: 'https://auth.example.com', audience: 'api' };
    serverA = createSessions({ ...options, store: redisStore(clientA, { prefix: PREFIX }) });
    serverB = createSessions({ ...options, store: redisStore(clientB, { prefix: PREFIX }) });
  });

  it('rotates on one server and detects reuse on the other', async () => {
    const first = await serverA.issueTokens({ sub: 'user-1', role: 'admin' });
    const second = await serverB.refresh(first.refreshToken);
    expect(second.sessionId).toBe(first.sessionId);
    const { payload } = await serverA.verifyAccess<{ role: string }>(second.accessToken, { checkRevoked: true });
    expect(payload.role).toBe('admin');

    const reuse = await expectCode(serverA.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    expect((reuse as Error).message).toMatch(/already used/);
    // Server B learns of it through Redis: the newest tokens of the session are refused there too.
    await expectCode(serverB.refresh(second.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(serverB.verifyAccess(second.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
    await expect(serverB.verifyAccess(second.accessToken)).resolves.toBeTruthy(); // stateless unless asked
  });

  it('shares one revocation list between servers', async () => {
    const pair = await serverA.issueTokens({ sub: 'user-1' });
    const other = await serverA.issueTokens({ sub: 'user-2' });
    await expect(serverB.verifyAccess(pair.accessToken, { checkRevoked: true })).resolves.toBeTruthy();

    const { payload } = await serverB.verifyAccess(pair.accessToken);
    await serverA.revoke(payload.jti, { exp: payload.exp });
    await expectCode(serverB.verifyAccess(pair.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');

    await serverB.logout(other.refreshToken);
    await expectCode(serverA.refresh(other.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(serverA.verifyAccess(other.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
  });

  it('lets exactly one of two concurrent refreshes on two servers spend a token', async () => {
    await expectOneRefreshWins(serverA, serverB, 20);
  });

  it('with reuseGrace, a retry on the other server gets the same pair; an older generation revokes on both', async () => {
    const key = generateSecret('HS256');
    const [a, b] = [clientA, clientB].map((client) =>
      createSessions({ key, store: redisStore(client, { prefix: PREFIX }), reuseGrace: '10s' }),
    );
    const login = await a!.issueTokens({ sub: 'user-1' });
    // Concurrent on two servers: one spends, the other is answered from the spend record in Redis.
    const [x, y] = await Promise.all([a!.refresh(login.refreshToken), b!.refresh(login.refreshToken)]);
    expect(x.refreshToken).toBe(y.refreshToken);
    const next = await b!.refresh(x.refreshToken);
    await expectCode(a!.refresh(login.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(b!.refresh(next.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('writes every key under the prefix, with a TTL bounded by the token it is about', async () => {
    const first = await serverA.issueTokens({ sub: 'user-1' });
    expect(await clientA.dbSize()).toBe(0); // issuing is stateless
    const second = await serverA.refresh(first.refreshToken);
    const { payload } = await serverA.verifyAccess(second.accessToken);
    await serverA.revoke(payload.jti, { exp: payload.exp });
    await serverB.revokeSession(second.sessionId);

    const spent = `${PREFIX}spent:${decode(first.refreshToken).payload.jti!}`;
    const revokedToken = `${PREFIX}jti:${payload.jti}`;
    const revokedSession = `${PREFIX}sid:${second.sessionId}`;
    expect((await clientB.keys('*')).sort()).toEqual([revokedToken, revokedSession, spent].sort());
    expect(await clientB.get(spent)).toBe(first.sessionId);
    expect(await clientB.get(revokedSession)).toBe('revoked');

    // Each TTL: the token's remaining lifetime plus a minute of clock margin, never more.
    const ttl = async (key: string) => (await clientB.pTTL(key)) / 1000;
    expect(await ttl(spent)).toBeGreaterThan(7 * DAY + 50);
    expect(await ttl(spent)).toBeLessThanOrEqual(7 * DAY + 60);
    expect(await ttl(revokedToken)).toBeGreaterThan(15 * MINUTE + 50);
    expect(await ttl(revokedToken)).toBeLessThanOrEqual(15 * MINUTE + 60);
    expect(await ttl(revokedSession)).toBeGreaterThan(7 * DAY + 50);
    expect(await ttl(revokedSession)).toBeLessThanOrEqual(7 * DAY + 60);
  });

  it('sets if absent atomically, and expires entries', async () => {
    const storeA = redisStore(clientA, { prefix: PREFIX });
    const storeB = redisStore(clientB, { prefix: PREFIX });
    const claims = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => (i % 2 === 0 ? storeA : storeB).setIfAbsent('race', String(i), 60)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await storeB.get('race')).toBe(String(claims.indexOf(true)));
    expect(await storeA.get('missing')).toBeNull();

    // A TTL in seconds (EX, not PX), read back while the key lives: a minute, which no busy machine spends
    // between two commands, as it may a second.
    await storeA.set('short', 'x', 60);
    expect(await clientA.pTTL(`${PREFIX}short`)).toBeGreaterThan(1000);
    expect(await clientA.pTTL(`${PREFIX}short`)).toBeLessThanOrEqual(60_000);
    await clientA.pExpire(`${PREFIX}short`, 1); // rather than waiting a minute
    await expect.poll(() => storeB.get('short'), { interval: 5 }).toBeNull();
    expect(await storeB.setIfAbsent('short', 'y', 60)).toBe(true);
  });

  it('with waitForReplicas, a write no replica confirmed fails, and the session operation with ERR_SESSION_STORE', async () => {
    // This redis-server has no replica: WAIT 1 answers 0 after waitTimeout.
    const store = redisStore(clientA, { prefix: PREFIX, waitForReplicas: 1, waitTimeout: 0.05 });
    await expect(store.set('k', 'v', 60)).rejects.toThrow(/reached 0 of the 1 replicas/);
    expect(await clientA.get(`${PREFIX}k`)).toBe('v'); // the master has it; it may not survive a failover
    expect(await store.setIfAbsent('k', 'w', 60)).toBe(false); // NX wrote nothing: nothing to wait for
    const sessions = createSessions({ key: generateSecret('HS256'), store, storeTimeout: 1 });
    const { refreshToken, sessionId } = await sessions.issueTokens({ sub: 'user-1' });
    await expectCode(sessions.revokeSession(sessionId), 'ERR_SESSION_STORE');
    await expectCode(sessions.refresh(refreshToken), 'ERR_JWT_REVOKED'); // the master has the revocation all the same
    await expectCode(sessions.refresh((await sessions.issueTokens({ sub: 'user-2' })).refreshToken), 'ERR_SESSION_STORE');
    // With zero replicas asked for, WAIT is not sent at all.
    await redisStore(clientA, { prefix: PREFIX, waitForReplicas: 0 }).set('plain', 'v', 60);
  });

  it('uses the default prefix when none is given', async () => {
    await redisStore(clientA).set('k', 'v', 60);
    expect(await clientA.keys('*')).toEqual(['webjwt:session:k']);
  });
});

describe('the redis-server this test needs', () => {
  it('where it is missing: a printed skip line, or a failure with WEBJWT_REQUIRE_SERVICES=1', async () => {
    const { PATH, WEBJWT_REQUIRE_SERVICES } = process.env;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    process.env.PATH = '/nonexistent';
    try {
      delete process.env.WEBJWT_REQUIRE_SERVICES;
      expect(hasService(REDIS, 'test/x.test.ts')).toBe(false);
      expect(warn).toHaveBeenCalledWith(
        'skipped: test/x.test.ts needs redis-server (apt-get install redis-server); set WEBJWT_REQUIRE_SERVICES=1 to make this a failure',
      );
      process.env.WEBJWT_REQUIRE_SERVICES = '1';
      expect(() => hasService(REDIS, 'test/x.test.ts')).toThrow(
        /test\/x\.test\.ts needs redis-server \(apt-get install redis-server\), and WEBJWT_REQUIRE_SERVICES=1/,
      );
      await expect(startRedisServer()).rejects.toThrow(/apt-get install -y redis-server/);
    } finally {
      process.env.PATH = PATH;
      if (WEBJWT_REQUIRE_SERVICES === undefined) delete process.env.WEBJWT_REQUIRE_SERVICES;
      else process.env.WEBJWT_REQUIRE_SERVICES = WEBJWT_REQUIRE_SERVICES;
      warn.mockRestore();
    }
  });
});

describe('redisStore misuse and odd clients', () => {
  const fake = (reply: unknown): RedisClientLike => ({ get: () => Promise.resolve(reply), set: () => Promise.resolve(reply) });

  it('refuses a client without get and set, a bad prefix and bad TTLs (TypeError)', async () => {
    expect(() => redisStore(undefined as never)).toThrow(TypeError);
    expect(() => redisStore({ get: () => Promise.resolve(null) } as never)).toThrow(TypeError);
    expect(() => redisStore(fake(null), { prefix: '' })).toThrow(TypeError);
    expect(() => redisStore(fake(null), { prefix: 1 as never })).toThrow(TypeError);
    expect(() => redisStore(fake(null), null as never)).toThrow(TypeError);
    await expect(redisStore(fake('OK')).set('k', 'v', 0)).rejects.toThrow(TypeError);
    await expect(redisStore(fake('OK')).setIfAbsent('k', 'v', 1.5)).rejects.toThrow(TypeError);
    for (const options of [
      { waitForReplicas: -1 },
      { waitForReplicas: 1.5 },
      { waitForReplicas: 1 },
      { waitTimeout: 0 },
      { waitTimeout: '1' },
    ]) {
      expect(() => redisStore(fake(null), options as never)).toThrow(TypeError); // fake() has no multi()
    }
  });

  it('fails closed on replies it does not understand', async () => {
    await expect(redisStore(fake(1)).setIfAbsent('k', 'v', 60)).rejects.toThrow(/OK or null/);
    await expect(redisStore(fake(Buffer.from('x'))).get('k')).rejects.toThrow(/string or null/);
  });

  it('passes SET its expiry and NX in both node-redis spellings', async () => {
    const calls: unknown[][] = [];
    const client: RedisClientLike = {
      get: () => Promise.resolve(null),
      set: (...args) => {
        calls.push(args);
        return Promise.resolve('OK');
      },
    };
    await redisStore(client, { prefix: 'p:' }).set('a', '1', 30);
    await redisStore(client, { prefix: 'p:' }).setIfAbsent('b', '2', 40);
    expect(calls).toEqual([
      ['p:a', '1', { expiration: { type: 'EX', value: 30 }, EX: 30 }],
      ['p:b', '2', { expiration: { type: 'EX', value: 40 }, EX: 40, condition: 'NX', NX: true }],
    ]);
  });
});
