/**
 * A JWK Set fetched from a URL (RFC 7517 §5, RFC 8414 jwks_uri), cached, refreshed on rotation, and
 * hardened against the ways a network fetch goes wrong (SECURITY.md, C32): storms, hangs, huge or
 * hostile responses, redirects, outages. Only the configured URL is ever fetched; a token's `jku`
 * and `x5u` are never followed (RFC 8725 §3.10).
 */
import type { JwtHeader } from '../types.js';
import { JwksFetchError, JwtError, KeyError } from '../lib/errors.js';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { within } from '../lib/within.js';
import { durationSeconds } from '../lib/time.js';
import type { JwtKey } from './key.js';
import { importKeySet, selectKey, type ImportedKeySet } from './keyset.js';

export interface RemoteJWKSetOptions {
  /** The fetch to use. Default: the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /**
   * How long a fetched set is used: seconds or a duration. Default '10m'. The response's
   * Cache-Control max-age (or Expires) can shorten it, down to `cacheMinAge`, never lengthen it.
   */
  cacheMaxAge?: number | string;
  /** The shortest caching a response's headers can ask for (no-store included). Default '30s'. */
  cacheMinAge?: number | string;
  /**
   * Where to keep the fetched set between processes or isolates (an edge platform's cache or KV), so
   * a cold start need not fetch. It stores plain JSON. It can never fail or stall a verification: a
   * `get()` that throws, rejects or takes longer than `timeout` is a miss (the network is used), and
   * `set()` runs apart from every verification, its errors and delays ignored.
   */
  cache?: JwksCacheStore;
  /**
   * Minimum time between two refetches for tokens whose `kid` the set lacks, and between retries
   * after a failed fetch. Default '30s'. The first unknown kid refetches at once (even right after
   * the set was fetched), so a rotated key is found; a storm of unknown kids costs one fetch per cooldown.
   */
  cooldown?: number | string;
  /**
   * How long one fetch may take, body included, and a cache store's `get()`. Default '5s'. Enforced
   * by webjwt itself, so a custom `fetch` that ignores the abort signal cannot stall verification.
   */
  timeout?: number | string;
  /** Largest response body accepted, in bytes. Default 512 KiB. */
  maxResponseBytes?: number;
  /** How long past `cacheMaxAge` the last good set keeps serving while fetches fail. Default '1h'. */
  staleWhileError?: number | string;
  /** Extra request headers (for example a User-Agent). */
  headers?: Record<string, string>;
  /** The issuer these keys belong to: tokens with another (or no) `iss` are refused (RFC 8725 §3.8). */
  issuer?: string;
  /** The clock in milliseconds, for tests. Default `Date.now`. */
  now?: () => number;
}

/** A place to keep a fetched key set, such as a KV namespace or the Cache API. Either method may return a promise. */
export interface JwksCacheStore {
  get(): unknown;
  set(entry: CachedJwks): unknown;
}

/** What a `JwksCacheStore` holds: the set as fetched, when, and for how long it is fresh (ms). */
export interface CachedJwks {
  jwks: unknown;
  fetchedAt: number;
  maxAge: number;
}

/**
 * Each resolver's lookup of its set by another selection than verify()'s (decrypt()'s encryption
 * keys): the same fetched set, cache, refetches and cooldowns.
 */
const lookups = new WeakMap<object, <K>(select: (json: unknown) => K) => Promise<K>>();
/** The JSON each imported set was read from. */
const fetched = new WeakMap<ImportedKeySet, unknown>();

/**
 * The lookup of a `createRemoteJWKSet()` resolver: `select` gets the set's JSON as fetched (the
 * cached one, or one refetched, under the resolver's rules: a selection failing with
 * ERR_JWKS_NO_KEY refetches as an unknown kid does). Undefined for any other value.
 * @internal For keys/encryption-keyset.ts.
 */
