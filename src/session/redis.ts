/**
 * A SessionStore on Redis, so that every server behind a load balancer shares one list of spent
 * refresh tokens and revocations. No dependency: the caller passes a connected client, and only its
 * `get` and `set` methods are called. Each operation touches one key, so cluster clients work too.
 */
import { checkOptions, type OptionNames } from '../options.js';
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
}

export interface RedisStoreOptions {
  /** Put in front of every key, so the session's keys never meet your application's. Default 'webjwt:session:'. */
  prefix?: string;
}

const REDIS_STORE_OPTIONS = { prefix: true } as const satisfies OptionNames<RedisStoreOptions>;

/**
 * A SessionStore on a connected node-redis client. Keys are `prefix` + the session's key; every key
 * is written with an expiry (SET … EX), and no command lists keys (no KEYS, no SCAN).
 * @throws TypeError for a client without `get` and `set`, an unknown option, or an empty prefix.
 * @example
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const sessions = createSessions({ key: secret, store: redisStore(client) });
 */
export function redisStore(client: RedisClientLike, options?: RedisStoreOptions): SessionStore {
  const methods = client as Partial<RedisClientLike> | null;
  if (typeof methods !== 'object' || methods === null || typeof methods.get !== 'function' || typeof methods.set !== 'function') {
    throw new TypeError('redisStore() needs a connected Redis client with get() and set() (node-redis v4 or later)');
  }
  const { prefix = 'webjwt:session:' } = checkOptions(options, REDIS_STORE_OPTIONS, 'redisStore()');
  if (typeof prefix !== 'string' || prefix === '') throw new TypeError('prefix must be a non-empty string');

  const setOptions = (ttlSeconds: unknown, ifAbsent: boolean): RedisSetOptions => {
    assertTtl(ttlSeconds);
    const expiry = { expiration: { type: 'EX', value: ttlSeconds }, EX: ttlSeconds } as const;
    return ifAbsent ? { ...expiry, condition: 'NX', NX: true } : expiry;
  };

  return {
    async get(key) {
      const reply = await client.get(prefix + key);
      if (reply === null || typeof reply === 'string') return reply;
      throw new Error('the Redis client answered GET with something other than a string or null');
    },
    async set(key, value, ttlSeconds) {
      await client.set(prefix + key, value, setOptions(ttlSeconds, false));
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const reply = await client.set(prefix + key, value, setOptions(ttlSeconds, true));
      // SET … NX answers OK when it wrote, and a null reply when the key was already there.
      if (reply === null) return false;
      if (reply === 'OK') return true;
      throw new Error('the Redis client answered SET … NX with something other than OK or null');
    },
  };
}
