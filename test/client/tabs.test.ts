/**
 * Two tabs: two client objects, each with its own storage object over the origin's shared items (as
 * each tab has its own `localStorage`), a fake Web Locks shared by both (locks are per origin), and
 * Node's BroadcastChannel, which delivers between them as between tabs.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TokenStorage } from '../../src/client.js';
import { authServer, fakeLocks, laggingStorages, tabStorage } from './fakes.js';
import { advanceClock, track, url } from './support.js';

function twoTabs(server: ReturnType<typeof authServer>, storageKey: string, storages?: [TokenStorage, TokenStorage]) {
  const items = new Map<string, string>();
  const [a, b] = storages ?? [tabStorage(items), tabStorage(items)];
  return {
    items,
    a: track({ refresh: server.refresh, fetch: server.fetch, storage: a, storageKey }),
    b: track({ refresh: server.refresh, fetch: server.fetch, storage: b, storageKey }),
  };
}

describe('tabs', () => {
  it("with Web Locks, a tab adopts the other tab's rotation instead of refreshing with the spent token", async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = authServer();
    const { a, b } = twoTabs(server, 'tabs-1');
    await a.client.setTokens(server.issue());
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    advanceClock(901);

    // Both tabs wake up with an expired token and ten requests each.
    const calls = [...Array.from({ length: 10 }, () => a.client.fetch(url)), ...Array.from({ length: 10 }, () => b.client.fetch(url))];
    const statuses = (await Promise.all(calls)).map((response) => response.status);
    expect(statuses).toEqual(Array(20).fill(200));
    expect(server.seen).toEqual(['refresh-1']);
    expect(server.revoked).toBe(false);
    // One refresh per tab asked for the lock; the second found the rotation in storage.
    expect(locks.granted('webjwt.client:tabs-1')).toBe(2);
    expect(await b.client.getAccessToken()).toBe('access-2');
  });

  it("a tab that gets the lock before the rotation is visible in its storage takes the tokens from the holder's message", async () => {
    // Chromium: the tab that gets the lock second may read localStorage before the first tab's
    // write has reached it. Here the other tab sees a write only when the test delivers it (the
    // login, not the rotation), and the holder's message arrives after the lock is granted (Node's
    // BroadcastChannel delivers on a later turn).
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = authServer();
    const { tabs: storages, deliver } = laggingStorages();
    const { a, b } = twoTabs(server, 'tabs-8', storages);
    await a.client.setTokens(server.issue());
    deliver();
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    advanceClock(901);

    const calls = [...Array.from({ length: 10 }, () => a.client.fetch(url)), ...Array.from({ length: 10 }, () => b.client.fetch(url))];
    const statuses = (await Promise.all(calls)).map((response) => response.status);
    expect(server.seen).toEqual(['refresh-1']);
    expect(server.revoked).toBe(false);
    expect(statuses).toEqual(Array(20).fill(200));
    expect(locks.granted('webjwt.client:tabs-8')).toBe(2);
    expect(storages[1].getItem('tabs-8')).toContain('access-1');
    expect(await b.client.getAccessToken()).toBe('access-2');
  });

  it('so does a tab that asks for the lock just after the holder let go', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = authServer();
    const { tabs: storages } = laggingStorages(200);
    const { a, b } = twoTabs(server, 'tabs-9', storages);
    await a.client.setTokens(server.issue());
    // The login in B's storage, and in B itself by A's message (which must not be assumed to come within the lag).
    await vi.waitFor(() => {
      expect(storages[1].getItem('tabs-9')).not.toBeNull();
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    advanceClock(901);

    expect((await a.client.fetch(url)).status).toBe(200);
    // The lock is free again, B's storage still shows access-1, and A's message may be on its way.
    expect((await b.client.fetch(url)).status).toBe(200);
    expect(server.seen).toEqual(['refresh-1']);
    expect(server.revoked).toBe(false);
    expect(await b.client.getAccessToken()).toBe('access-2');
  });

  it('a tab whose token another tab spent, when no word of the new one comes, fails the refresh rather than spend it again', async () => {
    // No BroadcastChannel, and a storage write that arrives only after the wait (one second) is over:
    // when the test delivers it.
    vi.stubGlobal('BroadcastChannel', undefined);
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = authServer();
    const { tabs: storages, deliver } = laggingStorages();
    const a = track({ refresh: server.refresh, fetch: server.fetch, storage: storages[0], storageKey: 'tabs-10' });
    await a.client.setTokens(server.issue());
    deliver(); // B opens once the login is in its storage.
    const b = track({ refresh: server.refresh, fetch: server.fetch, storage: storages[1], storageKey: 'tabs-10' });
    advanceClock(901);

    expect((await a.client.fetch(url)).status).toBe(200);
    const started = performance.now();
    await expect(b.client.fetch(url)).rejects.toMatchObject({ code: 'ERR_CLIENT_REFRESH_FAILED' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(b.client.getSnapshot()).toMatchObject({ status: 'signed-in', error: { code: 'ERR_CLIENT_REFRESH_FAILED' } });
    expect(storages[1].getItem('tabs-10')).toContain('access-1');
    // Once the write has arrived, the next call finds it.
    deliver();
    expect(storages[1].getItem('tabs-10')).toContain('access-2');
    expect((await b.client.fetch(url)).status).toBe(200);
    expect(server.seen).toEqual(['refresh-1']);
    expect(server.revoked).toBe(false);
  });

  it('without the lock, the same race replays the spent token and the session is revoked (what the lock prevents)', async () => {
    const server = authServer();
    const { a, b } = twoTabs(server, 'tabs-2');
    await a.client.setTokens(server.issue());
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    advanceClock(901);
    await Promise.allSettled([a.client.fetch(url), b.client.fetch(url)]);
    expect(server.seen.slice(0, 2)).toEqual(['refresh-1', 'refresh-1']);
    expect(server.revoked).toBe(true);
  });

  it('new tokens spread to the other tab by BroadcastChannel', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const server = authServer();
    const { a, b } = twoTabs(server, 'tabs-3');
    await a.client.setTokens(server.issue());
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    advanceClock(901);
    expect(await a.client.getAccessToken()).toBe('access-2');
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().expiresAt).toBe(a.client.getSnapshot().expiresAt);
    });
    expect(await b.client.getAccessToken()).toBe('access-2');
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  it('without BroadcastChannel, the storage event tells the other tab', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const windows = [new EventTarget(), new EventTarget()] as const;
    const items = new Map<string, string>();
    // Each tab listens on its own window; a write in one fires `storage` in the other, as browsers do.
    const storageOf = (writer: 0 | 1): TokenStorage => ({
      ...tabStorage(items),
      setItem(key, value) {
        items.set(key, value);
        windows[1 - writer]!.dispatchEvent(Object.assign(new Event('storage'), { key }));
      },
    });
    const server = authServer();
    const make = (tab: 0 | 1) => {
      vi.stubGlobal('addEventListener', windows[tab].addEventListener.bind(windows[tab]));
      vi.stubGlobal('removeEventListener', windows[tab].removeEventListener.bind(windows[tab]));
      return track({ refresh: server.refresh, fetch: server.fetch, storage: storageOf(tab), storageKey: 'tabs-4' });
    };
    const a = make(0);
    const b = make(1);
    await a.client.setTokens(server.issue());
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    expect(await b.client.getAccessToken()).toBe('access-1');
  });

  it("a refused refresh checks for a sibling's rotation before ending the session", async () => {
    // No Web Locks, and a server that refuses a spent token without revoking the session. Both tabs
    // refresh with refresh-1 at once; B's request reaches the server after A's, is refused, and B
    // finds A's rotation in storage instead of signing the user out.
    const server = authServer({ revokeOnReuse: false });
    const items = new Map<string, string>();
    let aStored = () => {};
    const stored = new Promise<void>((resolve) => {
      aStored = resolve;
    });
    const bRefresh = vi.fn(async (token: string) => {
      await stored;
      return server.refresh(token);
    });
    server.issue();
    items.set(
      'tabs-5',
      JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1', receivedAt: Date.now(), expiresAt: Date.now() + 900_000 }),
    );
    const aStorage: TokenStorage = {
      ...tabStorage(items),
      setItem: (key, value) => {
        items.set(key, value);
        aStored();
      },
    };
    const tabA = track({ refresh: server.refresh, fetch: server.fetch, storageKey: 'tabs-5', storage: aStorage });
    const tabB = track({ refresh: bRefresh, fetch: server.fetch, storageKey: 'tabs-5', storage: tabStorage(items) });
    advanceClock(901);

    const [fromA, fromB] = await Promise.all([tabA.client.fetch(url), tabB.client.fetch(url)]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(server.seen).toEqual(['refresh-1', 'refresh-1']);
    await expect(bRefresh.mock.results[0]!.value).rejects.toMatchObject({ status: 400 });
    expect(await tabB.client.getAccessToken()).toBe('access-2');
    expect(tabB.client.getSnapshot()).toMatchObject({ status: 'signed-in', error: null });
  });

  it('a lock not granted in time is a failed refresh, not a second refresh', async () => {
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks });
    const server = authServer();
    const { a, b } = twoTabs(server, 'tabs-6');
    a.client.close();
    await b.client.setTokens(server.issue());
    // Another tab holds the lock and never lets go (a frozen tab, say).
    let release = () => {};
    void locks.request(
      'webjwt.client:tabs-6',
      {},
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    advanceClock(901);
    const started = performance.now();
    const short = track({
      refresh: server.refresh,
      fetch: server.fetch,
      storage: tabStorage(new Map()),
      storageKey: 'tabs-6',
      lockTimeout: 50,
    });
    await short.client.setTokens(server.issue());
    advanceClock(901);
    await expect(short.client.fetch(url)).rejects.toMatchObject({ code: 'ERR_CLIENT_REFRESH_FAILED', cause: { name: 'AbortError' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(server.refresh).not.toHaveBeenCalled();
    release();
  });

  it('logout in one tab clears storage and signs the other tab out', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const server = authServer();
    const { items, a, b } = twoTabs(server, 'tabs-7');
    await a.client.setTokens(server.issue());
    await vi.waitFor(() => {
      expect(b.client.getSnapshot().status).toBe('signed-in');
    });
    await b.client.logout();
    expect(items.size).toBe(0);
    await vi.waitFor(() => {
      expect(a.client.getSnapshot().status).toBe('signed-out');
    });
    expect(await a.client.getAccessToken()).toBeNull();
    expect(a.client.getSnapshot().error).toBeNull();
  });
});
