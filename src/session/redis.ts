/**
 * A SessionStore on Redis, so that every server behind a load balancer shares one list of spent
 * refresh tokens and revocations. No dependency: the caller passes a connected client, and only its
 * `get` and `set` methods are called (and `multi()`, to follow a write with WAIT, when asked to).
 * Each operation touches one key, so cluster clients work too.
 */
import { checkOptions, type OptionNames } from '../lib/options.js';
import { durationSeconds } from '../lib/time.js';
import { assertTtl, type SessionStore } from './store.js';

/**
 * The options object `redisStore()` passes to `client.set()`. It spells expiry and condition both
 * ways: node-redis v4 reads only `EX`/`NX`; v5 and v6 read `expiration`/`condition` first and
 * ignore the deprecated pair. A client that silently ignored NX would let one refresh token be
 * spent twice, so neither spelling is left for a version to miss.
 */
export interface RedisSetOptions {
  expiration: { type: 'EX'; value: number };
  EX: number;
  condition?: 'NX';
  NX?: true;
}

/**
 * The part of a Redis client that `redisStore()` uses. Clients from node-redis v4, v5 and v6
 * (`createClient()`, `createCluster()`, `createSentinel()`) fit as they are. For another client,
 * pass an object with these two methods: `get` resolves to the string or null, and `set` runs
 * `SET key value EX <EX> [NX]` and resolves to 'OK', or null when NX kept it from writing.
 */
export interface RedisClientLike {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, options: RedisSetOptions): Promise<unknown>;
  /** Needed only with `waitForReplicas`: a pipeline whose commands all go down one connection. */
  multi?(): RedisPipelineLike;
}

/**
 * The part of a node-redis `multi()` that `waitForReplicas` uses: SET then WAIT, sent together with
 * `execAsPipeline()` (no MULTI/EXEC) on the one connection of the key's node, which is what makes
 * WAIT count this SET: WAIT waits for the writes made on its own connection.
 */
export interface RedisPipelineLike {
  set(key: string, value: string, options: RedisSetOptions): RedisPipelineLike;
  wait(replicas: number, timeoutMs: number): RedisPipelineLike;
  execAsPipeline(): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Put in front of every key, so the session's keys never meet your application's. Default 'webjwt:session:'. */
  prefix?: string;
  /**
   * Replicas that must hold every write (a spent refresh token, a revocation) before it counts.
   * Redis replicates asynchronously: a write its master acknowledged is lost if the master dies
   * before a replica has it, and a failover can then let a spent refresh token be spent again or
   * forget a revocation. With n > 0, each SET is followed on the same connection by `WAIT n timeout`,
   * and a write fewer than n replicas confirmed in time fails (with createSessions():
   * ERR_SESSION_STORE, fail closed). A master without n replicas then accepts no writes.
   * Default 0: no WAIT, the master's acknowledgement is enough.
   */
  waitForReplicas?: number;
  /** How long WAIT may wait for the replicas, in seconds. Keep it under createSessions()'s `storeTimeout`. Default 0.5. */
  waitTimeout?: number;
}

const REDIS_STORE_OPTIONS = { prefix: true, waitForReplicas: true, waitTimeout: true } as const satisfies OptionNames<RedisStoreOptions>;

/**
 * A SessionStore on a connected node-redis client. Keys are `prefix` + the session's key; every key
 * is written with an expiry (SET … EX), and no command lists keys (no KEYS, no SCAN) or touches two
 * keys, so each goes to the one node that holds its key in a Redis Cluster.
 * @throws TypeError for a client without `get` and `set`, an unknown option, an empty prefix, or a
 *   bad `waitForReplicas` or `waitTimeout` (or a client without `multi()` for `waitForReplicas`).
 * @example
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const sessions = createSessions({ key: secret, store: redisStore(client) });
 */
export function redisStore(client: RedisClientLike, options?: RedisStoreOptions): SessionStore {
  const methods = client as Partial<RedisClientLike> | null;
  if (typeof methods !== 'object' || methods === null || typeof methods.get !== 'function' || typeof methods.set !== 'function') {
    throw new TypeError('redisStore() needs a connected Redis client with get() and set() (node-redis v4 or later)');
  }
  const checked = checkOptions(options, REDIS_STORE_OPTIONS, 'redisStore()');
  const { prefix = 'webjwt:session:', waitForReplicas = 0 } = checked;
  if (typeof prefix !== 'string' || prefix === '') throw new TypeError('prefix must be a non-empty string');
  if (!Number.isSafeInteger(waitForReplicas) || waitForReplicas < 0) throw new TypeError('waitForReplicas must be a non-negative integer');
  const waitMs = Math.round(durationSeconds(checked.waitTimeout ?? 0.5, 'waitTimeout') * 1000);
  if (waitMs <= 0) throw new TypeError('waitTimeout must be at least a millisecond: WAIT 0 would wait forever');
  if (waitForReplicas > 0 && typeof methods.multi !== 'function') {
    throw new TypeError('waitForReplicas needs a client with multi() and execAsPipeline() (node-redis v4 or later)');
  }

  const setOptions = (ttlSeconds: unknown, ifAbsent: boolean): RedisSetOptions => {
    assertTtl(ttlSeconds);
    const expiry = { expiration: { type: 'EX', value: ttlSeconds }, EX: ttlSeconds } as const;
    return ifAbsent ? { ...expiry, condition: 'NX', NX: true } : expiry;
  };

  /**
   * SET, then (with waitForReplicas) WAIT on the same connection. Resolves to SET's reply: 'OK', or
   * null when NX kept it from writing (nothing was written, so there is nothing to wait for).
   */
  const write = async (key: string, value: string, setArgs: RedisSetOptions): Promise<unknown> => {
    if (waitForReplicas === 0) return client.set(key, value, setArgs);
    const pipeline = (client.multi as () => RedisPipelineLike)();
    const replies = await pipeline.set(key, value, setArgs).wait(waitForReplicas, waitMs).execAsPipeline();
    if (!Array.isArray(replies) || replies.length !== 2)
      throw new Error('the Redis client answered SET and WAIT with something other than two replies');
    const [written, acknowledged] = replies as unknown[];
    if (written !== null && typeof acknowledged !== 'number')
      throw new Error('the Redis client answered WAIT with something other than a number');
    if (written !== null && (acknowledged as number) < waitForReplicas) {
      throw new Error(
        `the write reached ${String(acknowledged)} of the ${waitForReplicas} replicas it needs within ${waitMs} ms (WAIT); it may not survive a failover`,
      );
    }
    return written;
  };

  return {
    async get(key) {
      const reply = await client.get(prefix + key);
      if (reply === null || typeof reply === 'string') return reply;
      throw new Error('the Redis client answered GET with something other than a string or null');
    },
    async set(key, value, ttlSeconds) {
      const reply = await write(prefix + key, value, setOptions(ttlSeconds, false));
      if (reply !== 'OK') throw new Error('the Redis client answered SET with something other than OK');
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const reply = await write(prefix + key, value, setOptions(ttlSeconds, true));
      // SET … NX answers OK when it wrote, and a null reply when the key was already there.
      if (reply === null) return false;
      if (reply === 'OK') return true;
      throw new Error('the Redis client answered SET … NX with something other than OK or null');
    },
  };
}
