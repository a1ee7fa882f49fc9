/**
 * The two halves together: webjwt/session behind a real HTTP server on 127.0.0.1, and webjwt/client
 * logging in, calling, outliving its access token, refreshing and logging out. The server's clock
 * runs seven minutes ahead of the client's, which the client never needs to know.
 */
import { describe, expect, it, vi } from 'vitest';
import { generateSecret } from '../../src/index.js';
import { BearerError, bearerToken } from '../../src/http.js';
import { createSessions } from '../../src/session.js';
import { serveFetch } from '../http/serve.js';
import { track } from './support.js';

const SKEW = 7 * 60_000;

async function startServer() {
  let serverTime = Date.now() + SKEW;
  const sessions = createSessions({
    key: generateSecret('HS256'),
    issuer: 'https://auth.example.com',
    audience: 'api',
    accessTtl: 60,
    now: () => new Date(serverTime),
  });
  const refreshTokens: string[] = [];
  const refreshStatuses: number[] = [];
  // serveFetch forwards no body: the refresh token travels in a header.
  const listening = await serveFetch(async (request) => {
    const path = new URL(request.url).pathname;
    const refreshToken = request.headers.get('x-refresh-token') ?? '';
    if (path === '/login') return Response.json(await sessions.issueTokens({ sub: 'user-1' }));
    if (path === '/refresh') {
      refreshTokens.push(refreshToken);
      const response = await sessions.refresh(refreshToken).then(
        (pair) => Response.json(pair),
        () => Response.json({ error: 'invalid_grant' }, { status: 401 }),
      );
      refreshStatuses.push(response.status);
      return response;
    }
    if (path === '/logout') {
      await sessions.logout(refreshToken);
      return new Response(null, { status: 204 });
    }
    try {
      const { payload } = await sessions.verifyAccess(bearerToken(request) ?? '', { checkRevoked: true });
      return Response.json({ sub: payload.sub });
    } catch {
      return new BearerError('invalid_token').toResponse();
    }
  });
  return {
    ...listening,
    refreshTokens,
    refreshStatuses,
    advance(seconds: number) {
      serverTime += seconds * 1000;
    },
  };
}

describe('webjwt/client against webjwt/session', () => {
  it('login, calls, expiry, refresh, server-side expiry, logout: no refresh token is ever sent twice', async () => {
    const server = await startServer();
    try {
      const post = (path: string, refreshToken: string) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'x-refresh-token': refreshToken } });
      const { client, states } = track({
        refresh: async (refreshToken) => {
          const response = await post('/refresh', refreshToken);
          if (!response.ok) throw Object.assign(new Error(`refresh answered ${response.status}`), { status: response.status });
          return (await response.json()) as { accessToken: string };
        },
        revoke: (refreshToken) => post('/logout', refreshToken),
      });
      const me = async () => {
        const response = await client.fetch(`${server.url}/me`);
        return [response.status, response.ok ? ((await response.json()) as { sub: string }).sub : null];
      };

      await client.setTokens(await (await post('/login', '')).json());
      // webjwt/session's access token decodes: the UI can show who is signed in (unverified, for display).
      expect(client.getSnapshot().claims).toMatchObject({ sub: 'user-1', iss: 'https://auth.example.com', aud: 'api' });
      expect(await Promise.all([me(), me(), me()])).toEqual(Array(3).fill([200, 'user-1']));
      expect(server.refreshTokens).toHaveLength(0);

      // Both clocks pass the access token's expiry: ten calls at once, one refresh.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 61_000);
      server.advance(61);
      expect(await Promise.all(Array.from({ length: 10 }, me))).toEqual(Array(10).fill([200, 'user-1']));
      expect(server.refreshTokens).toHaveLength(1);

      // Only the server's clock passes it (the client thinks it has 30 s left): the 401
      // invalid_token makes one refresh and one retry per call.
      vi.setSystemTime(Date.now() + 30_000);
      server.advance(61);
      expect(await Promise.all(Array.from({ length: 5 }, me))).toEqual(Array(5).fill([200, 'user-1']));
      expect(server.refreshTokens).toHaveLength(2);

      const lastAccess = await client.getAccessToken();
      await client.logout();
      expect(client.getSnapshot()).toEqual({ status: 'signed-out', expiresAt: null, error: null, claims: null });
      expect(await me()).toEqual([401, null]);
      // The session is revoked on the server: its last access token is refused too.
      const revoked = await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${lastAccess}` } });
      expect(revoked.status).toBe(401);

      expect(new Set(server.refreshTokens).size).toBe(server.refreshTokens.length);
      expect(server.refreshStatuses).toEqual([200, 200]);
      expect(states.every((state) => state.error === null)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