export function remoteSetLookup(resolver: unknown): (<K>(select: (json: unknown) => K) => Promise<K>) | undefined {
  return typeof resolver === 'function' ? lookups.get(resolver) : undefined;
}

/** Seconds a response says it may be cached (RFC 9111 §5.2.2.1 max-age, §5.3 Expires), if it says. */
function httpMaxAge(headers: Headers, nowMs: number): number | undefined {
  const cacheControl = headers.get('cache-control')?.toLowerCase() ?? '';
  if (/(^|[,\s])(no-store|no-cache)\b/.test(cacheControl)) return 0;
  const maxAge = /(?:^|[,\s])max-age=(\d+)/.exec(cacheControl)?.[1];
  if (maxAge !== undefined) return Number(maxAge);
  const expires = headers.get('expires');
  if (expires === null) return undefined;
  const at = Date.parse(expires);
  // An unparseable Expires means "already expired" (RFC 9111 §5.3).
  return Number.isNaN(at) ? 0 : Math.max(0, (at - nowMs) / 1000);
}

const OPTION_NAMES = {
  fetch: true,
  cacheMaxAge: true,
  cacheMinAge: true,
  cache: true,
  cooldown: true,
  timeout: true,
  maxResponseBytes: true,
  staleWhileError: true,
  headers: true,
  issuer: true,
  now: true,
} as const satisfies OptionNames<RemoteJWKSetOptions>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function fetchError(message: string, cause?: unknown): JwksFetchError {
  return new JwksFetchError(message, cause === undefined ? undefined : { cause });
}

