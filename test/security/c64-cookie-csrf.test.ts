/**
 * C64 — cross-site request forgery through a token cookie, and cookie tossing. A browser attaches
 * cookies to every request to their site, whichever page starts it: a form or fetch() on
 * evil.example posting to the API would be authenticated as the user, and a cross-site POST to the
 * refresh route would spend the user's refresh token (the user's next refresh is then reuse, and the
 * session is revoked). A sibling subdomain can also set a cookie of the same name, with a longer path,
 * that the browser sends first. Safe: a request with an unsafe method is taken on a cookie only when
 * `Sec-Fetch-Site` says same-origin (same-site is not enough: a sibling subdomain is same-site), or,
 * without it, when `Origin` is the request's own; with neither, it is refused. A cookie present twice
 * is refused, never guessed. The Authorization header, which no other site can make a browser send,
 * is read first. OWASP CSRF Prevention Cheat Sheet (Fetch Metadata, Origin verification); RFC 6265bis.
 */
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/index.js';
import { cookieToken, createBearerAuth } from '../../src/http.js';
import { createSessions } from '../../src/session.js';

const sessions = createSessions({ key: generateSecret('HS256') });
const auth = createBearerAuth({ sessions, cookie: 'access_token' });
const API = 'https://app.example.com/api/transfer';

async function status(method: string, headers: Record<string, string>, token?: string): Promise<number> {
  const accessToken = token ?? (await sessions.issueTokens({ sub: 'user-1' })).accessToken;
  const request = new Request(API, { method, headers: { cookie: `access_token=${accessToken}`, ...headers } });
  return auth(request).then(
    () => 200,
    (error: unknown) => (error as { status: number }).status,
  );
}

describe('C64 cookie CSRF', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('a cross-site %s authenticated by cookie is refused', async (method) => {
    expect(await status(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).toBe(400);
  });

  it('same-site is not same-origin: a sibling subdomain is refused too', async () => {
    expect(await status('POST', { 'sec-fetch-site': 'same-site', origin: 'https://blog.example.com' })).toBe(400);
  });

  it('Sec-Fetch-Site wins over an Origin that looks right', async () => {
    expect(await status('POST', { 'sec-fetch-site': 'cross-site', origin: 'https://app.example.com' })).toBe(400);
  });

  it('without Sec-Fetch-Site, Origin must be the request\'s own; no Origin or "null" is refused', async () => {
    expect(await status('POST', { origin: 'https://app.example.com' })).toBe(200);
    expect(await status('POST', { origin: 'https://evil.example' })).toBe(400);
    expect(await status('POST', { origin: 'http://app.example.com' })).toBe(400);
    expect(await status('POST', { origin: 'null' })).toBe(400);
    expect(await status('POST', {})).toBe(400);
  });

  it('safe methods and same-origin unsafe ones pass', async () => {
    expect(await status('GET', { 'sec-fetch-site': 'cross-site' })).toBe(200);
    expect(await status('POST', { 'sec-fetch-site': 'same-origin' })).toBe(200);
  });

  it('a Node request with a forged Host is compared with its Origin: host and port', () => {
    const token = 'a.b.c';
    const node = (headers: Record<string, string>) => () =>
      cookieToken({ method: 'POST', headers: { cookie: `rt=${token}`, ...headers } }, 'rt');
    expect(node({ host: 'app.example.com', origin: 'https://app.example.com' })()).toBe(token);
    expect(node({ host: 'app.example.com', origin: 'https://evil.example' })).toThrow(/same origin/);
    expect(node({ host: 'app.example.com:8080', origin: 'https://app.example.com' })).toThrow(/same origin/);
  });

  it("the refresh route's cookie is read under the same rule", () => {
    const post = new Request('https://app.example.com/auth/refresh', {
      method: 'POST',
      headers: { cookie: 'refresh_token=a.b.c', 'sec-fetch-site': 'cross-site' },
    });
    expect(() => cookieToken(post, 'refresh_token')).toThrow(/same origin/);
  });

  it('a token cookie present twice (cookie tossing) is refused, not guessed', async () => {
    const [mine, tossed] = await Promise.all([sessions.issueTokens({ sub: 'user-1' }), sessions.issueTokens({ sub: 'attacker' })]);
    const request = new Request(API, { headers: { cookie: `access_token=${tossed.accessToken}; access_token=${mine.accessToken}` } });
    await expect(auth(request)).rejects.toMatchObject({ status: 400, description: 'The request carries the token cookie more than once' });
  });
});
