/**
 * Where sessions keep their state: spent refresh tokens and revocations. Every entry is written with
 * a TTL no longer than the token it is about, so a store holds only what still matters and never
 * grows with history.
 */

import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { within } from '../lib/within.js';
import { isJwtError, SessionStoreError, type JwtError } from 'webjwt';

type MaybePromise<T> = T | Promise<T>;

/**
 * The state behind `createSessions()`: string values under string keys, each with a TTL in whole
 * seconds. Methods may be synchronous or return promises.
 *
 * `setIfAbsent` is the one thing a plain cache (`get` and `set`) cannot give, and rotation needs it:
 * two requests presenting the same refresh token must not both spend it. With `get` then `set`, both
 * can read "unspent" before either writes; an atomic "write unless present" settles the race inside
 * the store (Redis `SET key value EX ttl NX`, memcached `add`, SQL `INSERT … ON CONFLICT DO NOTHING`).
 * There is no `delete`: sessions never remove an entry early, they let it expire.
 */
export interface SessionStore {
  /** The value under `key`; `undefined` or `null` when it is absent or expired. */
  get(key: string): MaybePromise<string | null | undefined>;
  /** Stores `value` under `key` for `ttlSeconds` (a positive integer), replacing any value. */
  set(key: string, value: string, ttlSeconds: number): MaybePromise<void>;
  /** Stores `value` under `key` for `ttlSeconds` only if `key` holds nothing, atomically; true if this call stored it. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): MaybePromise<boolean>;
}

export interface MemoryStoreOptions {
  /**
   * Most entries held. When the store is full, expired entries are dropped; if it is still full, the
   * write throws `SessionStoreError` (ERR_SESSION_STORE) rather than forget a revocation or a spent
   * token. Default 100 000.
   */
  maxEntries?: number;
  /** The clock, for tests. Default: the system clock. */
  now?: () => Date;
}

/** @throws TypeError unless `ttlSeconds` is a positive integer. */
export function assertTtl(ttlSeconds: unknown): asserts ttlSeconds is number {
  positiveInteger(ttlSeconds, 'ttlSeconds');
}

/** @throws TypeError unless `store` has the three SessionStore methods. */
export function assertStore(store: unknown): asserts store is SessionStore {
  const methods = store as Partial<Record<keyof SessionStore, unknown>> | null;
  if (
    typeof methods !== 'object' ||
    methods === null ||
    ['get', 'set', 'setIfAbsent'].some((m) => typeof methods[m as keyof SessionStore] !== 'function')
  ) {
    throw new TypeError('store must have get(key), set(key, value, ttlSeconds) and setIfAbsent(key, value, ttlSeconds) methods');
  }
}

/** A clock from an optional `() => Date`, checked on every reading. */
export function clock(now: unknown, name: string): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now !== 'function') throw new TypeError(`${name} must be a function returning a Date`);
  const read = now as () => unknown;
  return () => {
    const date = read();
    if (!(date instanceof Date) || !Number.isFinite(date.getTime())) throw new TypeError(`${name}() must return a valid Date`);
    return date;
  };
}

const MEMORY_STORE_OPTIONS = { maxEntries: true, now: true } as const satisfies OptionNames<MemoryStoreOptions>;
/** A store's three calls, each settled within a bound: its checked answer, or SessionStoreError. */
export interface BoundedStore {
  get(key: string): Promise<string | null | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
}

/** setTimeout takes at most 2^31 - 1 ms; a bound beyond ten minutes is no bound anyway. */
const MAX_TIMEOUT_SECONDS = 600;

/**
 * `store` with every call bounded by `timeoutSeconds`, so that a store that stalls (a Redis cluster
 * client waiting for a dead master, a network partition, a long fork) fails the operation instead of
 * hanging it. A call that throws, rejects, answers out of contract or is still pending when the time
 * is up rejects with SessionStoreError; whatever it does later is ignored. A synchronous answer is
 * taken as it is, with no timer.
 * @throws TypeError unless `timeoutSeconds` is more than zero and at most ten minutes.
 */
