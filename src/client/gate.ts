/**
 * One refresh at a time per session. With rotation (RFC 9700 §4.14.2) a refresh token works once:
 * a second refresh with it is taken for theft and revokes the session. So within a page every
 * caller and every client object on the same storage and key joins the one refresh in flight, and
 * across tabs the refresh runs under a Web Lock, where the API exists.
 */
import type { AuthClientError } from './errors.js';
import type { TokenStorage } from './storage.js';
import type { Tokens } from './tokens.js';

/** The Web Locks API, where there is one. */
const locks = (): LockManager | undefined => (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;

/** A session's shared state in this page. */
export interface Hub {
  /** The refresh in flight, which every caller awaits instead of starting its own. */
  flight: Promise<Tokens> | undefined;
  /** Each client object's way to take new tokens (null: signed out) or a failure's error. */
  readonly clients: Set<(tokens: Tokens | null | undefined, error?: AuthClientError | null) => void>;
}

const hubs = /* @__PURE__ */ new WeakMap<TokenStorage, Map<string, Hub>>();

/** The hub of `key` in `storage`, made on first use. */
export function hubOf(storage: TokenStorage, key: string): Hub {
  const byKey = hubs.get(storage) ?? new Map<string, Hub>();
  const hub = byKey.get(key) ?? { flight: undefined, clients: new Set() };
  hubs.set(storage, byKey.set(key, hub));
  return hub;
}

/**
 * Runs `task` holding the Web Lock `name`, exclusive across the origin's tabs and workers; without
 * the API (Node, React Native, older browsers) runs it at once, the in-page single flight being all
 * there is to share. A lock not granted within `timeout` ms rejects with the AbortError: the holder
 * may be a frozen tab, and refreshing without the lock would risk the reuse revocation.
 */
export function withLock<T>(name: string, timeout: number, task: () => Promise<T>): Promise<T> {
  const manager = locks();
  if (manager === undefined) return task();
  const abort = new AbortController();
  const timer = setTimeout(() => {
    abort.abort();
  }, timeout);
  return manager.request(name, { signal: abort.signal }, () => {
    clearTimeout(timer);
    return task();
  });
}

/**
 * Takes the lock `name`, unless it is held already, and keeps it `ms` ms; resolves once it is held.
 * A mark every tab of the origin sees at once: the lock manager is one for them all, where a
 * localStorage write and a BroadcastChannel message reach each tab in its own time.
 */
export async function mark(name: string, ms: number): Promise<void> {
  const manager = locks();
  if (manager === undefined) return;
  await new Promise<void>((held) => {
    void manager.request(name, { ifAvailable: true }, (lock) => {
      held();
      return lock && new Promise((resolve) => setTimeout(resolve, ms));
    });
  });
}

/** Whether the lock `name` is held now (never, without Web Locks). */
export async function isMarked(name: string): Promise<boolean> {
  return (await locks()?.request(name, { ifAvailable: true }, (lock) => lock === null)) ?? false;
}
