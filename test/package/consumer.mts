// Compiled against the built package (dist/) by test/package/check.mjs, as an ESM consumer would.
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, importKey, isJwtError, sign, verify, type JwtPayload, type VerifyOptions } from 'webjwt';
import { BearerError, createBearerAuth, requireRole } from 'webjwt/http';
import { AuthClientError, createAuthClient, type AuthState } from 'webjwt/client';
import { createSessions, memoryStore } from 'webjwt/session';

interface Claims {
  role: string;
}
const secret = 'a-string-secret-at-least-256-bits-long';
const options: VerifyOptions = { issuer: 'https://auth.example.com' };
const token: string = await sign({ role: 'admin', iss: 'https://auth.example.com' }, secret);
const { payload } = await verify<Claims>(token, secret, options);
const role: string = payload.role;
const registered: JwtPayload = payload;
const jwks = createRemoteJWKSet('https://auth.example.com/.well-known/jwks.json');
if (role !== 'admin' || registered.iss !== 'https://auth.example.com' || typeof jwks !== 'function' || isJwtError(role)) {
  throw new Error('unexpected result');
}

// Node resolves the `node` condition: the node:crypto build.
if (!fileURLToPath(import.meta.resolve('webjwt')).endsWith('/dist/node/index.js')) throw new Error('Node did not get the node build');

// The subpaths share the application's one copy of the core: a JwtKey from 'webjwt' works there, and
// their errors are the core's classes.
const auth = createBearerAuth({ key: importKey(secret), issuer: 'https://auth.example.com' });
const verified = await auth(`Bearer ${token}`, requireRole('admin', { claim: 'role' }));
const refused = await auth('Bearer a.b.c').catch((error: unknown) => error);
if (verified.payload.role !== 'admin' || !(refused instanceof BearerError) || !isJwtError(refused.cause)) throw new Error('webjwt/http');
const sessions = createSessions({ key: importKey(secret), store: memoryStore() });
const login = await sessions.issueTokens({ sub: 'user-1' });
await sessions.refresh(login.refreshToken);
const reused = await sessions.refresh(login.refreshToken).catch((error: unknown) => error);
if (!isJwtError(reused) || reused.code !== 'ERR_JWT_REVOKED') throw new Error('webjwt/session');
// webjwt/client takes webjwt/session's TokenPair as it is; a refused refresh ends the session.
const client = createAuthClient({
  refresh: (refreshToken) =>
    sessions.refresh(refreshToken).catch(() => Promise.reject(Object.assign(new Error('refused'), { status: 401 }))),
});
await client.setTokens(await sessions.issueTokens({ sub: 'user-2' }));
const state: AuthState = client.getSnapshot();
const ended = await client.fetch('http://127.0.0.1:1/', {}).catch((error: unknown) => error);
client.close();
if (state.status !== 'signed-in' || ended instanceof AuthClientError || !(ended instanceof TypeError)) throw new Error('webjwt/client');
console.log('esm ok');
