/**
 * webjwt/session on a real Redis Cluster: three masters and three replicas with AOF, started here from
 * the redis-server binary on loopback ports (test/session/redis-cluster.ts), and two application
 * servers, each with its own node-redis cluster client. Then a master is SIGKILLed in the middle of a
 * storm of requests, and its replica takes over. Skipped with a printed line where redis-server is
 * not installed, unless WEBJWT_REQUIRE_SERVICES=1 (test/services.ts), as in CI.
 */
import { createCluster } from 'redis';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, generateSecret, isJwtError } from '../src/index.js';
import { createSessions, redisStore, type Sessions, type TokenPair } from '../src/session.js';
import { startRedisCluster, type RedisCluster } from './session/redis-cluster.js';
import { hasService, REDIS } from './services.js';
import { expectCode } from './support.js';

const haveRedis = hasService(REDIS, 'test/session-cluster.test.ts');

const PREFIX = 'webjwt:session:';
/** storeTimeout of every session here, in seconds: the bound no call may pass. */
const STORE_TIMEOUT = 1;
/** A busy 2-core machine's allowance on top of a bound, in seconds. */
const SLACK = 1;

describe.skipIf(!haveRedis)('webjwt/session on a real Redis Cluster (3 masters, 3 replicas)', () => {
  let cluster: RedisCluster | undefined;
  const clients: { destroy(): void }[] = [];
  const key = generateSecret('HS256');

  /**
   * A cluster client as an application would hold one. `refreshOnReconnect: false` is the client of
   * redis/node-redis#2806: its slot map changes only on a MOVED or ASK reply, so after a failover the
   * commands for the dead master's slots wait for it forever.
   */
  async function connect({ refreshOnReconnect = true } = {}) {
    const client = createCluster({
      rootNodes: (cluster as RedisCluster).rootNodes,
      ...(refreshOnReconnect ? {} : { topologyRefreshOnReconnectionAttemptStrategy: false as const }),
    });
    client.on('error', () => {}); // a killed node's reconnection attempts; the sessions see the failures
    clients.push(client);
    return client.connect();
  }
  type Client = Awaited<ReturnType<typeof connect>>;

  /** An application server: its own client and store, the shared key and configuration. */
  const server = (client: Client, waitForReplicas = 0): Sessions =>
    createSessions({
      key,
      issuer: 'https://auth.example.com',
      audience: 'api',
      storeTimeout: STORE_TIMEOUT,
      store: redisStore(client, waitForReplicas === 0 ? {} : { waitForReplicas, waitTimeout: 0.5 }),
    });

  let serverA: Sessions;
  let serverB: Sessions;

  /** Every key the sessions wrote, by master port, from each master's own keyspace. */
  async function keysByMaster(): Promise<Map<number, string[]>> {
    const c = cluster as RedisCluster;
    const masters = (await c.roles()).filter((n) => n.role === 'master' && !n.failed);
    const byMaster = new Map<number, string[]>();
    for (const master of masters)
      byMaster.set(master.port, (await c.cli(master.port, '--raw', 'keys', `${PREFIX}*`)).split('\n').filter(Boolean));
    return byMaster;
  }

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
    const [a, b] = await Promise.all([connect(), connect()]);
    serverA = server(a);
    serverB = server(b);
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster?.stop();
  });

  it('lets exactly one of 20 parallel refreshes across two servers win, 5 rounds in a row', async () => {
    for (let round = 0; round < 5; round++) {
      const { refreshToken } = await serverA.issueTokens({ sub: `user-${round}` });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? serverA : serverB).refresh(refreshToken)),
      );
      const won = results.filter((r): r is PromiseFulfilledResult<TokenPair> => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) expect(lost.reason).toMatchObject({ code: 'ERR_JWT_REVOKED' });
      await expectCode(serverB.refresh(won[0]!.value.refreshToken), 'ERR_JWT_REVOKED'); // the race revoked the session
    }
  });

  it('shares revocations: revoke, revokeSession and logout on one server hold on the other', async () => {
    const [one, two, three] = await Promise.all([1, 2, 3].map((i) => serverA.issueTokens({ sub: `user-${i}` })));
    const { payload } = await serverB.verifyAccess(one!.accessToken, { checkRevoked: true });
    await serverA.revoke(payload.jti, { exp: payload.exp });
    await expectCode(serverB.verifyAccess(one!.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
    await serverB.revokeSession(two!.sessionId);
    await expectCode(serverA.refresh(two!.refreshToken), 'ERR_JWT_REVOKED');
    await serverA.logout(three!.refreshToken);
    await expectCode(serverB.verifyAccess(three!.accessToken, { checkRevoked: true }), 'ERR_JWT_REVOKED');
    await expectCode(serverB.refresh(three!.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('spreads its keys over every master, each with a TTL, with no command but GET and SET', async () => {
    const c = cluster as RedisCluster;
    const masters = (await c.roles()).filter((n) => n.role === 'master');
    await Promise.all(masters.map((m) => c.cli(m.port, 'config', 'resetstat')));
    for (let i = 0; i < 30; i++) {
      const pair = await (i % 2 === 0 ? serverA : serverB).issueTokens({ sub: `spread-${i}` });
      const next = await serverB.refresh(pair.refreshToken);
      await serverA.verifyAccess(next.accessToken, { checkRevoked: true });
      if (i % 3 === 0) await serverA.revokeSession(next.sessionId);
    }
    // Each master's own count of the commands it ran, read before this test's KEYS and PTTL: only
    // GET and SET carried data (no KEYS, no SCAN, no command on two keys). Its replica's REPLCONF ACK,
    // sent every second, is the replication link's, not the sessions'.
    const admin = /^(cluster\|.*|client\|.*|config\|.*|hello|ping|info|command.*|readonly|replconf)$/;
    for (const m of masters) {
      const stats = await c.cli(m.port, 'info', 'commandstats');
      const commands = [...stats.matchAll(/^cmdstat_([^:]+):/gm)].map((match) => match[1]!).filter((name) => !admin.test(name));
      expect(commands.sort()).toEqual(['get', 'set']);
    }
    const byMaster = await keysByMaster();
    expect([...byMaster.values()].every((keys) => keys.length > 0)).toBe(true); // all three masters hold some
    const slots = new Set<string>();
    for (const [port, keys] of byMaster) {
      const ttls = await Promise.all(keys.map(async (k) => Number(await c.cli(port, 'pttl', k))));
      expect(ttls.every((ttl) => ttl > 0)).toBe(true); // -1 would be a key kept forever
      for (const k of keys) slots.add(await c.cli(port, 'cluster', 'keyslot', k));
    }
    const total = [...byMaster.values()].reduce((n, keys) => n + keys.length, 0);
    expect(total).toBeGreaterThanOrEqual(40); // 30 spent refresh tokens and 10 revoked sessions, at least
    expect(slots.size).toBeGreaterThan(total * 0.9); // one key per slot, nearly: no hash tags pin them together
  });

  it('a master SIGKILLed mid-storm: nothing accepted that should not be, no call past its bound, acknowledged writes survive', async () => {
    const c = cluster as RedisCluster;
    // Two servers whose writes a replica must confirm (WAIT 1), on clients that never refresh their
    // slot map by themselves: the worst case of a failover.
    const [staleA, staleB] = await Promise.all([connect({ refreshOnReconnect: false }), connect({ refreshOnReconnect: false })]);
    const safeA = server(staleA, 1);
    const safeB = server(staleB, 1);

    // Before the kill, each acknowledged by a replica: 8 sessions revoked, 8 access tokens revoked,
    // 8 refresh tokens spent.
    const logins = await Promise.all(Array.from({ length: 24 }, (_, i) => safeA.issueTokens({ sub: `storm-${i}` })));
    const revokedSessions = logins.slice(0, 8);
    const revokedTokens = logins.slice(8, 16);
    const spent = logins.slice(16);
    await Promise.all(revokedSessions.map((pair) => safeA.revokeSession(pair.sessionId)));
    await Promise.all(
      revokedTokens.map(async (pair) => {
        const { payload } = await safeB.verifyAccess(pair.accessToken);
        await safeB.revoke(payload.jti, { exp: payload.exp });
      }),
    );
    await Promise.all(spent.map((pair) => safeB.refresh(pair.refreshToken)));
    // The victim: the master that holds most of these keys.
    const byMaster = await keysByMaster();
    const ids = new Set(
      logins.flatMap((pair) => [pair.sessionId, decode(pair.accessToken).payload.jti, decode(pair.refreshToken).payload.jti]),
    );
    const held = [...byMaster].map(([port, keys]) => [port, keys.filter((k) => ids.has(k.slice(k.lastIndexOf(':') + 1))).length] as const);
    const [victim, victimKeys] = held.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(victimKeys).toBeGreaterThan(0);

    /** Whatever must never be accepted, before, during or after the failover. */
    const forbidden: [string, (s: Sessions) => Promise<unknown>][] = [
      ...revokedSessions.flatMap((pair): [string, (s: Sessions) => Promise<unknown>][] => [
        ['access token of a revoked session', (s) => s.verifyAccess(pair.accessToken, { checkRevoked: true })],
        ['refresh token of a revoked session', (s) => s.refresh(pair.refreshToken)],
      ]),
      ...revokedTokens.map((pair): [string, (s: Sessions) => Promise<unknown>] => [
        'revoked access token',
        (s) => s.verifyAccess(pair.accessToken, { checkRevoked: true }),
      ]),
      ...spent.map((pair): [string, (s: Sessions) => Promise<unknown>] => ['spent refresh token', (s) => s.refresh(pair.refreshToken)]),
    ];
    const accepted: string[] = [];
    const late: string[] = [];
    const unexpected: unknown[] = [];
    const outcomes = { ok: 0, revoked: 0, store: 0 };
    const spentInStorm: string[] = [];
    /** Runs one call, timing it against its bound: `calls` store calls of STORE_TIMEOUT each. */
    const attempt = async (label: string, calls: number, mustFail: boolean, run: () => Promise<unknown>) => {
      const start = performance.now();
      try {
        await run();
        outcomes.ok++;
        if (mustFail) accepted.push(label);
      } catch (error) {
        if (isJwtError(error) && error.code === 'ERR_SESSION_STORE') outcomes.store++;
        else if (isJwtError(error) && error.code === 'ERR_JWT_REVOKED') outcomes.revoked++;
        else unexpected.push(error);
      } finally {
        const took = (performance.now() - start) / 1000;
        if (took > calls * STORE_TIMEOUT + SLACK) late.push(`${label}: ${took.toFixed(2)} s`);
      }
    };
    let storming = true;
    const worker = async (sessions: Sessions, offset: number) => {
      for (let i = offset; storming; i++) {
        const [label, run] = forbidden[i % forbidden.length]!;
        await attempt(label, label.startsWith('refresh') || label.startsWith('spent') ? 3 : 1, true, () => run(sessions));
        let pair: TokenPair | undefined;
        await attempt('login, then refresh', 3, false, async () => {
          const login = await sessions.issueTokens({ sub: `storm-new-${offset}-${i}` });
          pair = await sessions.refresh(login.refreshToken);
          spentInStorm.push(login.refreshToken);
        });
        if (pair !== undefined)
          await attempt('a live access token, checked', 1, false, () => sessions.verifyAccess(pair!.accessToken, { checkRevoked: true }));
      }
    };
    const workers = [safeA, safeB, safeA, safeB].map((sessions, i) => worker(sessions, i * 7));
    await delay(300);
    c.kill(victim);
    const killed = performance.now();
    await c.waitForFailover(victim);
    const failover = (performance.now() - killed) / 1000;
    await delay((STORE_TIMEOUT + 0.5) * 1000); // calls sent to the dead master meet their bound
    storming = false;
    await Promise.all(workers);

    expect(accepted).toEqual([]);
    expect(late).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(outcomes.store).toBeGreaterThan(0); // some calls did wait for the dead master, and were cut off
    expect(outcomes.ok).toBeGreaterThan(0); // and the other masters kept serving
    console.info(`failover took ${failover.toFixed(1)} s; storm: ${JSON.stringify(outcomes)}`);

    // Recovery, as the README says: a new client reads the new slot map. Through it, every revocation
    // and spend a replica acknowledged before the kill is still in force, and so is every spend of the storm.
    const fresh = server(await connect());
    for (const [label, run] of forbidden)
      await expectCode(run(fresh), 'ERR_JWT_REVOKED').catch((error: unknown) => {
        throw new Error(label, { cause: error });
      });
    for (const token of spentInStorm) await expectCode(fresh.refresh(token), 'ERR_JWT_REVOKED');
    // The stale clients still cannot reach the dead master's slots, but never hang: bounded, refused.
    const start = performance.now();
    const stale = await Promise.allSettled(forbidden.map(([, run]) => run(safeA)));
    expect((performance.now() - start) / 1000).toBeLessThan(3 * STORE_TIMEOUT + SLACK);
    const codes = stale.map((result) => (result.status === 'rejected' ? (result.reason as { code?: string }).code : 'accepted'));
    expect(new Set(codes)).toEqual(new Set(['ERR_SESSION_STORE', 'ERR_JWT_REVOKED']));
    // A client left with node-redis's default (a topology refresh after 5 s of reconnecting) finds
    // the promoted replica by itself: serverA's, connected before the kill.
    const answers = async () =>
      (await Promise.allSettled(forbidden.map(([, run]) => run(serverA)))).map((r) =>
        r.status === 'rejected' ? (r.reason as { code?: string }).code : 'accepted',
      );
    for (let round = 0; (await answers()).some((code) => code !== 'ERR_JWT_REVOKED'); round++) {
      expect(round, 'the default client did not recover within 12 s of the kill').toBeLessThan(12);
      await delay(1000);
    }
    console.info(`the default client answered from the new map ${((performance.now() - killed) / 1000).toFixed(1)} s after the kill`);
  }, 30_000);
});