/** Reads at most `limit` bytes of a body; more is an error, whatever Content-Length said. */
async function readLimited(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) throw fetchError(`key set response is larger than ${limit} bytes`);
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw fetchError(`key set response is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Releases the connection of a response whose body is not wanted. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** A fetched set: imported, and as the store keeps it. */
type Loaded = CachedJwks & { set: ImportedKeySet };

/** A duration option in seconds: its value, or `fallback` when it is absent (null is not absent). */
function duration(value: number | string | undefined, fallback: string, name: string): number {
  return durationSeconds(value === undefined ? fallback : value, name);
}

function optionalFunction<F extends (...args: never[]) => unknown>(value: F | undefined, name: string): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`${name} must be a function`);
  return value;
}

function cacheStore(value: JwksCacheStore | undefined): JwksCacheStore | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || (value as unknown) === null || typeof value.get !== 'function' || typeof value.set !== 'function') {
    throw new TypeError('cache must be an object with get() and set() methods');
  }
  return value;
}

function requestHeaders(value: Record<string, string> | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    (value as unknown) === null ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === 'string')
  ) {
    throw new TypeError('headers must be an object of strings');
  }
  return { ...value };
}

/**
 * A resolver for `verify()` that takes keys from a remote JWK Set.
 * @param url the `jwks_uri`: https, or http on a loopback address for local development.
 * @throws TypeError for a URL that is not https (or loopback http), or invalid options.
 * @example
 * const jwks = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));
 * const { payload } = await verify(token, jwks, { issuer: 'https://auth.example.com', audience: 'api' });
 */
export function createRemoteJWKSet(
  url: string | URL,
  options: RemoteJWKSetOptions = {},
): ((header: JwtHeader) => Promise<JwtKey>) & { readonly issuer?: string } {
  const target = new URL(url);
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && LOOPBACK.has(target.hostname))) {
    throw new TypeError('the key set URL must use https (plain http only on a loopback address)');
  }
  if (target.username !== '' || target.password !== '') throw new TypeError('the key set URL must not carry credentials');
  const href = target.href;
  const checked = checkOptions(options, OPTION_NAMES, 'createRemoteJWKSet()');
  const maxAge = duration(checked.cacheMaxAge, '10m', 'cacheMaxAge') * 1000;
  const minAge = Math.min(maxAge, duration(checked.cacheMinAge, '30s', 'cacheMinAge') * 1000);
  const store = cacheStore(checked.cache);
  const cooldown = duration(checked.cooldown, '30s', 'cooldown') * 1000;
  const timeout = duration(checked.timeout, '5s', 'timeout') * 1000;
  if (timeout <= 0) throw new TypeError('timeout must be more than zero');
  const stale = duration(checked.staleWhileError, '1h', 'staleWhileError') * 1000;
  const limit = checked.maxResponseBytes === undefined ? 512 * 1024 : checked.maxResponseBytes;
  positiveInteger(limit, 'maxResponseBytes');
  const now = optionalFunction(checked.now, 'now') ?? Date.now;
  const doFetch = optionalFunction(checked.fetch, 'fetch') ?? ((input: string, init: RequestInit) => fetch(input, init));
  const headers = requestHeaders(checked.headers);
  const issuer = checked.issuer;
  if (issuer !== undefined && typeof issuer !== 'string') throw new TypeError('issuer must be a string');

  let current: ImportedKeySet | undefined;
  let fetchedAt = 0;
  let freshFor = maxAge;
  let storeRead: Promise<void> | undefined;
  let lastUnknownKidFetch = Number.NEGATIVE_INFINITY;
  /** Sets fetched so far: a verification that waited for one has the newest set there is. */
  let setsFetched = 0;
  let lastFailure: { at: number; error: unknown } | undefined;
  let inflight: Promise<ImportedKeySet> | undefined;

  /**
   * Fetches and reads the set within `timeout`, whatever the fetch does with the abort signal: the
   * race ends the wait, the signal asks the fetch to stop.
   */
  function load(): Promise<Loaded> {
    const controller = new AbortController();
    return within(fetchAndRead(controller.signal), timeout, () => {
      const error = fetchError(`the key set did not arrive within the ${timeout / 1000}s timeout`);
      controller.abort(error);
      throw error;
    });
  }

  async function fetchAndRead(signal: AbortSignal): Promise<Loaded> {
    let response: Response;
    try {
      response = await doFetch(href, {
        // Every redirect is refused, same-origin ones included. Following only same-origin ones would
        // also be safe, but a moved key set URL is a configuration change to make, not to guess at,
        // and 'manual' behaves alike in every runtime (an opaqueredirect in browsers, the 3xx elsewhere).
        redirect: 'manual',
        signal,
        headers: { accept: 'application/jwk-set+json, application/json', ...headers },
      });
    } catch (cause) {
      throw fetchError('could not fetch the key set', cause);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      discard(response);
      throw fetchError('the key set URL redirected; configure the final URL');
    }
    if (!response.ok) {
      discard(response);
      throw fetchError(`the key set URL answered HTTP ${response.status}`);
    }
    let body: Uint8Array;
    try {
      body = await readLimited(response, limit);
    } catch (cause) {
      throw cause instanceof JwtError ? cause : fetchError('could not read the key set', cause);
    }
    let json: unknown;
    try {
      json = JSON.parse(utf8.decode(body));
    } catch (cause) {
      throw fetchError('the key set is not JSON', cause);
    }
    const set = usable(json);
    const headerAge = httpMaxAge(response.headers, now());
    const age = headerAge === undefined ? maxAge : Math.min(maxAge, Math.max(minAge, headerAge * 1000));
    return { set, jwks: json, fetchedAt: now(), maxAge: age };
  }

  function usable(json: unknown): ImportedKeySet {
    try {
      const set = importKeySet(json, false);
      fetched.set(set, json);
      return set;
    } catch (cause) {
      if (cause instanceof KeyError) throw fetchError(`the key set is not usable: ${cause.message}`, cause);
      throw cause;
    }
  }

  /** Adopts a set from the store once, at the first use, when it is well-formed and arrives within `timeout`. */
  async function readStore(): Promise<void> {
    if (store === undefined) return;
    try {
      const entry = (await within(Promise.resolve(store.get()), timeout, () => undefined)) as Partial<CachedJwks> | undefined;
      if (typeof entry?.fetchedAt !== 'number' || typeof entry.maxAge !== 'number') return;
      current = usable(entry.jwks);
      fetchedAt = entry.fetchedAt;
      freshFor = Math.min(maxAge, Math.max(minAge, entry.maxAge));
    } catch {
      // A broken, unreachable or slow store is a cache miss.
    }
  }

  /**
   * Hands a fetched set to the store in a task of its own: no verification, and not the shared fetch
   * that verifications wait for, ever waits for it or sees its errors.
   */
  function writeStore(loaded: Loaded): void {
    if (store === undefined) return;
    const entry: CachedJwks = { jwks: loaded.jwks, fetchedAt: loaded.fetchedAt, maxAge: loaded.maxAge };
    setTimeout(() => {
      try {
        Promise.resolve(store.set(entry)).catch(() => undefined);
      } catch {
        // The store is an optimisation; verification goes on without it.
      }
    }, 0);
  }

  /** One fetch at a time: concurrent callers share it. */
  function refresh(): Promise<ImportedKeySet> {
    inflight ??= (async () => {
      try {
        let loaded: Loaded;
        try {
          loaded = await load();
        } catch (error) {
          lastFailure = { at: now(), error };
          throw error;
        }
        lastFailure = undefined;
        setsFetched++;
        current = loaded.set;
        fetchedAt = loaded.fetchedAt;
        freshFor = loaded.maxAge;
        writeStore(loaded);
        return loaded.set;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  /** A fetch: the one under way, else a new one unless the last failed within the cooldown. */
  function refreshOrBackOff(): Promise<ImportedKeySet> {
    if (inflight !== undefined || lastFailure === undefined || now() - lastFailure.at >= cooldown) return refresh();
    // An outage must not become one request per token: retry once per cooldown.
    return Promise.reject(fetchError('the key set could not be fetched; retrying after the cooldown', lastFailure.error));
  }

  /** The current set: fresh, refetched, or stale within the window while fetches fail. */
  async function usableSet(): Promise<ImportedKeySet> {
    await (storeRead ??= readStore());
    if (current !== undefined && now() - fetchedAt < freshFor) return current;
    try {
      return await refreshOrBackOff();
    } catch (error) {
      if (current !== undefined && now() - fetchedAt < freshFor + stale) return current;
      throw error;
    }
  }

  /**
   * A set newer than `seen`, for a token whose key it lacks (the issuer may have rotated): the fetch
   * under way, the set it brought meanwhile, or a refetch unless another unknown kid caused one
   * within the cooldown; else undefined. Only these refetches count toward the cooldown, so a key
   * published right after the set was fetched is found at once.
   */
  function newerSet(seen: ImportedKeySet): Promise<ImportedKeySet> | undefined {
    if (inflight !== undefined) return inflight;
    if (current !== undefined && current !== seen) return Promise.resolve(current);
    if (now() - lastUnknownKidFetch < cooldown) return undefined;
    lastUnknownKidFetch = now();
    return refresh();
  }

  /** What `select` finds in the current set, or in a newer one when it finds no key there. */
  async function lookup<K>(select: (set: ImportedKeySet) => K): Promise<K> {
    const before = setsFetched;
    const set = await usableSet();
    try {
      return select(set);
    } catch (error) {
      // A set fetched while this token waited is as new as any: fetching again would find nothing more.
      const retry = error instanceof JwtError && error.code === 'ERR_JWKS_NO_KEY' && setsFetched === before;
      const newer = retry ? newerSet(set) : undefined;
      if (newer === undefined) throw error;
      let fresh: ImportedKeySet;
      try {
        fresh = await newer;
      } catch {
        throw error;
      }
      return select(fresh);
    }
  }

  const resolve = (header: JwtHeader): Promise<JwtKey> => lookup((set) => selectKey(set, header));
  lookups.set(resolve, (select) => lookup((set) => select(fetched.get(set))));
  return issuer === undefined ? resolve : Object.assign(resolve, { issuer });
}
