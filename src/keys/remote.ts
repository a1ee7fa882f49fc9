/**
 * A JWK Set fetched from a URL (RFC 7517 §5, RFC 8414 jwks_uri), cached, refreshed on rotation, and
 * hardened against the ways a network fetch goes wrong (SECURITY.md C32): storms, hangs, huge or
 * hostile responses, redirects, outages. Only the configured URL is ever fetched; a token's `jku`
 * and `x5u` are never followed (RFC 8725 §3.10).
 */
import type { JwtHeader } from '../codec.js';
import { JwtError, KeyError } from '../errors.js';
import { durationSeconds } from '../time.js';
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
   * a cold start need not fetch. It stores plain JSON; its errors are ignored (the network is used).
   */
  cache?: JwksCacheStore;
  /** Minimum time between two fetches triggered by unknown keys, and between retries after a failed fetch. Default '30s'. */
  cooldown?: number | string;
  /** How long one fetch may take, body included. Default '5s'. */
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

/** A place to keep a fetched key set, such as a KV namespace or the Cache API. */
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function fetchError(message: string, cause?: unknown): JwtError {
  return new JwtError('ERR_JWKS_FETCH', message, cause === undefined ? undefined : { cause });
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
  const maxAge = durationSeconds(options.cacheMaxAge ?? '10m', 'cacheMaxAge') * 1000;
  const minAge = Math.min(maxAge, durationSeconds(options.cacheMinAge ?? '30s', 'cacheMinAge') * 1000);
  const store = options.cache;
  const cooldown = durationSeconds(options.cooldown ?? '30s', 'cooldown') * 1000;
  const timeout = durationSeconds(options.timeout ?? '5s', 'timeout') * 1000;
  if (timeout <= 0) throw new TypeError('timeout must be more than zero');
  const stale = durationSeconds(options.staleWhileError ?? '1h', 'staleWhileError') * 1000;
  const limit = options.maxResponseBytes ?? 512 * 1024;
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new TypeError('maxResponseBytes must be a positive integer');
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));

  let current: ImportedKeySet | undefined;
  let fetchedAt = 0;
  let freshFor = maxAge;
  let storeRead: Promise<void> | undefined;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let lastFailure: { at: number; error: unknown } | undefined;
  let inflight: Promise<ImportedKeySet> | undefined;

  async function load(): Promise<CachedJwks & { set: ImportedKeySet }> {
    let response: Response;
    try {
      response = await doFetch(href, {
        // Every redirect is refused, same-origin ones included. Following only same-origin ones would
        // also be safe, but a moved key set URL is a configuration change to make, not to guess at,
        // and 'manual' behaves alike in every runtime (an opaqueredirect in browsers, the 3xx elsewhere).
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
        headers: { accept: 'application/jwk-set+json, application/json', ...options.headers },
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
      return importKeySet(json, false);
    } catch (cause) {
      if (cause instanceof KeyError) throw fetchError(`the key set is not usable: ${cause.message}`, cause);
      throw cause;
    }
  }

  /** Adopts a set from the store once, at the first use, when it is well-formed. */
  async function readStore(): Promise<void> {
    if (store === undefined) return;
    try {
      const entry = (await store.get()) as Partial<CachedJwks> | undefined;
      if (typeof entry?.fetchedAt !== 'number' || typeof entry.maxAge !== 'number') return;
      current = usable(entry.jwks);
      fetchedAt = entry.fetchedAt;
      freshFor = Math.min(maxAge, Math.max(minAge, entry.maxAge));
    } catch {
      // A broken or unreachable store is a cache miss.
    }
  }

  /** One fetch at a time: concurrent callers share it. */
  function refresh(): Promise<ImportedKeySet> {
    inflight ??= (async () => {
      lastAttempt = now();
      try {
        let loaded: Awaited<ReturnType<typeof load>>;
        try {
          loaded = await load();
        } catch (error) {
          lastFailure = { at: now(), error };
          throw error;
        }
        lastFailure = undefined;
        current = loaded.set;
        fetchedAt = loaded.fetchedAt;
        freshFor = loaded.maxAge;
        try {
          await store?.set({ jwks: loaded.jwks, fetchedAt: loaded.fetchedAt, maxAge: loaded.maxAge });
        } catch {
          // The store is an optimisation; verification goes on without it.
        }
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

  if (options.issuer !== undefined && typeof options.issuer !== 'string') throw new TypeError('issuer must be a string');

  /**
   * A set newer than `seen`, for an unknown key (the issuer may have rotated): the fetch under way,
   * the set it brought meanwhile, or a refetch when the cooldown allows one; else undefined.
   */
  function newerSet(seen: ImportedKeySet): Promise<ImportedKeySet> | undefined {
    if (inflight !== undefined) return inflight;
    if (current !== undefined && current !== seen) return Promise.resolve(current);
    return now() - lastAttempt >= cooldown ? refresh() : undefined;
  }

  const resolve = async (header: JwtHeader): Promise<JwtKey> => {
    const set = await usableSet();
    try {
      return selectKey(set, header);
    } catch (error) {
      const newer = error instanceof JwtError && error.code === 'ERR_JWKS_NO_KEY' ? newerSet(set) : undefined;
      if (newer === undefined) throw error;
      let fresh: ImportedKeySet;
      try {
        fresh = await newer;
      } catch {
        throw error;
      }
      return selectKey(fresh, header);
    }
  };
  return options.issuer === undefined ? resolve : Object.assign(resolve, { issuer: options.issuer });
}
