/** webjwt/client in one page: options, the attached token, the refresh gate, retries and outcomes. */
import { describe, expect, it, vi } from 'vitest';
import { AuthClientError, createAuthClient } from '../../src/client.js';
import { generateSecret, sign } from '../../src/index.js';
import { asyncStorage, authServer, INVALID_TOKEN } from './fakes.js';
import { advanceClock, track, url } from './support.js';

const refresh = () => Promise.reject(new Error('not called'));

describe('createAuthClient options', () => {
  it('refuses unknown names, naming the nearest one', () => {
    expect(() => createAuthClient({ refresh, storageKye: 'x' } as never)).toThrow(
      /unknown option "storageKye"; did you mean "storageKey"\?/,
    );
  });

  it.each([
    ['no options', undefined, /needs refresh, a function/],
    ['no refresh', {}, /needs refresh, a function/],
    ['refresh not a function', { refresh: 'https://x' }, /needs refresh, a function/],
    ['revoke not a function', { refresh, revoke: true }, /needs revoke, a function/],
    ['isSessionEnded not a function', { refresh, isSessionEnded: 401 }, /needs isSessionEnded, a function/],
    ['fetch not a function', { refresh, fetch: {} }, /needs fetch, a function/],
    ['storage without removeItem', { refresh, storage: { getItem() {}, setItem() {} } }, /needs storage.removeItem, a function/],
    ['storage null', { refresh, storage: null }, /needs storage.getItem, a function/],
    ['storage a string', { refresh, storage: 'localStorage' }, /needs storage.getItem, a function/],
    ['empty storageKey', { refresh, storageKey: '' }, /storageKey must be a non-empty string/],
    ['lockTimeout zero', { refresh, lockTimeout: 0 }, /lockTimeout must be a positive integer/],
    ['lockTimeout a string', { refresh, lockTimeout: '10s' }, /lockTimeout must be a positive integer/],
  ])('%s is a TypeError at creation', (_, options, message) => {
    expect(() => createAuthClient(options as never)).toThrow(TypeError);
    expect(() => createAuthClient(options as never)).toThrow(message);
  });
});

describe('tokens and requests', () => {
  it('takes OAuth and webjwt/session responses, and attaches the access token', async () => {
    const server = authServer();
    const { client, states } = track({ refresh: server.refresh, fetch: server.fetch });
    expect(client.getSnapshot()).toEqual({ status: 'signed-out', expiresAt: null, error: null, claims: null });

    const before = Date.now();
    await client.setTokens({
      accessToken: 'a',
      refreshToken: 'r',
      tokenType: 'Bearer',
      expiresIn: 60,
      refreshExpiresIn: 600,
      sessionId: 's',
    });
    expect(await client.getAccessToken()).toBe('a');
    expect(client.getSnapshot().status).toBe('signed-in');
    expect(client.getSnapshot().expiresAt).toBeGreaterThanOrEqual(before + 60_000);

    await client.setTokens(server.issue());
    const response = await client.fetch(url, { headers: { accept: 'application/json' } });
    expect(await response.json()).toEqual({ token: 'access-1' });
    expect(server.sent()).toEqual(['Bearer access-1']);
    expect(states.map((s) => s.status)).toEqual(['signed-in', 'signed-in']);
    // The same state object until something changes, as useSyncExternalStore requires.
    expect(client.getSnapshot()).toBe(client.getSnapshot());
  });

  it('keeps the request: method, headers and body of a Request, for the retry too', async () => {
    const server = authServer();
    const bodies: string[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      bodies.push(`${request.method} ${request.headers.get('x-trace')} ${await request.clone().text()}`);
      return server.fetch(request);
    });
    const { client } = track({ refresh: server.refresh, fetch });
    const login = server.issue();
    await client.setTokens(login);
    server.revokeAccess(login.access_token);
    const response = await client.fetch(new Request(url, { method: 'POST', body: 'hello', headers: { 'x-trace': '7' } }));
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['POST 7 hello', 'POST 7 hello']);
  });

  it('sends requests without Authorization when signed out', async () => {
    const server = authServer();
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    const response = await client.fetch(url);
    expect(response.status).toBe(401);
    expect(server.sent()).toEqual([null]);
    expect(await client.getAccessToken()).toBeNull();
    expect(server.refresh).not.toHaveBeenCalled();
  });

  it('refuses a token response without an access token', async () => {
    const { client } = track({ refresh });
    await expect(client.setTokens({ token: 'x' } as never)).rejects.toThrow(/needs access_token/);
    await expect(client.setTokens({ access_token: 'a', expires_in: '3600' } as never)).rejects.toThrow(/expires_in/);
    await expect(client.setTokens({ access_token: 'a', refresh_token: 7 } as never)).rejects.toThrow(/refresh_token/);
  });
});

