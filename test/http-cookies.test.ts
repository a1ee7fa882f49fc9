/**
 * webjwt/http reading the access token from a cookie, and webjwt/session's Set-Cookie values: through
 * the Fetch form, a real node:http server and Express, and the cookies round-tripped from Set-Cookie
 * to Cookie. The cross-site request forgery rule has its own file: test/security/c64-*.
 */
import { createServer, type IncomingMessage } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from '../src/index.js';
import { BearerError, cookieToken, createBearerAuth } from '../src/http.js';
import { createSessionCookies, createSessions, type TokenPair } from '../src/session.js';
import { listen, type Listening } from './http/serve.js';

const sessions = createSessions({ key: generateSecret('HS256'), issuer: 'https://auth.example.com', audience: 'api' });
let pair: TokenPair;
beforeAll(async () => {
  pair = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
});

const URL_ = 'https://app.example.com/api/me';
const request = (init: { method?: string; headers?: Record<string, string> } = {}) => new Request(URL_, init);

describe('createBearerAuth({ cookie })', () => {
  const auth = createBearerAuth({ sessions, cookie: 'access_token' });

  it('reads the cookie when there is no Authorization header', async () => {
    const { payload } = await auth(request({ headers: { cookie: `theme=dark; access_token=${pair.accessToken}; other=1` } }));
    expect(payload.sub).toBe('user-1');
  });

  it('prefers the Authorization header, which no other site can make a browser send', async () => {
    const other = await sessions.issueTokens({ sub: 'user-2' });
    const { payload } = await auth(
      request({ headers: { authorization: `Bearer ${other.accessToken}`, cookie: `access_token=${pair.accessToken}` } }),
    );
    expect(payload.sub).toBe('user-2');
  });

  it('with header: false, reads the cookie only', async () => {
    const cookieOnly = createBearerAuth({ sessions, cookie: 'access_token', header: false });
    const refused = await cookieOnly(request({ headers: { authorization: `Bearer ${pair.accessToken}` } })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, error: undefined });
  });

  it('refuses a cookie that is not a token (400) and answers no cookie like no header (401)', async () => {
    await expect(auth(request({ headers: { cookie: 'access_token=a b' } }))).rejects.toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
    await expect(auth(request({ headers: { cookie: 'access_tokens=x' } }))).rejects.toMatchObject({ status: 401, error: undefined });
    await expect(auth(request({ headers: { cookie: 'access_token="not.a.jwt"' } }))).rejects.toMatchObject({
      status: 401,
      error: 'invalid_token',
    });
  });

  it('is checked at creation (TypeError)', () => {
    expect(() => createBearerAuth({ sessions, cookie: 'a b' })).toThrow(TypeError);
    expect(() => createBearerAuth({ sessions, header: false })).toThrow(/needs a cookie/);
    expect(() => createBearerAuth({ sessions, header: 'no' as never })).toThrow(TypeError);
    expect(() => createBearerAuth({ sessions, cookies: 'x' } as never)).toThrow(/did you mean "cookie"/);
  });
});

