/**
 * The browser and app half of the login flow: keeps the tokens, attaches the access token to
 * requests, and refreshes it (before it expires, and once on a 401 invalid_token) without ever
 * spending a refresh token twice.
 */
import { decode, type JwtPayload } from 'webjwt';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { AuthClientError, fail } from './errors.js';
import { hubOf, isMarked, mark, withLock } from './gate.js';
import { createScheduler, refreshTime } from './schedule.js';
import { memoryStorage, type TokenStorage } from './storage.js';
import { parseTokens, tokensFrom, type TokenResponse, type Tokens } from './tokens.js';

export interface AuthClientOptions {
  /**
   * The app's call to its refresh endpoint: resolves to the token response, or rejects. It must use
   * the plain `fetch`, never this client's, which would wait for the refresh it is making.
   */
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  /**
   * Whether an error `refresh` threw means the server refused the refresh token (the session is
   * over) rather than the refresh failing (try again later). Default: true for an error, such as a
   * `Response`, whose `status` (or `response.status`, as axios and ky have it) is 400 or 401
   * (RFC 6749 §5.2: invalid_grant, invalid_client).
   */
  isSessionEnded?: (error: unknown) => boolean;
  /** Called by `logout()` with the refresh token, to revoke the session on the server. */
  revoke?: (refreshToken: string) => Promise<unknown>;
  /** Where the tokens are kept: `localStorage`, `sessionStorage`, AsyncStorage or your own. Default: memory. */
  storage?: TokenStorage;
  /** The storage key, also naming the Web Lock and the BroadcastChannel. Default 'webjwt.tokens'. */
  storageKey?: string;
  /** The fetch that `client.fetch` calls. Default: the global `fetch`. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** How long a refresh waits for another tab's to finish, in ms, before failing. Default 10000. */
  lockTimeout?: number;
}

/** What `getSnapshot()` returns: a new object on each change, the same one otherwise. */
export interface AuthState {
  /** 'loading' until an asynchronous storage has been read. */
  status: 'loading' | 'signed-in' | 'signed-out';
  /** When the access token expires, in ms on this device's clock; null when unknown or signed out. */
  expiresAt: number | null;
  /**
   * The last refresh's outcome when it went wrong: ERR_CLIENT_REFRESH_FAILED (still signed in) or
   * ERR_CLIENT_SESSION_ENDED (signed out). Null again after a refresh, a login or a logout.
   */
  error: AuthClientError | null;
  /**
   * The access token's payload (`sub`, `name`, roles…), decoded with `decode()` and NOT verified:
   * for display only (a name, which menu to show), never for authorisation, which the API does when
   * it verifies the token. Null when signed out, and when the access token is not a JWT that decodes
   * (an opaque token): the client keeps using such a token all the same.
   */
  claims: JwtPayload | null;
}

export interface AuthClient {
  /** Keeps the tokens of a login response (OAuth's or webjwt/session's spelling). @throws TypeError for a response without an access token. */
  setTokens(response: TokenResponse): Promise<void>;
  /**
   * `fetch` with `Authorization: Bearer <access token>` (none when signed out). Waits for a refresh in
   * flight, refreshes an expired token first, and on a 401 whose challenge says `invalid_token`
   * refreshes once and retries once. Other responses, other 401s and 403s are returned as they are.
   * @throws AuthClientError when a refresh it needed failed (ERR_CLIENT_REFRESH_FAILED) or was refused (ERR_CLIENT_SESSION_ENDED).
   */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** A valid access token (refreshed if it expired), or null when signed out. @throws AuthClientError as `fetch` does. */
  getAccessToken(): Promise<string | null>;
  /** Forgets the tokens here and in every tab, then calls `revoke` with the refresh token. */
  logout(): Promise<void>;
  /** Calls `listener` with the new state on every change; returns the unsubscribe function. */
  subscribe(listener: (state: AuthState) => void): () => void;
  /** The current state, for React's `useSyncExternalStore(client.subscribe, client.getSnapshot)`. */
  getSnapshot(): AuthState;
  /** Stops the timer and the cross-tab listeners, for a client no longer used (a test, an unmounted app). */
  close(): void;
}

