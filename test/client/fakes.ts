/**
 * Stand-ins for what webjwt/client meets in a browser: an auth server with rotating refresh tokens
 * and reuse detection, Web Locks, a tab's view of shared localStorage, and AsyncStorage.
 */
import { vi } from 'vitest';
import type { TokenStorage } from '../../src/client.js';

export const INVALID_TOKEN = 'Bearer error="invalid_token", error_description="The access token is invalid"';

/**
 * An OAuth-style server: `refresh` rotates (a spent token is refused with an error whose status is 400 and, like
 * webjwt/session, revokes the whole session); `fetch` is the API, answering 401 invalid_token for an
 * unknown, expired (on its own clock, Date.now()) or revoked access token. `seen` lists every
 * refresh token the server received, in order.
 */
export function authServer({ lifetime = 900, revokeOnReuse = true } = {}) {
  let count = 0;
  let revoked = false;
  const access = new Map<string, number>();
  const live = new Set<string>();
  const seen: string[] = [];
  function issue() {
    count += 1;
    const tokens = { access_token: `access-${count}`, refresh_token: `refresh-${count}`, expires_in: lifetime, token_type: 'Bearer' };
    access.set(tokens.access_token, Date.now() + lifetime * 1000);
    live.add(tokens.refresh_token);
    return tokens;
  }
  const refresh = vi.fn(async (refreshToken: string) => {
    await Promise.resolve();
    seen.push(refreshToken);
    if (revoked || !live.delete(refreshToken)) {
      if (revokeOnReuse) revoked = true;
      throw Object.assign(new Error('invalid_grant'), { status: 400 });
    }
    return issue();
  });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    await Promise.resolve();
    const authorization = new Request(input, init).headers.get('authorization');
    if (authorization === null) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
    const token = authorization.slice('Bearer '.length);
    const expiry = access.get(token);
    if (revoked || expiry === undefined || Date.now() >= expiry) {
      return new Response(null, { status: 401, headers: { 'www-authenticate': INVALID_TOKEN } });
    }
    return Response.json({ token });
  });
  return {
    issue,
    refresh,
    fetch,
    seen,
    /** The access tokens the API received, in order. */
    sent: () => fetch.mock.calls.map(([input, init]) => new Request(input, init).headers.get('authorization')),
    /** Revokes an access token server-side (the client cannot tell). */
    revokeAccess: (token: string) => access.delete(token),
    get revoked() {
      return revoked;
    },
  };
}

/**
 * Exclusive Web Locks, granted in request order, honouring `signal` while waiting; with `ifAvailable`,
 * a lock held already calls back with null at once. `granted(name)` counts the grants of a lock.
 */
export function fakeLocks() {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const grants = new Map<string, number>();
  const locks = {
    granted: (name: string) => grants.get(name) ?? 0,
    async request<T>(
      name: string,
      options: { signal?: AbortSignal; ifAvailable?: boolean },
      callback: (lock: { name: string } | null) => Promise<T>,
    ): Promise<T> {
      if (held.has(name)) {
        if (options.ifAvailable === true) return callback(null);
        await new Promise<void>((resolve, reject) => {
          const queue = waiting.get(name) ?? [];
          waiting.set(name, queue);
          const grant = () => {
            options.signal?.removeEventListener('abort', abort);
            resolve();
          };
          const abort = () => {
            queue.splice(queue.indexOf(grant), 1);
            reject(new DOMException('The lock request was aborted', 'AbortError'));
          };
          options.signal?.addEventListener('abort', abort);
          queue.push(grant);
        });
      }
      held.add(name);
      grants.set(name, locks.granted(name) + 1);
      try {
        return await callback({ name });
      } finally {
        const next = waiting.get(name)?.shift();
        if (next === undefined) held.delete(name);
        else next();
      }
    },
  };
  return locks;
}

/** One tab's `localStorage`: its own object over the origin's shared items, as in a browser. */
export function tabStorage(items: Map<string, string>): TokenStorage {
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

/**
 * Two tabs' `localStorage` as Chromium has it for tabs in two renderer processes: each tab sees its
 * own writes at once and the other tab's later: `lag` ms later, or without a lag only when the test
 * calls `deliver()`, so that a write is held back exactly as long as the test needs, however slow
 * the machine. `deliver()` passes on every write still on its way, in order.
 */
export function laggingStorages(lag?: number): { tabs: [TokenStorage, TokenStorage]; deliver: () => void } {
  const views = [new Map<string, string>(), new Map<string, string>()] as const;
  const onTheirWay: (() => void)[] = [];
  const tab = (own: Map<string, string>, other: Map<string, string>): TokenStorage => {
    const write = (change: (view: Map<string, string>) => void) => {
      change(own);
      const arrive = () => {
        const at = onTheirWay.indexOf(arrive);
        if (at === -1) return; // delivered already
        onTheirWay.splice(at, 1);
        change(other);
      };
      onTheirWay.push(arrive);
      if (lag !== undefined) setTimeout(arrive, lag);
    };
    return {
      getItem: (key) => own.get(key) ?? null,
      setItem: (key, value) => {
        write((view) => view.set(key, value));
      },
      removeItem: (key) => {
        write((view) => view.delete(key));
      },
    };
  };
  return {
    tabs: [tab(views[0], views[1]), tab(views[1], views[0])],
    deliver: () => {
      for (const arrive of [...onTheirWay]) arrive();
    },
  };
}

/** React Native's AsyncStorage: every call answers on a later turn. */
export function asyncStorage(items = new Map<string, string>()) {
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  return {
    items,
    getItem: vi.fn(async (key: string) => {
      await later();
      return items.get(key) ?? null;
    }),
    setItem: vi.fn(async (key: string, value: string) => {
      await later();
      items.set(key, value);
    }),
    removeItem: vi.fn(async (key: string) => {
      await later();
      items.delete(key);
    }),
  };
}
