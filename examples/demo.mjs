/**
 * The whole login flow of an application, run for real: `npm run demo`.
 *
 * A small API server (node:http) logs its users in with webjwt/session and protects its routes with
 * webjwt/http; then a client talks to it with fetch, the way a browser or an app would, and prints
 * each request and answer. Every step asserts what it shows, so the demo fails loudly (exit code 1)
 * if the flow ever breaks.
 *
 * Nothing to set up: the HMAC secret is generated at startup, the two users and their passwords are
 * the demo's own, and the server listens on a free port of 127.0.0.1.
 *
 * `node examples/demo.mjs --browser [--port N]` (`npm run demo -- --browser`) runs the same server
 * for a browser instead: it also serves a page (examples/demo-page.mjs) that logs in and calls the
 * API through webjwt/client, bundled from the built package, and logs every request until Ctrl-C.
 * There the sessions have a reuse grace, and the page can have the next refresh response lost.
 */
import assert from 'node:assert/strict';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { generateSecret, isJwtError } from 'webjwt';
import { createBearerAuth, requireRole } from 'webjwt/http';
import { createSessions } from 'webjwt/session';

/** Both sides print indented under the step being shown. */
const log = (line) => {
  console.log(`   ${line}`);
};

// ---------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------

const { values: flags } = parseArgs({ options: { browser: { type: 'boolean', default: false }, port: { type: 'string', default: '0' } } });
const BROWSER = flags.browser;

const ISSUER = 'https://auth.demo.local';
const AUDIENCE = 'demo-api';
/**
 * Short, so that the demo can wait for an access token to expire. A real default is '15m'. Not 2 s:
 * exp is a whole second, so a token issued late in a second has only just over 1 s left, which a busy
 * machine may spend between two steps that still need it.
 */
const ACCESS_TTL = '3s';
const REFRESH_TTL = '7d';
/**
 * For the browser: the refresh token spent last may be presented again for 2 s (a real one: '10s')
 * when its response was lost, and is answered with the same new pair. The console flow below shows
 * reuse detection instead, so it has none.
 */
const REUSE_GRACE = BROWSER ? '2s' : undefined;

/** Demo users. A real application keeps only the hashes, never the passwords. */
const DEMO_USERS = [
  { username: 'alice', password: 'alice-demo-password', roles: ['user'] },
  { username: 'admin', password: 'admin-demo-password', roles: ['admin'] },
];

// In production the secret comes from your secret store, the same on every server. Generated here,
// so every run of the demo has its own and no secret is written in the code.
const secret = generateSecret('HS256');

const sessions = createSessions({
  key: secret,
  issuer: ISSUER,
  audience: AUDIENCE,
  accessTtl: ACCESS_TTL,
  refreshTtl: REFRESH_TTL,
  reuseGrace: REUSE_GRACE,
});

// The routes accept only what createSessions() issues as access tokens: its key and algorithm, its
// issuer and audience, and the access token type of RFC 9068, so that a refresh token is never taken
// for one; and they read the store, so a logout ends the session's access tokens at once.
const auth = createBearerAuth({ sessions });

// --- Users: passwords hashed with scrypt, each with its own random salt ---

const scryptAsync = promisify(scrypt);

async function hashPassword(password, salt = randomBytes(16)) {
  return { salt, hash: await scryptAsync(password.normalize('NFC'), salt, 32) };
}

const users = new Map();
for (const { username, password, roles } of DEMO_USERS) {
  users.set(username, { roles, ...(await hashPassword(password)) });
}
/** Compared against when the user does not exist, so that an unknown name costs as long as a known one. */
const nobody = await hashPassword(randomBytes(16).toString('hex'));

/** The user with this name and password, or undefined. */
async function checkPassword(username, password) {
  const user = users.get(username);
  const { salt, hash } = user ?? nobody;
  const attempt = await hashPassword(password, salt);
  return timingSafeEqual(attempt.hash, hash) && user !== undefined ? { sub: username, roles: user.roles } : undefined;
}

// --- The token endpoints: /login, /refresh and /logout ---

/**
 * A refusal of a token endpoint, answered as OAuth 2.0 answers them (RFC 6749 §5.2): status 400,
 * `{ error, error_description }`, and never any token text.
 */