const AUTH_CLIENT_OPTIONS = {
  refresh: true,
  isSessionEnded: true,
  revoke: true,
  storage: true,
  storageKey: true,
  fetch: true,
  lockTimeout: true,
} as const satisfies OptionNames<AuthClientOptions>;

/** RFC 6750 §3.1: the challenge of a token that expired or was revoked, in any of the header's challenges. */
const INVALID_TOKEN = /\bBearer\b.*\berror="?invalid_token\b/i;

/** The default `isSessionEnded`: the status of a thrown `Response`, or of an HTTP client's error. */
function refusedByServer(error: unknown): boolean {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null | undefined;
  const status = e?.status ?? e?.response?.status;
  return status === 400 || status === 401;
}

const noop = (): void => undefined;

/** How long a tab keeps the mark that it rotated a token, in ms: far longer than a message takes. */
const MARK_TIME = 10_000;
/** How long a refresh that finds its token marked waits for the new tokens, in ms. */
const WORD_TIMEOUT = 1000;

/** What a tab tells the others on the channel: the tokens that replace the access token `from`, as stored (null: signed out). */
interface News {
  from: string | undefined;
  text: string | null;
}

/** The payload of a token for display, or null for one that does not decode (an opaque token). */
function claimsOf(token: string): JwtPayload | null {
  try {
    return decode(token).payload;
  } catch {
    return null;
  }
}

/**
 * The request with the token attached; a Request is cloned, so that the retry can send it again.
 * (Wherever `Headers` is, `Request` is too: both are the Fetch API.)
 */
