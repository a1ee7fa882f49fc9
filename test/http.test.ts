/**
 * webjwt/http: bearer tokens through real HTTP requests to node:http, Express 5 and Hono servers
 * (RFC 6750 §2.1 and §3), then the pieces on their own: bearerToken(), the guards, BearerError and
 * the Fetch form with every kind of key.
 */
import { createServer, request as httpRequest } from 'node:http';
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importKey,
  sign,
  type JwtPayload,
} from '../src/index.js';
import {
  BearerError,
  bearerToken,
  createBearerAuth,
  requireClaims,
  requireRole,
  requireScope,
  type BearerAuthOptions,
  type Guard,
} from '../src/http.js';
import { createSessions, memoryStore, type SessionStore } from '../src/session.js';
import { startApp, type AppName } from './http/apps.js';
import { listen, type Listening } from './http/serve.js';
import { startServer } from './keys/jwks-server.js';
import { expectCode, hmacToken, rawToken, tamper } from './support.js';

const ISSUER = 'https://auth.example.com';
const CLAIMS = { sub: 'user-1', roles: ['user'], scope: 'profile orders:read', tenant: 'acme' };
const HOUR = 3600 * 1000;

const pair = await generateKeyPair('RS256', { extractable: true });
const publicPem = await exportPEM(pair.publicKey);
const options: BearerAuthOptions = { key: publicPem, issuer: ISSUER, audience: 'api', realm: 'example' };

/** A token the servers accept, unless the overrides say otherwise. */
function token(claims: JwtPayload = CLAIMS, signOptions: Parameters<typeof sign>[2] = {}): Promise<string> {
  return sign(claims, pair.privateKey, { issuer: ISSUER, audience: 'api', expiresIn: '15m', ...signOptions });
}

const challenge = (error?: string, description?: string, scope?: string): string =>
  [
    'Bearer realm="example"',
    ...(error === undefined ? [] : [`error="${error}"`, `error_description="${description}"`]),
    ...(scope === undefined ? [] : [`scope="${scope}"`]),
  ].join(', ');

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function get(url: string, authorization?: string): Promise<Answer> {
  const response = await fetch(url, authorization === undefined ? {} : { headers: { authorization } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A GET with the Authorization field sent once per value, which fetch() cannot do (it joins them). */
function getWithFields(url: string, authorizations: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url);
    req.setHeader('authorization', authorizations);
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers, text });
      });
    });
    req.end();
  });
}

/** A refusal: status, exact challenge, JSON body, no caching, and nothing of the token in it. */
function expectRefusal(answer: Answer, status: number, wwwAuthenticate: string, body: object, sent?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('www-authenticate')).toBe(wwwAuthenticate);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(JSON.parse(answer.text)).toEqual(body);
  for (const leak of [...(sent?.split('.').filter((part) => part.length > 4) ?? []), 'user-1', 'acme']) {
    expect(answer.text).not.toContain(leak);
    expect(wwwAuthenticate).not.toContain(leak);
  }
}

const INVALID = { error: 'invalid_token', error_description: 'The access token is invalid' };
const EXPIRED = { error: 'invalid_token', error_description: 'The access token expired' };