export function boundStore(store: SessionStore, timeoutSeconds: number, name: string): BoundedStore {
  if (!(timeoutSeconds > 0 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
    throw new TypeError(`${name} must be more than zero and at most ${MAX_TIMEOUT_SECONDS} seconds`);
  }
  const timeoutMs = Math.max(1, Math.round(timeoutSeconds * 1000));
  const call = async <T>(method: keyof SessionStore, run: () => unknown, valid: (answer: unknown) => answer is T): Promise<T> => {
    let answer: unknown;
    try {
      answer = run();
      // A synchronous answer is taken as it is, with no timer.
      if (isThenable(answer)) {
        answer = await within(Promise.resolve(answer), timeoutMs, () => {
          throw new SessionStoreError(
            `the session store did not answer ${method}() within ${timeoutMs} ms (storeTimeout); the operation was refused`,
          );
        });
      }
    } catch (error) {
      throw storeFailure(method, error);
    }
    if (!valid(answer)) {
      throw new SessionStoreError(
        `the session store's ${method}() answered something its contract does not allow; the operation was refused`,
      );
    }
    return answer;
  };
  return {
    get: (key) => call('get', () => store.get(key), isStoredValue),
    set: (key, value, ttlSeconds) =>
      call(
        'set',
        () => store.set(key, value, ttlSeconds),
        (_answer): _answer is void => true,
      ),
    setIfAbsent: (key, value, ttlSeconds) =>
      call(
        'setIfAbsent',
        () => store.setIfAbsent(key, value, ttlSeconds),
        (answer) => typeof answer === 'boolean',
      ),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function isStoredValue(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** A store's own error as SessionStoreError, its cause kept for the logs; one already coded passes as it is. */
function storeFailure(method: string, error: unknown): JwtError {
  if (isJwtError(error) && error.code === 'ERR_SESSION_STORE') return error;
  return new SessionStoreError(`the session store's ${method}() failed; the operation was refused`, { cause: error });
}

/**
 * A store in this process's memory: the default of `createSessions()`. Fine for one server and for
 * tests; servers behind a load balancer need a shared store such as `redisStore()`, or a revocation
 * on one would be unknown to the others. Setting or checking a key is synchronous, so
 * `setIfAbsent` is atomic.
 * @throws TypeError for invalid options. Its writes throw SessionStoreError (ERR_SESSION_STORE) when it is full.
 */
export function memoryStore(options?: MemoryStoreOptions): SessionStore {
  const checked = checkOptions(options, MEMORY_STORE_OPTIONS, 'memoryStore()');
  const { maxEntries = 100_000 } = checked;
  positiveInteger(maxEntries, 'maxEntries');
  const now = clock(checked.now, 'now');
  const millis = (): number => now().getTime();
  const entries = new Map<string, { value: string; until: number }>();

  const read = (key: string): string | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (millis() < entry.until) return entry.value;
    entries.delete(key);
    return undefined;
  };
  const write = (key: string, value: string, ttlSeconds: unknown): void => {
    assertTtl(ttlSeconds);
    const time = millis();
    if (!entries.has(key) && entries.size >= maxEntries) {
      for (const [k, entry] of entries) if (time >= entry.until) entries.delete(k);
      // Evicting a live entry would forget a revocation or let a spent refresh token be used again.
      if (entries.size >= maxEntries) {
        throw new SessionStoreError(
          `the session memory store is full (${maxEntries} live entries); raise maxEntries or use a shared store such as redisStore()`,
        );
      }
    }
    entries.set(key, { value, until: time + ttlSeconds * 1000 });
  };

  return {
    get: read,
    set(key, value, ttlSeconds) {
      write(key, value, ttlSeconds);
    },
    setIfAbsent(key, value, ttlSeconds) {
      if (read(key) !== undefined) return false;
      write(key, value, ttlSeconds);
      return true;
    },
  };
}