function withToken(input: RequestInfo | URL, init: RequestInit | undefined, token: string | undefined): [RequestInfo | URL, RequestInit] {
  const request = input instanceof Request ? input : undefined;
  const headers = new Headers(init?.headers ?? request?.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  return [request?.clone() ?? input, { ...init, headers }];
}

/**
 * A client for an API that takes bearer tokens and a refresh endpoint that rotates refresh tokens,
 * such as webjwt/session's. Options are checked here.
 * @throws TypeError for a missing `refresh`, an unknown option name or an option of the wrong type.
 * @example
 * const client = createAuthClient({
 *   storage: localStorage,
 *   refresh: async (refreshToken) => {
 *     const response = await fetch('/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken }) });
 *     // 400/401: the session is over; anything else: try again later
 *     if (!response.ok) throw Object.assign(new Error('refresh refused'), { status: response.status });
 *     return response.json();
 *   },
 * });
 * await client.setTokens(await login());
 * const orders = await client.fetch('/api/orders');
 */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const {
    refresh,
    revoke,
    isSessionEnded = refusedByServer,
    storage = memoryStorage(),
    storageKey: key = 'webjwt.tokens',
    lockTimeout = 10_000,
    fetch: send = (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
  } = checkOptions(options, AUTH_CLIENT_OPTIONS, 'createAuthClient()');
  // Every function the client will call, checked now rather than at the first refresh: `refresh`
  // first, so that a call without options asks for it; the storage's methods as localStorage and
  // AsyncStorage have them.
  const { getItem, setItem, removeItem } = Object(storage) as Partial<TokenStorage>;
  for (const [name, value] of Object.entries({
    refresh,
    revoke: revoke ?? noop,
    isSessionEnded,
    fetch: send,
    'storage.getItem': getItem,
    'storage.setItem': setItem,
    'storage.removeItem': removeItem,
  })) {
    if (typeof value !== 'function') throw new TypeError(`createAuthClient() needs ${name}, a function`);
  }
  if (typeof key !== 'string' || key === '') throw new TypeError('storageKey must be a non-empty string');
  positiveInteger(lockTimeout, 'lockTimeout');

  const hub = hubOf(storage, key);
  const lockName = `webjwt.client:${key}`;
  const listeners = new Set<(state: AuthState) => void>();
  // Other tabs: a message on the channel, and the storage event (Web Storage only).
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const channel = Channel && new Channel(lockName);
  let tokens: Tokens | null = null;
  let state: AuthState = { status: 'loading', expiresAt: null, error: null, claims: null };
  let loaded: unknown;
  /** Called on every change: how a refresh waiting for another tab's tokens hears of them. */
  let wake = noop;

  const read = async (): Promise<Tokens | null> => {
    await loaded;
    return parseTokens(await storage.getItem(key));
  };
  const reload = (): void => {
    read().then(apply, noop);
  };
  const onStorage = (event: StorageEvent): void => {
    if (event.key === key || event.key === null) reload();
  };
  /**
   * Another tab's word. Its tokens are taken from the message itself: in Chromium a tab in another
   * renderer process sees a localStorage write some time later, so a re-read may find the old ones.
   * Tokens replacing others than ours (a word missed) are read from storage instead.
   */
  const onMessage = ({ data }: MessageEvent): void => {
    const { from, text } = Object(data) as Partial<News>;
    if (from === tokens?.accessToken && text !== undefined) apply(parseTokens(text));
    else reload();
  };
  const publish = (from: Tokens | null, text: string | null): void => {
    channel?.postMessage({ from: from?.accessToken, text } satisfies News);
  };
  const expired = (t: Tokens): boolean => Date.now() >= (t.expiresAt ?? Infinity);
  const schedule = createScheduler(() => {
    if (tokens !== null) refreshFrom(tokens).catch(noop);
  });

  /**
   * Takes new tokens (undefined: keep these) and tells the listeners of a change. The error to report
   * is kept while the tokens stay the same, and cleared by new ones, unless one is given.
   */
  function apply(next: Tokens | null | undefined, error?: AuthClientError | null): void {
    const same = next === undefined || next?.accessToken === tokens?.accessToken;
    if (next !== undefined) schedule(refreshTime((tokens = next), Math.random()));
    const fresh: AuthState = {
      status: tokens === null ? 'signed-out' : 'signed-in',
      expiresAt: tokens?.expiresAt ?? null,
      error: error === undefined ? (same ? state.error : null) : error,
      // Decoded once per access token, so that the snapshot stays the same object until it changes.
      claims: same ? state.claims : tokens && claimsOf(tokens.accessToken),
    };
    if ((Object.keys(fresh) as (keyof AuthState)[]).some((name) => fresh[name] !== state[name])) {
      state = fresh;
      for (const listener of listeners) listener(state);
    }
    wake();
  }

  /** Every client object of the session in this page takes the change; other tabs hear of it by `publish`. */
  function share(next: Tokens | null | undefined, error?: AuthClientError | null): void {
    for (const client of hub.clients) client(next, error);
  }

  /** Resolves once `test` passes, tried on every change, or after WORD_TIMEOUT ms. */
  function heard(test: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wake = noop;
        resolve();
      };
      const timer = setTimeout(done, WORD_TIMEOUT);
      wake = () => {
        if (test()) done();
      };
      wake();
    });
  }

  /** The tokens that replace `sent`: a sibling's rotation if there is one, else those of our refresh. */
  async function rotate(sent: Tokens): Promise<Tokens> {
    // Named after the token's last 32 characters (its signature's), not the whole token: a lock name
    // is readable by any script of the origin through navigator.locks.query(), and a bearer
    // credential has no business there.
    const spent = `${lockName} ${sent.accessToken.slice(-32)}`;
    try {
      return await withLock(lockName, lockTimeout, async () => {
        // Under the lock, storage is the truth once it shows another tab's rotation. It may not yet:
        // Chromium hands a localStorage write to tabs in other renderer processes some time later,
        // and the lock can come before the message. The tab that rotated `sent` marks it spent, so
        // then this one waits for the tokens (bounded), and never refreshes with a spent one.
        const stored = await read();
        const marked = stored?.accessToken === sent.accessToken && (await isMarked(spent));
        if (marked) await heard(() => tokens?.accessToken !== sent.accessToken);
        const known = tokens?.accessToken !== sent.accessToken ? tokens : marked ? await read() : stored;
        if (known?.accessToken !== sent.accessToken) return known ?? fail(true, 'signed out in another tab');
        if (marked) return fail(false, 'another tab refreshed, and its tokens have not reached this one yet');
        if (sent.refreshToken === null) return fail(true, 'the access token expired and there is no refresh token');
        const next = tokensFrom(await refresh(sent.refreshToken), sent.refreshToken, Date.now());
        const text = JSON.stringify(next);
        // The old refresh token is spent whatever happens to this write (localStorage throws when
        // full, AsyncStorage rejects): keep the new ones in memory regardless.
        try {
          await storage.setItem(key, text);
        } catch {
          // ignored, as said
        }
        // Before the lock goes: the tokens for the other tabs, and the mark.
        publish(sent, text);
        await mark(spent, MARK_TIME);
        return next;
      });
    } catch (error) {
      // Before giving up on the session: a sibling tab may have rotated (without Web Locks, or after the timeout).
      const stored = await read().catch(noop);
      if (stored && stored.accessToken !== sent.accessToken) return stored;
      if (error instanceof AuthClientError) throw error;
      if (!isSessionEnded(error)) return fail(false, 'the refresh failed; try again later', error);
      await storage.removeItem(key);
      publish(sent, null);
      return fail(true, 'the server refused the refresh token; log in again', error);
    }
  }

  /** The refresh in flight, joined, or a new one from `sent`; its outcome reaches every client object. */
  function refreshFrom(sent: Tokens): Promise<Tokens> {
    return (hub.flight ??= rotate(sent)
      .finally(() => {
        hub.flight = undefined;
      })
      .then(
        (next) => {
          share(next);
          return next;
        },
        (error: unknown) => {
          const failure = error as AuthClientError | undefined;
          share(failure?.code === 'ERR_CLIENT_SESSION_ENDED' ? null : undefined, failure);
          throw error;
        },
      ));
  }

  /** The tokens to use now: after the refresh in flight, refreshed if expired; null when signed out. */
  async function current(): Promise<Tokens | null> {
    await loaded;
    if (hub.flight !== undefined) {
      try {
        return await hub.flight;
      } catch (error) {
        // A failed proactive refresh leaves a token that still works.
        if (tokens === null || expired(tokens)) throw error;
      }
    }
    return tokens !== null && expired(tokens) ? refreshFrom(tokens) : tokens;
  }

  if (channel) {
    channel.onmessage = onMessage;
    (channel as { unref?: () => void }).unref?.();
  }
  // The storage event too, channel or not: a tab that missed a word (or has no channel) re-reads
  // storage when the change has reached it.
  (globalThis as { addEventListener?: typeof addEventListener }).addEventListener?.('storage', onStorage);
  hub.clients.add(apply);

  // Web Storage answers at once, so the first snapshot is already signed in or out.
  const first = storage.getItem(key);
  if (typeof (first as Partial<PromiseLike<unknown>> | null)?.then === 'function') {
    loaded = (first as Promise<string | null>).then(parseTokens, () => null).then(apply);
  } else {
    apply(parseTokens(first as string | null));
  }

  return {
    async setTokens(response) {
      const next = tokensFrom(response, null, Date.now());
      const text = JSON.stringify(next);
      await loaded;
      await storage.setItem(key, text);
      publish(tokens, text);
      share(next);
    },

    async fetch(input, init) {
      const used = await current();
      const response = await send(...withToken(input, init, used?.accessToken));
      if (used === null || response.status !== 401 || !INVALID_TOKEN.test(response.headers.get('www-authenticate') ?? '')) return response;
      // One refresh (joined by every request the same token failed for) and one retry, never a loop.
      const next = tokens?.accessToken === used.accessToken ? await refreshFrom(used) : await current();
      return next === null ? response : send(...withToken(input, init, next.accessToken));
    },

    async getAccessToken() {
      return (await current())?.accessToken ?? null;
    },

    async logout() {
      await loaded;
      await hub.flight?.catch(noop);
      const ended = tokens?.refreshToken;
      await storage.removeItem(key);
      publish(tokens, null);
      share(null, null);
      if (ended && revoke) await revoke(ended);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getSnapshot: () => state,

    close() {
      schedule();
      channel?.close();
      (globalThis as { removeEventListener?: typeof removeEventListener }).removeEventListener?.('storage', onStorage);
      hub.clients.delete(apply);
      listeners.clear();
    },
  };
}