describe.each<AppName>(['node:http', 'express', 'hono'])('%s server', (name) => {
  let app: Listening;
  beforeAll(async () => {
    app = await startApp(name, options);
  });
  afterAll(() => app.close());

  const expectInvalid = async (sent: string, body = INVALID) => {
    expectRefusal(await get(`${app.url}/profile`, `Bearer ${sent}`), 401, challenge(body.error, body.error_description), body, sent);
  };

  it('a valid token: 200 with its claims', async () => {
    const answer = await get(`${app.url}/profile`, `Bearer ${await token()}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ ...CLAIMS, iss: ISSUER, aud: 'api' });
    // The scheme is case-insensitive (RFC 9110 §11.1), and more than one space may follow it.
    expect((await get(`${app.url}/profile`, `bEaReR   ${await token()}`)).status).toBe(200);
  });

  it('no credentials, or another scheme: 401 with a bare challenge, no error (RFC 6750 §3.1)', async () => {
    const body = { error_description: 'A bearer token is required' };
    expectRefusal(await get(`${app.url}/profile`), 401, challenge(), body);
    const jwt = await token();
    for (const other of ['Basic dXNlcjpwYXNz', `Token ${jwt}`, `Bearer${jwt}`]) {
      expectRefusal(await get(`${app.url}/profile`, other), 401, challenge(), body, jwt);
    }
  });

  it('malformed bearer credentials: 400 invalid_request', async () => {
    const jwt = await token();
    const body = { error: 'invalid_request', error_description: 'The Authorization header is malformed' };
    for (const value of ['Bearer', `Bearer ${jwt} extra`, 'Bearer =abc', `Bearer "${jwt}"`, `Bearer\t${jwt}`, 'Bearer a=b']) {
      expectRefusal(await get(`${app.url}/profile`, value), 400, challenge(body.error, body.error_description), body, jwt);
    }
  });

  it('two Authorization headers: 400 invalid_request, even if one is valid', async () => {
    const jwt = await token();
    const body = { error: 'invalid_request', error_description: 'The request has more than one Authorization header' };
    const expected = challenge(body.error, body.error_description);
    expectRefusal(await getWithFields(`${app.url}/profile`, [`Bearer ${jwt}`, `Bearer ${jwt}`]), 400, expected, body, jwt);
    expectRefusal(await getWithFields(`${app.url}/profile`, ['Basic dXNlcjpwYXNz', `Bearer ${jwt}`]), 400, expected, body, jwt);
    // As one field, the way a proxy or fetch() joins them.
    expectRefusal(await get(`${app.url}/profile`, `Bearer ${jwt}, Bearer ${jwt}`), 400, expected, body, jwt);
  });

  it('an expired token: 401 invalid_token, described as expired', async () => {
    await expectInvalid(await token(CLAIMS, { currentDate: new Date(Date.now() - 2 * HOUR) }), EXPIRED);
  });

  it('a bad signature, a wrong issuer or audience, a token not yet valid: 401 invalid_token', async () => {
    await expectInvalid(tamper(await token()));
    await expectInvalid(await token(CLAIMS, { issuer: 'https://evil.example' }));
    await expectInvalid(await token(CLAIMS, { audience: 'other-api' }));
    await expectInvalid(await token(CLAIMS, { notBefore: '1h' }));
    await expectInvalid('not.a.jwt');
  });

  it('alg "none" and HS256 signed with the RSA public key are still refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({ ...CLAIMS, roles: ['admin'], iss: ISSUER, aud: 'api', exp: now + 600 });
    await expectInvalid(rawToken('{"alg":"none","typ":"JWT"}', payload, ''));
    await expectInvalid(rawToken('{"alg":"none","typ":"JWT"}', payload));
    await expectInvalid(hmacToken('{"alg":"HS256","typ":"JWT"}', payload, publicPem));
  });

  it('a missing role or scope: 403 insufficient_scope naming what is required', async () => {
    const jwt = await token();
    const role = { error: 'insufficient_scope', error_description: 'The access token lacks the required role (claim roles or role)' };
    expectRefusal(await get(`${app.url}/admin`, `Bearer ${jwt}`), 403, challenge(role.error, role.error_description, 'admin'), role, jwt);
    const admin = await token({ ...CLAIMS, roles: ['admin'] });
    expect((await get(`${app.url}/admin`, `Bearer ${admin}`)).status).toBe(200);

    const scope = { error: 'insufficient_scope', error_description: 'The access token lacks the required scope' };
    const reader = await token({ ...CLAIMS, scope: 'profile orders:write' });
    expectRefusal(
      await get(`${app.url}/orders`, `Bearer ${reader}`),
      403,
      challenge(scope.error, scope.error_description, 'orders:read'),
      scope,
      reader,
    );
    expect((await get(`${app.url}/orders`, `Bearer ${jwt}`)).status).toBe(200);

    const claim = { error: 'insufficient_scope', error_description: 'The access token lacks a required claim' };
    const other = await token({ ...CLAIMS, tenant: 'globex' });
    expectRefusal(await get(`${app.url}/acme`, `Bearer ${other}`), 403, challenge(claim.error, claim.error_description), claim, other);
    expect((await get(`${app.url}/acme`, `Bearer ${jwt}`)).status).toBe(200);
  });

  it('the guards run only on a verified token: a forged admin token is 401, not 403 or 200', async () => {
    const forged = tamper(await token({ ...CLAIMS, roles: ['admin'] }));
    const answer = await get(`${app.url}/admin`, `Bearer ${forged}`);
    expectRefusal(answer, 401, challenge(INVALID.error, INVALID.error_description), INVALID, forged);
  });

  it('a fault on the server side (the key resolver throws) is a 500, not a 401', async () => {
    const answer = await get(`${app.url}/broken`, `Bearer ${await token()}`);
    expect(answer.status).toBe(500);
    expect(answer.headers.get('www-authenticate')).toBeNull();
    expect(answer.text).not.toContain('key service down');
  });
});

/**
 * A token that cannot be checked because webjwt/session's store failed or stalled (ERR_SESSION_STORE
 * from `isRevoked`) is the server's passing trouble: 503 with Retry-After on every server, never a 401
 * that would send the user to log in again, never a 500, never a 200.
 */
describe.each<AppName>(['node:http', 'express', 'hono'])('%s server, with a session store that fails', (name) => {
  const UNAVAILABLE = {
    error: 'temporarily_unavailable',
    error_description: 'The access token cannot be checked right now; try again later',
  };
  const secret = generateSecret('HS256');
  const inner = memoryStore();
  let mode: 'up' | 'stalled' | 'failing' = 'up';
  const store: SessionStore = {
    get: (key) => (mode === 'up' ? inner.get(key) : mode === 'stalled' ? new Promise(() => {}) : Promise.reject(new Error('ECONNREFUSED'))),
    set: (key, value, ttl) => inner.set(key, value, ttl),
    setIfAbsent: (key, value, ttl) => inner.setIfAbsent(key, value, ttl),
  };
  const sessions = createSessions({ key: secret, issuer: ISSUER, audience: 'api', store, storeTimeout: 0.1 });
  let app: Listening;
  beforeAll(async () => {
    app = await startApp(name, {
      key: secret,
      issuer: ISSUER,
      audience: 'api',
      typ: 'at+jwt',
      realm: 'example',
      isRevoked: sessions.isRevoked,
    });
  });
  afterAll(() => app.close());

  it.each(['stalled', 'failing'] as const)(
    'a %s store: 503 with Retry-After and a fixed JSON body; 200 again once it is up',
    async (failure) => {
      const { accessToken } = await sessions.issueTokens({ sub: 'user-1', tenant: 'acme' });
      mode = failure;
      try {
        const answer = await get(`${app.url}/profile`, `Bearer ${accessToken}`);
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(answer.headers.get('www-authenticate')).toBeNull();
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(JSON.parse(answer.text)).toEqual(UNAVAILABLE);
        expect(answer.text).not.toContain('ECONNREFUSED');
      } finally {
        mode = 'up';
      }
      expect((await get(`${app.url}/profile`, `Bearer ${accessToken}`)).status).toBe(200);
      await sessions.revokeSession((await sessions.verifyAccess(accessToken)).payload.sid);
      expectRefusal(
        await get(`${app.url}/profile`, `Bearer ${accessToken}`),
        401,
        challenge(INVALID.error, INVALID.error_description),
        INVALID,
        accessToken,
      );
    },
  );
});

describe('Express with forwardErrors', () => {
  it('hands refusals to the error handler, which can answer with the BearerError', async () => {
    const auth = createBearerAuth({ ...options, forwardErrors: true });
    const seen: unknown[] = [];
    const app = express();
    app.get('/profile', auth.middleware(), (_req, res) => {
      res.json({});
    });
    app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
      seen.push(error);
      if (error instanceof BearerError) res.status(error.status).set(error.headers()).json(error);
      else res.status(500).json({});
    });
    const server = await listen(createServer(app));
    try {
      const expired = await token(CLAIMS, { currentDate: new Date(Date.now() - 2 * HOUR) });
      const answer = await get(`${server.url}/profile`, `Bearer ${expired}`);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe(challenge(EXPIRED.error, EXPIRED.error_description));
      expect(JSON.parse(answer.text)).toEqual(EXPIRED);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBeInstanceOf(BearerError);
      // The webjwt error stays available to the server's logs, and only there.
      expect((seen[0] as BearerError).cause).toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    } finally {
      await server.close();
    }
  });
});

describe('bearerToken()', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';

  it('reads a Request, Headers, a Node-style request or the header value', () => {
    expect(bearerToken(new Request('http://x/', { headers: { authorization: `Bearer ${jwt}` } }))).toBe(jwt);
    expect(bearerToken(new Headers({ Authorization: `bearer ${jwt}` }))).toBe(jwt);
    expect(bearerToken({ headers: { authorization: `BEARER ${jwt}` } })).toBe(jwt);
    expect(bearerToken({ headers: { authorization: [`Bearer ${jwt}`] } })).toBe(jwt);
    expect(bearerToken(`  Bearer ${jwt}\t`)).toBe(jwt);
    // b64token allows more than base64url; verify() is what refuses such tokens.
    expect(bearerToken('Bearer a+b/c~d==')).toBe('a+b/c~d==');
  });

  it('is undefined without credentials, or for another scheme', () => {
    for (const source of [
      undefined,
      null,
      '',
      '   ',
      new Headers(),
      new Request('http://x/'),
      { headers: {} },
      { headers: { authorization: [] } },
    ]) {
      expect(bearerToken(source)).toBeUndefined();
    }
    for (const value of ['Basic dXNlcjpwYXNz', `Bearerx ${jwt}`, `Digest username="a", realm="b"`, `MAC ${jwt}`]) {
      expect(bearerToken(value)).toBeUndefined();
    }
  });

  it('throws invalid_request (400) for malformed bearer credentials and repeated headers', () => {
    const cases: [Parameters<typeof bearerToken>[0], string][] = [
      ['Bearer', 'malformed'],
      ['Bearer ', 'malformed'],
      [`Bearer ${jwt} ${jwt}`, 'malformed'],
      [`Bearer =${jwt}`, 'malformed'],
      [`Bearer ${jwt}=x`, 'malformed'],
      ['Bearer é', 'malformed'],
      [`Bearer\t${jwt}`, 'malformed'],
      [`Bearer ${jwt}, Bearer ${jwt}`, 'more than one'],
      [`Basic dXNlcjpwYXNz, Bearer ${jwt}`, 'more than one'],
      [{ headers: { authorization: [`Bearer ${jwt}`, `Bearer ${jwt}`] } }, 'more than one'],
      // Node keeps only the first Authorization in `headers`; rawHeaders shows both.
      [
        { headers: { authorization: `Bearer ${jwt}` }, rawHeaders: ['Authorization', `Bearer ${jwt}`, 'authorization', 'Basic x'] },
        'more than one',
      ],
    ];
    for (const [source, description] of cases) {
      const error = (() => {
        try {
          return bearerToken(source);
        } catch (e) {
          return e;
        }
      })();
      expect(error, JSON.stringify(source)).toBeInstanceOf(BearerError);
      expect(error).toMatchObject({ status: 400, error: 'invalid_request' });
      expect((error as BearerError).description).toContain(description);
      expect((error as BearerError).message).not.toContain(jwt);
    }
  });

  it('takes linear time on hostile header values', () => {
    const started = performance.now();
    expect(bearerToken(`x${' '.repeat(200_000)}y`)).toBeUndefined();
    expect(bearerToken(`${' ,'.repeat(100_000)}x`)).toBeUndefined();
    expect(() => bearerToken(`Bearer ${'a'.repeat(200_000)} ${' '.repeat(200_000)}x`)).toThrow(BearerError);
    // Quadratic backtracking would take seconds here.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('is a TypeError for anything else', () => {
    for (const source of [42, {}, { headers: 'x' }, { headers: { authorization: 42 } }, { headers: { authorization: [1] } }]) {
      expect(() => bearerToken(source as never)).toThrow(TypeError);
    }
  });
});

describe('BearerError', () => {
  it('builds the challenge, headers, body and Response; no realm unless configured', async () => {
    const none = new BearerError(undefined);
    expect([none.status, none.challenge]).toEqual([401, 'Bearer']);
    const scope = new BearerError('insufficient_scope', { scope: 'a b', realm: 'api' });
    expect(scope.status).toBe(403);
    expect(scope.challenge).toBe(
      'Bearer realm="api", error="insufficient_scope", error_description="The access token does not grant access to this resource", scope="a b"',
    );
    const response = new BearerError('invalid_request').toResponse();
    expect(response.status).toBe(400);
    expect(Object.fromEntries([...response.headers.entries()])).toEqual({
      'www-authenticate': 'Bearer error="invalid_request", error_description="The request is malformed"',
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'The request is malformed' });
    const unavailable = new BearerError('temporarily_unavailable', { realm: 'api' }).toResponse();
    expect(unavailable.status).toBe(503);
    expect(Object.fromEntries([...unavailable.headers.entries()])).toEqual({
      'retry-after': '5',
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
  });

  it('refuses anything that could break out of a quoted header parameter', () => {
    for (const bad of ['a"b', 'a\\b', 'a\r\nSet-Cookie: x=1', 'a\nb', 'tab\there', 'é', '\u0000', '']) {
      expect(() => new BearerError('invalid_token', { realm: bad }), JSON.stringify(bad)).toThrow(TypeError);
      expect(() => new BearerError('invalid_token', { description: bad }), JSON.stringify(bad)).toThrow(TypeError);
      expect(() => new BearerError('insufficient_scope', { scope: bad })).toThrow(TypeError);
      expect(() => createBearerAuth({ ...options, realm: bad })).toThrow(TypeError);
      expect(() => requireScope(bad)).toThrow(TypeError);
      expect(() => requireRole(bad)).toThrow(TypeError);
    }
    expect(() => new BearerError('insufficient_scope', { scope: 'a  b' })).toThrow(TypeError);
    expect(() => new BearerError('server_error' as never)).toThrow(TypeError);
  });
});

describe('guards', () => {
  const header = { alg: 'HS256' };
  const passes = async (guard: ReturnType<typeof requireScope>, payload: JwtPayload) => {
    try {
      await guard({ header, payload });
      return true;
    } catch (error) {
      expect(error).toMatchObject({ status: 403, error: 'insufficient_scope' });
      return false;
    }
  };

  it('requireScope: every scope, from a space-separated string or an array', async () => {
    const both = requireScope('read write');
    expect(await passes(both, { scope: 'write admin read' })).toBe(true);
    expect(await passes(both, { scope: ['read', 'write'] })).toBe(true);
    expect(await passes(both, { scope: 'read' })).toBe(false);
    expect(await passes(both, { scope: 'read-write' })).toBe(false);
    expect(await passes(both, { scope: 42 })).toBe(false);
    expect(await passes(both, {})).toBe(false);
    expect(await passes(requireScope(['read'], { claim: 'scp' }), { scp: ['read'] })).toBe(true);
  });

  it('requireRole: any one role, from a string, an array or a nested claim', async () => {
    const staff = requireRole(['admin', 'editor']);
    expect(await passes(staff, { roles: ['user', 'editor'] })).toBe(true);
    expect(await passes(staff, { roles: 'admin' })).toBe(true);
    expect(await passes(staff, { roles: ['user'] })).toBe(false);
    expect(await passes(staff, { roles: 'admin editor' })).toBe(false);
    // Without a claim option, `role` counts as well as `roles` (the explainer's { role: 'admin' }).
    expect(await passes(staff, { role: 'admin' })).toBe(true);
    expect(await passes(staff, { role: ['editor'] })).toBe(true);
    expect(await passes(staff, { role: 'user', roles: ['user'] })).toBe(false);
    const keycloak = requireRole('admin', { claim: ['realm_access', 'roles'] });
    expect(await passes(keycloak, { realm_access: { roles: ['admin'] } })).toBe(true);
    expect(await passes(keycloak, { realm_access: 'admin' })).toBe(false);
    // With one, that claim only.
    expect(await passes(requireRole('admin', { claim: 'roles' }), { role: 'admin' })).toBe(false);
  });

  it('requireRole says which claims it read: in the 403, and how to read another in its cause', async () => {
    const refusal = (guard: Guard) =>
      Promise.resolve()
        .then(() => guard({ header: { alg: 'HS256' }, payload: { roles: ['user'] } }))
        .then(
          () => expect.unreachable(),
          (error: unknown) => error as BearerError,
        );
    const byDefault = await refusal(requireRole('admin'));
    expect(byDefault.description).toBe('The access token lacks the required role (claim roles or role)');
    expect((byDefault.cause as Error).message).toMatch(/read the claim roles and the claim role; to read another, pass \{ claim/);
    const nested = await refusal(requireRole('admin', { claim: ['realm_access', 'roles'] }));
    expect(nested.description).toBe('The access token lacks the required role (claim realm_access.roles)');
    // A claim name that cannot be quoted in a header is left out of the description, not sent.
    expect((await refusal(requireRole('admin', { claim: 'r"o' }))).description).toBe('The access token lacks the required role');
  });

  it('read own members only: an inherited or __proto__ value grants nothing', async () => {
    const inherited = Object.create({ roles: ['admin'], scope: 'read' }) as JwtPayload;
    expect(await passes(requireRole('admin'), inherited)).toBe(false);
    expect(await passes(requireScope('read'), inherited)).toBe(false);
    expect(await passes(requireClaims({ scope: 'read' }), inherited)).toBe(false);
    const polluted = JSON.parse('{"__proto__":{"roles":["admin"]}}') as JwtPayload;
    expect(await passes(requireRole('admin', { claim: ['__proto__', 'roles'] }), polluted)).toBe(true); // an own member, named on purpose
    expect(await passes(requireRole('admin'), polluted)).toBe(false);
  });

  it('requireClaims: values, tests per claim, or one test; only true passes', async () => {
    expect(await passes(requireClaims({ email_verified: true, plan: (p) => p === 'pro' }), { email_verified: true, plan: 'pro' })).toBe(
      true,
    );
    expect(await passes(requireClaims({ email_verified: true }), { email_verified: 'true' })).toBe(false);
    expect(await passes(requireClaims({ deleted: null }), {})).toBe(false);
    expect(await passes(requireClaims({ plan: () => 'yes' as unknown as boolean }), { plan: 'pro' })).toBe(false);
    expect(
      await passes(
        requireClaims((payload) => Promise.resolve(payload.sub === 'a')),
        { sub: 'a' },
      ),
    ).toBe(true);
    expect(
      await passes(
        requireClaims((payload) => payload.sub === 'a'),
        { sub: 'b' },
      ),
    ).toBe(false);
  });

  it('are checked when created', () => {
    expect(() => requireScope([])).toThrow(TypeError);
    expect(() => requireScope('read', { claim: [] })).toThrow(TypeError);
    expect(() => requireRole([])).toThrow(TypeError);
    expect(() => requireClaims({})).toThrow(TypeError);
    expect(() => requireClaims({ tags: ['a'] as never })).toThrow(TypeError);
    expect(() => requireClaims(null as never)).toThrow(TypeError);
  });
});

describe('createBearerAuth(): the Fetch form', () => {
  const request = (jwt: string) => new Request('http://x/', { headers: { authorization: `Bearer ${jwt}` } });

  it('takes every kind of key verify() takes', async () => {
    const secret = generateSecret('HS256');
    const hs = await sign({ sub: 'a' }, secret);
    expect((await createBearerAuth({ key: secret })(request(hs))).payload.sub).toBe('a');
    expect((await createBearerAuth({ key: importKey(secret) })(`Bearer ${hs}`)).header.alg).toBe('HS256');

    const es = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(es.publicKey)), kid: 'k1' };
    const esToken = await sign({ sub: 'b' }, es.privateKey, { header: { kid: 'k1' } });
    expect((await createBearerAuth({ key: { keys: [jwk] } })(request(esToken))).payload.sub).toBe('b');
    expect((await createBearerAuth({ key: createLocalJWKSet({ keys: [jwk] }) })(request(esToken))).payload.sub).toBe('b');

    // An unknown kid is the token's fault: 401.
    const other = await sign({ sub: 'b' }, es.privateKey, { header: { kid: 'k2' } });
    await expect(createBearerAuth({ key: { keys: [jwk] } })(request(other))).rejects.toMatchObject({ status: 401, error: 'invalid_token' });
  });

  it("with a remote key set: a set that cannot be fetched is the server's error, not a 401", async () => {
    const server = await startServer();
    try {
      const es = await generateKeyPair('ES256');
      server.keys = [{ ...(await exportJWK(es.publicKey)), kid: 'k1' }];
      const auth = createBearerAuth({ key: createRemoteJWKSet(server.url, { cooldown: 0 }) });
      const jwt = await sign({ sub: 'c' }, es.privateKey, { header: { kid: 'k1' } });
      expect((await auth(request(jwt))).payload.sub).toBe('c');
      server.mode = '500';
      const fresh = createBearerAuth({ key: createRemoteJWKSet(server.url) });
      const error = await expectCode(fresh(request(jwt)), 'ERR_JWKS_FETCH');
      expect(error).not.toBeInstanceOf(BearerError);
    } finally {
      await server.close();
    }
  });

  it('refusals carry status, code, realm and the webjwt error as cause', async () => {
    const auth = createBearerAuth(options);
    const expired = await token(CLAIMS, { currentDate: new Date(Date.now() - 2 * HOUR) });
    const error = await auth(request(expired)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BearerError);
    expect(error).toMatchObject({ status: 401, error: 'invalid_token', description: 'The access token expired', realm: 'example' });
    expect((error as BearerError).cause).toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    const guarded = await auth(request(await token()), requireRole('admin')).catch((e: unknown) => e);
    expect(guarded).toMatchObject({ status: 403, realm: 'example', scope: 'admin' });
    // A clock for replays and tests, as verify() takes.
    const replay = createBearerAuth({ ...options, currentDate: new Date(Date.now() - 2 * HOUR - 60_000) });
    expect((await replay(request(expired))).payload.sub).toBe('user-1');
  });

  it('a session store failure from another copy of webjwt, known by its code, is a 503 with the error as cause', async () => {
    const foreign = Object.assign(new Error('the session store did not answer get() within 2000 ms'), { code: 'ERR_SESSION_STORE' });
    const auth = createBearerAuth({ ...options, isRevoked: () => Promise.reject(foreign) });
    const error = await auth(request(await token())).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, error: 'temporarily_unavailable', realm: 'example' });
    expect((error as BearerError).cause).toBe(foreign);
    // Any other error of an isRevoked hook stays the server's (a 500), as before.
    const other = createBearerAuth({ ...options, isRevoked: () => Promise.reject(new Error('bug')) });
    await expect(other(request(await token()))).rejects.toThrow('bug');
  });

  it("a validate option that fails is the token's fault (401); a guard that fails is a 403", async () => {
    const auth = createBearerAuth({ ...options, validate: { tenant: (t) => t === 'acme' } });
    await expect(auth(request(await token({ ...CLAIMS, tenant: 'globex' })))).rejects.toMatchObject({
      status: 401,
      error: 'invalid_token',
    });
    await expect(auth(request(await token()), requireClaims({ tenant: 'globex' }))).rejects.toMatchObject({ status: 403 });
  });

  it('misuse is a TypeError (or ERR_KEY) at creation, not a 500 later', async () => {
    expect(() => createBearerAuth(undefined as never)).toThrow(TypeError);
    expect(() => createBearerAuth({} as never)).toThrow(TypeError);
    expect(() => createBearerAuth({ key: null } as never)).toThrow(TypeError);
    expect(() => createBearerAuth({ ...options, audiance: 'api' } as never)).toThrow(/unknown option "audiance"/);
    expect(() => createBearerAuth({ ...options, forwardErrors: 'yes' as never })).toThrow(TypeError);
    expect(() => createBearerAuth({ ...options, algorithms: ['none' as never] })).toThrow(TypeError);
    expect(() => createBearerAuth({ ...options, cache: { maxEntries: -1 } })).toThrow(TypeError);
    await expectCode(() => createBearerAuth({ ...options, algorithms: ['HS256'] }), 'ERR_KEY');
    await expectCode(() => createBearerAuth({ key: 'short' }), 'ERR_KEY'); // a weak secret fails at startup, not per request
    const auth = createBearerAuth(options);
    expect(() => auth.middleware('admin' as never)).toThrow(TypeError);
    await expect(auth(request(await token()), 'admin' as never)).rejects.toThrow(TypeError);
  });
});