class TokenError extends Error {
  constructor(error, description, status = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

/** A JwtError from the session means a refresh token we do not accept: expired, forged, revoked or reused. */
function refusedGrant(error) {
  if (!isJwtError(error)) throw error;
  // The session store failed or did not answer: not the token's fault, so not invalid_grant (which
  // tells a client to log in again). 503 says: try again shortly (RFC 6749 §5.2 has no such code;
  // temporarily_unavailable is its authorization endpoint's name for the same thing).
  if (error.code === 'ERR_SESSION_STORE') return new TokenError('temporarily_unavailable', 'Try again shortly', 503);
  // Only on the server: the client learns no more than `invalid_grant`. webjwt's messages hold no token text.
  log(`server: ${error.code}: ${error.message}`);
  return new TokenError('invalid_grant', 'The refresh token is invalid, expired or revoked');
}

/** The JSON body's string fields `names`, or a 400 `invalid_request`. */
async function readFields(req, names) {
  let text = '';
  for await (const chunk of req.setEncoding('utf8')) {
    text += chunk;
    if (text.length > 4096) throw new TokenError('invalid_request', 'The request body is too large');
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TokenError('invalid_request', 'The request body must be JSON');
  }
  for (const name of names) {
    if (typeof body?.[name] !== 'string' || body[name] === '') throw new TokenError('invalid_request', `${name} is required`);
  }
  return body;
}

/** A successful token response, with RFC 6749 §5.1's names. */
function sendTokens(res, pair) {
  send(res, 200, {
    access_token: pair.accessToken,
    token_type: pair.tokenType,
    expires_in: pair.expiresIn,
    refresh_token: pair.refreshToken,
  });
}

async function login(req, res) {
  const { username, password } = await readFields(req, ['username', 'password']);
  const user = await checkPassword(username, password);
  if (user === undefined) throw new TokenError('invalid_grant', 'Wrong username or password');
  sendTokens(res, await sessions.issueTokens(user));
}

/** Browser mode: the page can ask for the next refresh response to be lost. */
let loseNextRefresh = false;
/** Browser mode: the refresh tokens issued by refreshes, to tell a grace retry in the log. */
const issued = new Set();

async function refresh(req, res) {
  const { refresh_token } = await readFields(req, ['refresh_token']);
  // Rotation: the refresh token is spent and a new pair comes back. A spent one presented again
  // revokes the whole session (reuse detection), unless it is a retry within the reuse grace.
  const pair = await sessions.refresh(refresh_token).catch((error) => {
    throw refusedGrant(error);
  });
  // The reuse grace answers a refresh token spent last with the pair it was exchanged for: said in the log.
  if (BROWSER && issued.has(pair.refreshToken)) console.log('POST /refresh: a retry within the reuse grace, answered with the same pair');
  issued.add(pair.refreshToken);
  if (loseNextRefresh) {
    // Lost as a load balancer loses it: the refresh was made, and its answer never reaches the
    // client, which gets a 504 instead. (Dropping the connection would not do: Chromium silently
    // resends a POST whose reused connection closed without an answer, which the grace also covers.)
    loseNextRefresh = false;
    console.log('POST /refresh: refreshed, and the response lost (504, as from a proxy that timed out)');
    send(res, 504, { error: 'gateway_timeout' });
    return;
  }
  sendTokens(res, pair);
}

async function logout(req, res) {
  const { refresh_token } = await readFields(req, ['refresh_token']);
  // Revokes the session: none of its tokens works any more (the routes check revocations).
  await sessions.logout(refresh_token).catch((error) => {
    throw refusedGrant(error);
  });
  res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
}

// --- The API: routes that need an access token ---

/**
 * A route behind webjwt's middleware: it answers refusals itself (401, 403 or 400, RFC 6750) and
 * calls the handler with the verified token in `req.auth`.
 */
function protect(guards, handler) {
  const authenticate = auth.middleware(...guards);
  return (req, res) => {
    authenticate(req, res, (error) => {
      if (error === undefined) handler(req, res);
      else fail(res, error);
    });
  };
}

const profile = protect([], (req, res) => {
  const { sub, roles, sid } = req.auth.payload;
  send(res, 200, { sub, roles, session: sid });
});

const admin = protect([requireRole('admin')], (req, res) => {
  send(res, 200, { users: [...users.keys()] });
});

// --- The page, for --browser ---

/** The page's script with webjwt/client from the built package (the package's own export), as an app's bundler would make it. */
async function bundlePage() {
  const { build } = await import('esbuild');
  const client = fileURLToPath(import.meta.resolve('webjwt/client'));
  const result = await build({
    entryPoints: [fileURLToPath(new URL('demo-page.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [{ name: 'webjwt-client', setup: (b) => b.onResolve({ filter: /^webjwt\/client$/ }, () => ({ path: client })) }],
  });
  return result.outputFiles[0].text;
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>webjwt demo</title>
<style>body{font:15px system-ui;margin:2em;max-width:50em} li{font:13px ui-monospace,monospace} button{margin:.2em}</style>
<h1>webjwt demo: webjwt/client in the browser</h1>
<p>Open this page in two tabs. State: <strong id="state">loading</strong></p>
<p><input id="username" value="alice"> <input id="password" type="password" value="alice-demo-password"> <button id="login">Log in</button></p>
<p><button id="call">Call /profile ×10</button> <button id="lose">Lose the next refresh response</button> <button id="logout">Log out</button></p>
<ol id="log" reversed></ol>
<script type="module" src="/app.js"></script>
`;

// --- Routing ---

const routes = new Map([
  ['POST /login', login],
  ['POST /refresh', refresh],
  ['POST /logout', logout],
  ['GET /profile', profile],
  ['GET /admin', admin],
]);
if (BROWSER) {
  const script = await bundlePage();
  const serve = (type, body) => (_req, res) => res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  routes.set('GET /', serve('text/html; charset=utf-8', PAGE));
  routes.set('GET /app.js', serve('text/javascript; charset=utf-8', script));
  routes.set('POST /debug/lose-next-refresh', (_req, res) => {
    loseNextRefresh = true;
    res.writeHead(204).end();
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function fail(res, error) {
  if (error instanceof TokenError) {
    if (error.status === 503) res.setHeader('Retry-After', '5');
    send(res, error.status, { error: error.error, error_description: error.message });
  } else {
    console.error(error);
    send(res, 500, { error: 'server_error' });
  }
}

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  // The browser mode's log: every request and its status.
  if (BROWSER) res.on('finish', () => console.log(`${req.method} ${path} ${res.statusCode}`));
  const route = routes.get(`${req.method} ${path}`);
  if (route === undefined) {
    send(res, 404, { error: 'not_found' });
    return;
  }
  // Handlers may throw or reject; both end in fail().
  Promise.resolve()
    .then(() => route(req, res))
    .catch((error) => {
      fail(res, error);
    });
});

await new Promise((resolve) => server.listen(Number(flags.port), '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------------

/** A token as printed: enough to tell two apart, too little to use. */
const shorten = (token) => `${token.slice(0, 8)}…${token.slice(-6)}`;
/** A JSON value as printed, its tokens shortened. */
const show = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v) ? shorten(v) : v));

let steps = 0;
function step(title) {
  steps += 1;
  console.log(`\n${steps}. ${title}`);
}

/** One request, printed with its answer: status, WWW-Authenticate when there is one, and the body. */
async function request(method, path, { token, body } = {}) {
  const headers = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  log(
    `→ ${method} ${path}${token === undefined ? '' : `  Authorization: Bearer ${shorten(token)}`}${body === undefined ? '' : `  ${show(body)}`}`,
  );
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  const json = text === '' ? undefined : JSON.parse(text);
  const challenge = response.headers.get('www-authenticate');
  log(`← ${response.status}${challenge === null ? '' : `  WWW-Authenticate: ${challenge}`}`);
  if (json !== undefined) log(`  ${show(json)}`);
  return { status: response.status, challenge, body: json };
}

/** Logs in and checks the token response; returns it with the time it arrived. */
async function logIn(user) {
  const answer = await request('POST', '/login', { body: { username: user.username, password: user.password } });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.token_type, 'Bearer');
  assert.equal(answer.body.expires_in, 3);
  assert.equal(typeof answer.body.access_token, 'string');
  assert.equal(typeof answer.body.refresh_token, 'string');
  return { ...answer.body, receivedAt: Date.now() };
}

/** A refresh or logout that the server must refuse. */
async function expectRefusedGrant(path, refreshToken) {
  const answer = await request('POST', path, { body: { refresh_token: refreshToken } });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error, 'invalid_grant');
}

async function runClientFlow() {
  const [alice, adminUser] = DEMO_USERS;

  console.log('webjwt demo: a login flow over HTTP, with webjwt/session and webjwt/http\n');
  console.log(`Server on ${base}, with an HS256 secret generated at startup.`);
  console.log(`Access tokens live ${ACCESS_TTL}, refresh tokens ${REFRESH_TTL}; issuer ${ISSUER}, audience ${AUDIENCE}.`);
  console.log('Demo users (passwords hashed with scrypt):');
  for (const user of DEMO_USERS) console.log(`  ${user.username} / ${user.password}  (roles: ${user.roles.join(', ')})`);

  try {
    step('alice logs in with a wrong password: refused');
    const wrong = await request('POST', '/login', { body: { username: alice.username, password: 'not-her-password' } });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body, { error: 'invalid_grant', error_description: 'Wrong username or password' });

    step('alice logs in: an access token and a refresh token');
    const first = await logIn(alice);

    step('alice reads her profile with the access token: 200');
    const me = await request('GET', '/profile', { token: first.access_token });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.roles, ['user']);
    assert.equal(me.body.sub, alice.username);

    step('alice tries the admin route: 403 insufficient_scope, she lacks the admin role');
    const forbidden = await request('GET', '/admin', { token: first.access_token });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error, 'insufficient_scope');
    assert.match(forbidden.challenge, /error="insufficient_scope".*scope="admin"/);

    step('admin logs in and opens the admin route: 200');
    const adminLogin = await logIn(adminUser);
    const allowed = await request('GET', '/admin', { token: adminLogin.access_token });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body.users, ['alice', 'admin']);

    step(`alice's access token expires (it lives ${first.expires_in} s): 401 expired`);
    // Waits out expires_in, counted from when the token arrived: it was issued no later than that.
    const wait = first.receivedAt + first.expires_in * 1000 + 100 - Date.now();
    log(`(waiting ${(Math.max(0, wait) / 1000).toFixed(1)} s)`);
    await sleep(Math.max(0, wait));
    const expired = await request('GET', '/profile', { token: first.access_token });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body, { error: 'invalid_token', error_description: 'The access token expired' });

    step('alice refreshes: a new pair, the old refresh token spent (rotation)');
    const second = await request('POST', '/refresh', { body: { refresh_token: first.refresh_token } });
    assert.equal(second.status, 200);
    assert.notEqual(second.body.access_token, first.access_token);
    assert.notEqual(second.body.refresh_token, first.refresh_token);

    step('the new access token works, in the same session');
    const again = await request('GET', '/profile', { token: second.body.access_token });
    assert.equal(again.status, 200);
    assert.equal(again.body.session, me.body.session);

    step('the old refresh token is used again: reuse detected, the session revoked');
    await expectRefusedGrant('/refresh', first.refresh_token);

    step('so the newest refresh token of that session is refused too');
    await expectRefusedGrant('/refresh', second.body.refresh_token);

    step('alice logs in again: a new session');
    const third = await logIn(alice);

    step('alice logs out: 204');
    const out = await request('POST', '/logout', { body: { refresh_token: third.refresh_token } });
    assert.equal(out.status, 204);

    step('after logout, her refresh token is refused');
    await expectRefusedGrant('/refresh', third.refresh_token);

    step('and so is her access token, before it expires: the routes check revocations');
    const revoked = await request('GET', '/profile', { token: third.access_token });
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.error, 'invalid_token');

    console.log(`\ndemo complete: ${steps} steps`);
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

if (BROWSER) {
  console.log(`webjwt demo for the browser: open ${base}/ in two tabs (log in as alice / alice-demo-password).`);
  console.log(`Access tokens live ${ACCESS_TTL}, reuse grace ${REUSE_GRACE}. Every request is logged below; Ctrl-C to stop.`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  await runClientFlow();
}