describe('on a real server: node:http and Express', () => {
  const servers: Listening[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('a same-origin POST with the cookie passes, a cross-site one is refused; GETs pass either way', async () => {
    const auth = createBearerAuth({ sessions, cookie: 'access_token', realm: 'api' });
    const app = express();
    app.use(auth.middleware());
    app.all('/api/me', (req, res) => {
      res.json({ sub: req.auth?.payload.sub });
    });
    const node = createServer((req: IncomingMessage, res) => {
      auth.middleware()(req, res, () => res.end('ok'));
    });
    for (const server of [await listen(createServer(app)), await listen(node)]) {
      servers.push(server);
      const call = (method: string, headers: Record<string, string>) =>
        fetch(`${server.url}/api/me`, { method, headers: { cookie: `access_token=${pair.accessToken}`, ...headers } });
      expect((await call('GET', { 'sec-fetch-site': 'cross-site' })).status).toBe(200);
      expect((await call('POST', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      // Node's fetch sends no Origin of its own; a browser's would be the page's origin.
      expect((await call('DELETE', { origin: server.url })).status).toBe(200);
      const refused = await call('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('www-authenticate')).toBe(
        'Bearer realm="api", error="invalid_request", error_description="A request authenticated by cookie with this method must come from the same origin"',
      );
      expect((await call('POST', {})).status).toBe(400);
    }
  });
});

describe('cookieToken()', () => {
  it('reads a Request, a Node request or anything with their headers; nothing from a string', () => {
    const token = pair.refreshToken;
    expect(cookieToken(request({ headers: { cookie: `refresh_token=${token}` } }), 'refresh_token')).toBe(token);
    expect(cookieToken({ method: 'GET', headers: { cookie: `a=1;refresh_token=${token}` } }, 'refresh_token')).toBe(token);
    expect(cookieToken({ method: 'GET', headers: {} }, 'refresh_token')).toBeUndefined();
    expect(cookieToken('refresh_token=x', 'refresh_token')).toBeUndefined();
    expect(() => cookieToken(request(), 'a;b')).toThrow(TypeError);
  });

  it('takes a POST to the refresh route only from the same origin', () => {
    const post = (headers: Record<string, string>) => () =>
      cookieToken(request({ method: 'POST', headers: { cookie: `refresh_token=${pair.refreshToken}`, ...headers } }), 'refresh_token');
    expect(post({ 'sec-fetch-site': 'same-origin' })()).toBe(pair.refreshToken);
    expect(post({ origin: 'https://app.example.com' })()).toBe(pair.refreshToken);
    expect(post({ 'sec-fetch-site': 'same-site', origin: 'https://app.example.com' })).toThrow(BearerError);
    expect(post({ origin: 'https://app.example.com:8443' })).toThrow(BearerError);
    expect(post({ origin: 'null' })).toThrow(BearerError);
  });
});

describe('createSessionCookies()', () => {
  it('builds HttpOnly, Secure, SameSite=Strict cookies with Max-Age from the pair, the refresh token on its path', () => {
    const cookies = createSessionCookies({ refreshPath: '/auth' });
    expect(cookies.set(pair)).toEqual([
      `access_token=${pair.accessToken}; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Strict`,
      `refresh_token=${pair.refreshToken}; Max-Age=604800; Path=/auth; HttpOnly; Secure; SameSite=Strict`,
    ]);
    expect(cookies.clear()).toEqual([
      'access_token=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict',
      'refresh_token=; Max-Age=0; Path=/auth; HttpOnly; Secure; SameSite=Strict',
    ]);
  });

  it('takes names, paths, a domain, SameSite and plain HTTP for development', () => {
    const cookies = createSessionCookies({
      refreshPath: '/auth/refresh',
      accessName: 'at',
      refreshName: '__Secure-rt',
      accessPath: '/api',
      domain: 'example.com',
      sameSite: 'Lax',
    });
    expect(cookies.refresh(pair)).toBe(
      `__Secure-rt=${pair.refreshToken}; Max-Age=604800; Path=/auth/refresh; Domain=example.com; HttpOnly; Secure; SameSite=Lax`,
    );
    expect(cookies.access(pair)).toBe(`at=${pair.accessToken}; Max-Age=900; Path=/api; Domain=example.com; HttpOnly; Secure; SameSite=Lax`);
    expect(createSessionCookies({ refreshPath: '/auth', secure: false }).access(pair)).toMatch(/; HttpOnly; SameSite=Strict$/);
    expect(createSessionCookies({ refreshPath: '/auth', accessName: '__Host-at' }).access(pair)).toMatch(/^__Host-at=/);
  });

  it('round-trips: what Set-Cookie sets, cookieToken() and the auth read back', async () => {
    const cookies = createSessionCookies({ refreshPath: '/auth' });
    const header = cookies
      .set(pair)
      .map((line) => line.split(';')[0])
      .join('; ');
    expect(
      cookieToken(request({ method: 'POST', headers: { cookie: header, 'sec-fetch-site': 'same-origin' } }), cookies.refreshName),
    ).toBe(pair.refreshToken);
    const auth = createBearerAuth({ sessions, cookie: cookies.accessName });
    expect((await auth(request({ headers: { cookie: header } }))).payload.sub).toBe('user-1');
  });

  it('refuses what a cookie cannot carry or a browser would drop (TypeError)', () => {
    expect(() => createSessionCookies(undefined as never)).toThrow(/refreshPath/);
    expect(() => createSessionCookies({} as never)).toThrow(/refreshPath/);
    expect(() => createSessionCookies({ refreshPath: 'auth' })).toThrow(TypeError);
    expect(() => createSessionCookies({ refreshPath: '/auth; Domain=evil' })).toThrow(TypeError);
    expect(() => createSessionCookies({ refreshPath: '/auth', accessName: 'a=b' })).toThrow(TypeError);
    expect(() => createSessionCookies({ refreshPath: '/auth', refreshName: 'access_token' })).toThrow(/differ/);
    expect(() => createSessionCookies({ refreshPath: '/auth', domain: 'a b' })).toThrow(TypeError);
    expect(() => createSessionCookies({ refreshPath: '/auth', sameSite: 'none' as never })).toThrow(TypeError);
    expect(() => createSessionCookies({ refreshPath: '/auth', sameSite: 'None', secure: false })).toThrow(/needs secure/);
    expect(() => createSessionCookies({ refreshPath: '/auth', refreshName: '__Host-rt' })).toThrow(/__Host-/);
    expect(() => createSessionCookies({ refreshPath: '/auth', refreshName: '__Secure-rt', secure: false })).toThrow(/__Secure-/);
    expect(() => createSessionCookies({ refreshPath: '/auth', maxAge: 5 } as never)).toThrow(/unknown option/);
    const cookies = createSessionCookies({ refreshPath: '/auth' });
    expect(() => cookies.set({ ...pair, accessToken: 'a;b' })).toThrow(TypeError);
    expect(() => cookies.set({ ...pair, expiresIn: Number.NaN })).toThrow(TypeError);
  });
});