describe('claims', () => {
  const key = generateSecret('HS256');
  const jwt = (payload: Record<string, unknown>) => sign({ exp: Math.floor(Date.now() / 1000) + 900, ...payload }, key);

  it("the snapshot carries the access token's payload, decoded once per token, and follows refresh and logout", async () => {
    let issued = 0;
    const refreshTokens = vi.fn(async () => ({
      access_token: await jwt({ sub: 'user-1', name: 'Ada', roles: ['admin'], n: ++issued }),
      expires_in: 60,
    }));
    const { client, states } = track({ refresh: refreshTokens });
    await client.setTokens({
      access_token: await jwt({ sub: 'user-1', name: 'Ada', roles: ['reader'] }),
      refresh_token: 'r',
      expires_in: 60,
    });
    const first = client.getSnapshot();
    expect(first.claims).toMatchObject({ sub: 'user-1', name: 'Ada', roles: ['reader'] });
    // The same token again (another tab's echo, a reload): the same snapshot, the same claims object.
    await client.getAccessToken();
    expect(client.getSnapshot()).toBe(first);

    advanceClock(61);
    await client.getAccessToken();
    expect(client.getSnapshot().claims).toMatchObject({ roles: ['admin'], n: 1 });
    await client.logout();
    expect(client.getSnapshot().claims).toBeNull();
    expect(states.map((s) => (s.claims?.roles as string[] | undefined)?.[0] ?? null)).toEqual(['reader', 'admin', null]);
  });

  it.each([
    ['an opaque token', 'opaque-access-token'],
    ['three segments that are not JSON', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln'],
    ['a payload with a registered claim of the wrong type', 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiJzb29uIn0.c2ln'],
  ])('%s: claims are null, and the client still signs in and sends it', async (_, token) => {
    const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
      Promise.resolve(Response.json(new Request(input, init).headers.get('authorization'))),
    );
    const { client } = track({ refresh, fetch });
    await client.setTokens({ access_token: token, refresh_token: 'r', expires_in: 60 });
    expect(client.getSnapshot()).toMatchObject({ status: 'signed-in', error: null, claims: null });
    expect(await (await client.fetch(url)).json()).toBe(`Bearer ${token}`);
  });

  it('every client object on the storage sees the claims, including one that reads them from storage', async () => {
    const storage = asyncStorage();
    const one = track({ refresh, storage });
    await one.client.setTokens({ access_token: await jwt({ sub: 'user-2' }) });
    const two = track({ refresh, storage });
    expect(two.client.getSnapshot()).toMatchObject({ status: 'loading', claims: null });
    await two.client.getAccessToken();
    expect(two.client.getSnapshot().claims?.sub).toBe('user-2');
    expect(one.client.getSnapshot().claims?.sub).toBe('user-2');
  });
});

describe('one refresh in flight', () => {
  it('ten concurrent calls after the access token expired make exactly one refresh', async () => {
    const server = authServer();
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    await client.setTokens(server.issue());
    advanceClock(901);

    const responses = await Promise.all(Array.from({ length: 10 }, () => client.fetch(url)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(server.refresh).toHaveBeenCalledTimes(1);
    // Every request waited for the refresh: none went out with the expired token.
    expect(server.sent()).toEqual(Array(10).fill('Bearer access-2'));
  });

  it('ten requests failing with invalid_token at once share one refresh, and each is retried once', async () => {
    const server = authServer();
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    const login = server.issue();
    await client.setTokens(login);
    server.revokeAccess(login.access_token);

    const responses = await Promise.all(Array.from({ length: 10 }, () => client.fetch(url)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(server.refresh).toHaveBeenCalledTimes(1);
    expect(server.fetch).toHaveBeenCalledTimes(20);
    expect(server.revoked).toBe(false);
  });

  it('two client objects on the same storage share the refresh', async () => {
    const server = authServer();
    const storage = asyncStorage();
    const one = track({ refresh: server.refresh, fetch: server.fetch, storage });
    const two = track({ refresh: server.refresh, fetch: server.fetch, storage });
    await one.client.setTokens(server.issue());
    expect(await two.client.getAccessToken()).toBe('access-1');
    advanceClock(901);
    const tokens = await Promise.all([
      one.client.getAccessToken(),
      two.client.getAccessToken(),
      one.client.fetch(url).then((r) => r.status),
    ]);
    expect(tokens).toEqual(['access-2', 'access-2', 200]);
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  it('the refresh never goes through the gate: a refresh function that waits for it would deadlock, so it is called directly', async () => {
    const server = authServer();
    const order: string[] = [];
    const { client } = track({
      refresh: async (token) => {
        order.push('refresh');
        return server.refresh(token);
      },
      fetch: async (input, init) => {
        order.push('fetch');
        return server.fetch(input, init);
      },
    });
    await client.setTokens(server.issue());
    advanceClock(901);
    await client.fetch(url);
    expect(order).toEqual(['refresh', 'fetch']);
  });
});

describe('401 and 403', () => {
  it('retries a request at most once, however often the server answers invalid_token', async () => {
    const server = authServer();
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 401, headers: { 'www-authenticate': INVALID_TOKEN } })));
    const { client } = track({ refresh: server.refresh, fetch });
    await client.setTokens(server.issue());
    const response = await client.fetch(url);
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['401 without credentials error', 401, 'Bearer realm="api"'],
    ['401 invalid_request', 401, 'Bearer error="invalid_request"'],
    ['401 with another scheme', 401, 'Basic realm="x"'],
    ['401 without a challenge', 401, null],
    ['403 insufficient_scope', 403, 'Bearer error="insufficient_scope", scope="admin"'],
    ['403 with invalid_token', 403, INVALID_TOKEN],
  ])('returns a %s as it is, without refreshing', async (_, status, challenge) => {
    const server = authServer();
    const fetch = vi.fn(() =>
      Promise.resolve(new Response('no', { status, headers: challenge === null ? {} : { 'www-authenticate': challenge } })),
    );
    const { client } = track({ refresh: server.refresh, fetch });
    await client.setTokens(server.issue());
    const response = await client.fetch(url);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('no');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(server.refresh).not.toHaveBeenCalled();
  });

  it('finds invalid_token among several challenges', async () => {
    const server = authServer();
    const login = server.issue();
    const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
      Promise.resolve(
        new Request(input, init).headers.get('authorization') === `Bearer ${login.access_token}`
          ? new Response(null, { status: 401, headers: { 'www-authenticate': `DPoP algs="ES256", ${INVALID_TOKEN}` } })
          : new Response(null, { status: 204 }),
      ),
    );
    const { client } = track({ refresh: server.refresh, fetch });
    await client.setTokens(login);
    expect((await client.fetch(url)).status).toBe(204);
  });
});

describe('outcomes', () => {
  it('a refused refresh ends the session: listeners and every waiting request hear ERR_CLIENT_SESSION_ENDED, storage is cleared', async () => {
    const server = authServer();
    const storage = asyncStorage();
    const { client, states } = track({ refresh: server.refresh, fetch: server.fetch, storage });
    const login = server.issue();
    await client.setTokens(login);
    await server.refresh(login.refresh_token); // spent elsewhere: the server refuses it now
    advanceClock(901);

    const results = await Promise.allSettled([client.fetch(url), client.fetch(url), client.getAccessToken()]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as AuthClientError;
      expect(error).toBeInstanceOf(AuthClientError);
      expect(error.code).toBe('ERR_CLIENT_SESSION_ENDED');
      expect((error.cause as { status: number }).status).toBe(400);
    }
    expect(server.refresh).toHaveBeenCalledTimes(2);
    expect(storage.items.size).toBe(0);
    const last = states.at(-1)!;
    expect(last.status).toBe('signed-out');
    expect(last.error?.code).toBe('ERR_CLIENT_SESSION_ENDED');
    expect(await client.getAccessToken()).toBeNull();
  });

  it('a failed refresh keeps the session: ERR_CLIENT_REFRESH_FAILED, and the next call tries again', async () => {
    const server = authServer();
    let down = true;
    const refreshWhenUp = async (token: string) => {
      if (down) throw new TypeError('fetch failed');
      return server.refresh(token);
    };
    const { client, states } = track({ refresh: refreshWhenUp, fetch: server.fetch });
    await client.setTokens(server.issue());
    advanceClock(901);

    const error = (await client.fetch(url).catch((e: unknown) => e)) as AuthClientError;
    expect(error.code).toBe('ERR_CLIENT_REFRESH_FAILED');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(client.getSnapshot()).toMatchObject({ status: 'signed-in', error: { code: 'ERR_CLIENT_REFRESH_FAILED' } });

    down = false;
    expect((await client.fetch(url)).status).toBe(200);
    expect(client.getSnapshot()).toMatchObject({ status: 'signed-in', error: null });
    expect(states.map((s) => s.error?.code ?? null)).toEqual([null, 'ERR_CLIENT_REFRESH_FAILED', null]);
  });

  it.each([
    ['a 503 Response', 'ERR_CLIENT_REFRESH_FAILED', new Response(null, { status: 503 })],
    ['a 429 Response', 'ERR_CLIENT_REFRESH_FAILED', new Response(null, { status: 429 })],
    ['a 403 Response', 'ERR_CLIENT_REFRESH_FAILED', new Response(null, { status: 403 })],
    ['a 401 Response', 'ERR_CLIENT_SESSION_ENDED', new Response(null, { status: 401 })],
    ['an error with status 400', 'ERR_CLIENT_SESSION_ENDED', Object.assign(new Error('Bad Request'), { status: 400 })],
    ['an axios-like error', 'ERR_CLIENT_SESSION_ENDED', Object.assign(new Error('Request failed'), { response: { status: 401 } })],
    ['a network TypeError', 'ERR_CLIENT_REFRESH_FAILED', new TypeError('fetch failed')],
    ['undefined', 'ERR_CLIENT_REFRESH_FAILED', undefined],
  ])('by default %s is %s', async (_, code, thrown) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- how non-Errors are classified is the point
    const { client } = track({ refresh: () => Promise.reject(thrown) });
    await client.setTokens({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
    advanceClock(61);
    await expect(client.getAccessToken()).rejects.toMatchObject({ code });
  });

  it('isSessionEnded decides instead', async () => {
    const isSessionEnded = vi.fn((error: unknown) => (error as Error).message === 'invalid_grant');
    const { client } = track({ refresh: () => Promise.reject(new Error('invalid_grant')), isSessionEnded });
    await client.setTokens({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
    advanceClock(61);
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'ERR_CLIENT_SESSION_ENDED' });
    expect(isSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('a response that is not a token response is a failed refresh', async () => {
    const { client } = track({ refresh: () => Promise.resolve({ error: 'oops' } as never) });
    await client.setTokens({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
    advanceClock(61);
    const error = (await client.getAccessToken().catch((e: unknown) => e)) as AuthClientError;
    expect(error.code).toBe('ERR_CLIENT_REFRESH_FAILED');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('without a refresh token, an expired access token ends the session', async () => {
    const { client } = track({ refresh });
    await client.setTokens({ access_token: 'a', expires_in: 60 });
    advanceClock(61);
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'ERR_CLIENT_SESSION_ENDED' });
  });

  it('keeps the refresh token when a refresh response carries none (RFC 6749 §6)', async () => {
    const refreshes: string[] = [];
    const { client } = track({
      refresh: (token) => {
        refreshes.push(token);
        return Promise.resolve({ access_token: `a${refreshes.length + 1}`, expires_in: 60 });
      },
    });
    await client.setTokens({ access_token: 'a1', refresh_token: 'r', expires_in: 60 });
    advanceClock(61);
    expect(await client.getAccessToken()).toBe('a2');
    advanceClock(61);
    expect(await client.getAccessToken()).toBe('a3');
    expect(refreshes).toEqual(['r', 'r']);
  });
});

describe('storage and logout', () => {
  it('works on an asynchronous storage (AsyncStorage): loading first, then the stored session', async () => {
    const server = authServer();
    const storage = asyncStorage();
    const first = track({ refresh: server.refresh, fetch: server.fetch, storage });
    await first.client.setTokens(server.issue());
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    first.client.close();

    // The app restarts: a new client reads the stored tokens.
    const { client, states } = track({ refresh: server.refresh, fetch: server.fetch, storage, storageKey: 'webjwt.tokens' });
    expect(client.getSnapshot().status).toBe('loading');
    expect(await client.getAccessToken()).toBe('access-1');
    expect(states.map((s) => s.status)).toEqual(['signed-in']);

    advanceClock(901);
    expect((await client.fetch(url)).status).toBe(200);
    expect(JSON.parse(storage.items.get('webjwt.tokens')!)).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('reads Web Storage at once: the first snapshot is already signed in', () => {
    const items = new Map([['k', JSON.stringify({ accessToken: 'a', refreshToken: 'r', receivedAt: null, expiresAt: null })]]);
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: vi.fn(), removeItem: vi.fn() };
    const { client } = track({ refresh, storage, storageKey: 'k' });
    expect(client.getSnapshot().status).toBe('signed-in');
  });

  it.each([
    ['not JSON', '{'],
    ['another shape', '{"token":"a"}'],
    ['null', 'null'],
  ])('treats stored %s as signed out', (_, text) => {
    const storage = { getItem: () => text, setItem: vi.fn(), removeItem: vi.fn() };
    expect(track({ refresh, storage }).client.getSnapshot().status).toBe('signed-out');
  });

  it.each([
    [
      'throws (localStorage over its quota)',
      () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    ],
    ['rejects (AsyncStorage)', () => Promise.reject(new Error('disk full'))],
  ])('a storage write that %s after a refresh is ignored: the new tokens are kept in memory', async (_, failingWrite) => {
    const server = authServer();
    const items = new Map<string, string>();
    let full = false;
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => (full ? failingWrite() : void items.set(key, value)),
      removeItem: (key: string) => items.delete(key),
    };
    const { client } = track({ refresh: server.refresh, fetch: server.fetch, storage });
    await client.setTokens(server.issue());
    full = true;
    advanceClock(901);
    expect((await client.fetch(url)).status).toBe(200);
    expect(await client.getAccessToken()).toBe('access-2');
    expect(server.seen).toEqual(['refresh-1']);
  });

  it('logout waits for a refresh in flight, clears storage and revokes the newest refresh token', async () => {
    const server = authServer();
    const storage = asyncStorage();
    const revoke = vi.fn(() => Promise.resolve());
    const { client } = track({ refresh: server.refresh, fetch: server.fetch, storage, revoke });
    await client.setTokens(server.issue());
    advanceClock(901);
    const call = client.getAccessToken();
    await client.logout();
    expect(await call).toBe('access-2');
    expect(revoke).toHaveBeenCalledWith('refresh-2');
    expect(storage.items.size).toBe(0);
    expect(client.getSnapshot()).toEqual({ status: 'signed-out', expiresAt: null, error: null, claims: null });
    expect(await client.getAccessToken()).toBeNull();
  });
});
