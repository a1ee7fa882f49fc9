/**
 * webjwt/http in Express as people write it: guards as middleware of their own after
 * `auth.middleware()`, `req.auth` typed in handlers without a cast, and `createBearerAuth({ sessions })`,
 * which takes the key, issuer, audience, typ and revocations from webjwt/session.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { generateSecret, sign, SessionStoreError, type VerifyResult } from '../src/index.js';
import { BearerError, createBearerAuth, requireRole, requireScope, type MiddlewareGuard } from '../src/http.js';
import { createSessions } from '../src/session.js';
import { listen, type Listening } from './http/serve.js';

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ISSUER = 'https://auth.example.com';

async function get(app: express.Express, path: string, token?: string, method = 'GET') {
  server ??= await listen((await import('node:http')).createServer(app));
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.text() };
}

describe('guards as Express middleware', () => {
  const secret = generateSecret('HS256');
  const token = (claims: object) => sign({ sub: 'user-1', ...claims }, secret, { issuer: ISSUER, expiresIn: '5m' });

  it("run after auth.middleware(), reading req.auth; their refusal carries the auth's realm", async () => {
    const auth = createBearerAuth({ key: secret, issuer: ISSUER, realm: 'api' });
    const app = express();
    app.delete('/users/:id', auth.middleware(), requireRole('admin'), requireScope('users:write'), (req, res) => {
      expectTypeOf(req.auth).toEqualTypeOf<VerifyResult | undefined>();
      res.json({ by: req.auth?.payload.sub, id: req.params.id });
    });
    expect(await get(app, '/users/7', await token({ role: 'admin', scope: 'users:write' }), 'DELETE')).toMatchObject({
      status: 200,
      body: '{"by":"user-1","id":"7"}',
    });
    expect(await get(app, '/users/7', await token({ roles: ['admin'], scope: 'users:write' }), 'DELETE')).toMatchObject({ status: 200 });
    const denied = await get(app, '/users/7', await token({ role: 'user', scope: 'users:write' }), 'DELETE');
    expect(denied.status).toBe(403);
    expect(denied.challenge).toBe(
      'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks the required role (claim roles or role)", scope="admin"',
    );
    expect((await get(app, '/users/7', await token({ role: 'admin' }), 'DELETE')).status).toBe(403);
    expect((await get(app, '/users/7', undefined, 'DELETE')).status).toBe(401);
  });

  it("follow the auth's forwardErrors: the refusal goes to the error handler", async () => {
    const auth = createBearerAuth({ key: secret, issuer: ISSUER, forwardErrors: true });
    const app = express();
    app.get('/admin', auth.middleware(), requireRole('admin'), (_req, res) => {
      res.end('ok');
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(error instanceof BearerError ? 418 : 500).end();
    });
    expect((await get(app, '/admin', await token({ role: 'user' }))).status).toBe(418);
  });

  it('without auth.middleware() before them, fail the request as a server error, never pass it', async () => {
    const app = express();
    app.get('/admin', requireRole('admin'), (_req, res) => {
      res.end('ok');
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).end(error instanceof TypeError ? error.message : '');
    });
    expect(await get(app, '/admin', await token({ role: 'admin' }))).toEqual({
      status: 500,
      challenge: null,
      body: 'requireRole() as middleware needs req.auth: put auth.middleware() before it',
    });
  });

  it('are still plain checks of a verified token', () => {
    const guard: MiddlewareGuard = requireRole('admin');
    expect(guard({ header: { alg: 'HS256' }, payload: { role: 'admin' } })).toBeUndefined();
    expect(() => guard({ header: { alg: 'HS256' }, payload: {} })).toThrow(BearerError);
  });
});

describe('createBearerAuth({ sessions })', () => {
  const sessions = createSessions({ key: generateSecret('HS256'), issuer: ISSUER, audience: 'api' });

  it("accepts the sessions' access tokens, with their claims typed", async () => {
    const auth = createBearerAuth({ sessions });
    const app = express();
    app.get('/me', auth.middleware(), (req, res) => {
      res.json({ sub: req.auth?.payload.sub, sid: req.auth?.payload.sid });
    });
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    expect(JSON.parse((await get(app, '/me', pair.accessToken)).body)).toEqual({ sub: 'user-1', sid: pair.sessionId });
    // Not a refresh token, and not a token of the same key without the sessions' typ and claims.
    expect((await get(app, '/me', pair.refreshToken)).status).toBe(401);
  });

  it('checks revocations by default: after logout the access token is refused at once; checkRevoked: false is stateless', async () => {
    const pair = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.logout(pair.refreshToken);
    const refusal = await createBearerAuth({ sessions })(`Bearer ${pair.accessToken}`).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 401, error: 'invalid_token' });
    expect((refusal as BearerError).cause).toMatchObject({ code: 'ERR_JWT_REVOKED' });
    await expect(createBearerAuth({ sessions, checkRevoked: false })(`Bearer ${pair.accessToken}`)).resolves.toBeTruthy();
  });

  it("answers 503 when the sessions' store fails", async () => {
    const failing = createSessions({
      key: generateSecret('HS256'),
      store: { get: () => Promise.reject(new Error('down')), set: () => undefined, setIfAbsent: () => true },
    });
    const pair = await failing.issueTokens({ sub: 'user-1' });
    const refusal = await createBearerAuth({ sessions: failing })(`Bearer ${pair.accessToken}`).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 503, error: 'temporarily_unavailable' });
    expect((refusal as BearerError).cause).toBeInstanceOf(SessionStoreError);
  });

  it('takes nothing the sessions already say (TypeError), and checks its own options', () => {
    expect(() => createBearerAuth({ sessions, issuer: ISSUER })).toThrow(/the sessions' own; remove "issuer"/);
    expect(() => createBearerAuth({ sessions, key: 'x' })).toThrow(/remove "key"/);
    expect(() => createBearerAuth({ sessions, checkRevoke: true } as never)).toThrow(/did you mean "checkRevoked"/);
    expect(() => createBearerAuth({ sessions, checkRevoked: 'yes' as never })).toThrow(TypeError);
    expect(() => createBearerAuth({ sessions: {} as never })).toThrow(/createSessions\(\)/);
  });
});
