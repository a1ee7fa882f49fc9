/**
 * C59 — a session's refresh token used as an access token. webjwt/session signs access tokens with
 * the configured key, and an API verifies them with that key (or its public half): with
 * createBearerAuth({ key, issuer }) as the README's Express example does, or with its own
 * middleware calling verify(token, key, { issuer }). A refresh token that verifies there is a
 * 7-day access token. Safe: refresh tokens are HS256 under HKDF(key's secret material), a key no
 * application holds, so every verifier of access tokens refuses them whatever options it forgets
 * (typ, audience); and the session refuses access tokens where it expects refresh tokens.
 * RFC 8725 §3.11–3.12 (one kind of token must not pass for another).
 */
import { createServer } from 'node:http';
import express, { type Request } from 'express';
import { describe, expect, it } from 'vitest';
import { decode, generateSecret, importKey, verify, type JwtErrorCode, type KeyInput } from '../../src/index.js';
import { createBearerAuth, type AuthenticatedRequest } from '../../src/http.js';
import { createSessions, type SessionKeyPair, type SessionOptions } from '../../src/session.js';
import { refreshKeyOf } from '../session/refresh-key.js';
import { expectCode, testKeys, type TestAlg } from '../support.js';

const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'api';

interface Case {
  /** What createSessions() is given. */
  key: SessionOptions['key'];
  /** What an API verifying access tokens holds: the same secret, or the public half. */
  verifying: KeyInput;
  /** Why verify() with `verifying` refuses a refresh token. */
  refusal: JwtErrorCode;
}

const secret = generateSecret('HS256');
const secretCases: Record<string, () => Promise<Case>> = {
  'a secret (bytes)': () => Promise.resolve({ key: secret, verifying: secret, refusal: 'ERR_JWT_SIGNATURE' }),
  'a secret (a Node Buffer, as readFileSync returns)': () =>
    Promise.resolve({ key: Buffer.from(secret), verifying: Buffer.from(secret), refusal: 'ERR_JWT_SIGNATURE' }),
  'a string secret': () => {
    const text = Buffer.from(generateSecret('HS256')).toString('base64url');
    return Promise.resolve({ key: text, verifying: text, refusal: 'ERR_JWT_SIGNATURE' });
  },
  'a JWK secret': async () => {
    const { jwk } = (await testKeys('HS256')).signing;
    return { key: jwk, verifying: jwk, refusal: 'ERR_JWT_SIGNATURE' };
  },
  'an extractable HMAC CryptoKey': async () => {
    const { cryptoKey } = (await testKeys('HS256')).signing;
    return { key: cryptoKey, verifying: cryptoKey, refusal: 'ERR_JWT_SIGNATURE' };
  },
  'a JwtKey secret': () => {
    const key = importKey(secret);
    return Promise.resolve({ key, verifying: key, refusal: 'ERR_JWT_SIGNATURE' });
  },
};

function pairCases(alg: TestAlg): Record<string, () => Promise<Case>> {
  const keys = () => testKeys(alg);
  return {
    [`${alg} PEM strings`]: async () => {
      const { signing, verifying } = await keys();
      return { key: { privateKey: signing.pem!, publicKey: verifying.pem! }, verifying: verifying.pem!, refusal: 'ERR_JWT_ALGORITHM' };
    },
    [`${alg} JWKs`]: async () => {
      const { signing, verifying } = await keys();
      return { key: { privateKey: signing.jwk, publicKey: verifying.jwk }, verifying: verifying.jwk, refusal: 'ERR_JWT_ALGORITHM' };
    },
    [`${alg} extractable CryptoKeys`]: async () => {
      const { signing, verifying } = await keys();
      return {
        key: { privateKey: signing.cryptoKey, publicKey: verifying.cryptoKey },
        verifying: verifying.cryptoKey,
        refusal: 'ERR_JWT_ALGORITHM',
      };
    },
    [`${alg} JwtKeys`]: async () => {
      const { signing, verifying } = await keys();
      const publicKey = importKey(verifying.pem!);
      return { key: { privateKey: importKey(signing.pem!), publicKey }, verifying: publicKey, refusal: 'ERR_JWT_ALGORITHM' };
    },
  };
}

const cases = Object.entries({ ...secretCases, ...pairCases('ES256'), ...pairCases('RS256'), ...pairCases('EdDSA') });

/** The README's Express setup: createBearerAuth({ key, issuer }) in front of a route; the status of a request. */
async function expressStatus(key: KeyInput, token: string): Promise<number> {
  const auth = createBearerAuth({ key, issuer: ISSUER });
  const app = express();
  app.get('/me', auth.middleware(), (req, res) => {
    res.json({ sub: (req as Request & AuthenticatedRequest).auth.payload.sub });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/me`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    return response.status;
  } finally {
    server.close();
  }
}

describe('C59 refresh token as access token', () => {
  it.each(cases)('%s: no verifier of access tokens accepts a refresh token', async (_, make) => {
    const { key, verifying, refusal } = await make();
    const sessions = createSessions({ key, issuer: ISSUER, audience: AUDIENCE });
    const { accessToken, refreshToken } = await sessions.issueTokens({ sub: 'user-1', role: 'admin' });
    expect(decode(refreshToken).header).toEqual({ alg: 'HS256', typ: 'refresh+jwt' });

    // An application's own authenticateToken middleware: verify() with the key, however lax.
    await expectCode(verify(refreshToken, verifying, { issuer: ISSUER }), refusal);
    await expectCode(verify(refreshToken, verifying), refusal);
    // Even one that asks for a refresh token: no key outside the session verifies one.
    await expectCode(verify(refreshToken, verifying, { typ: 'refresh+jwt' }), refusal);
    // webjwt/http, set up as the README's Express example: 401.
    expect(await expressStatus(verifying, refreshToken)).toBe(401);
    const auth = createBearerAuth({ key: verifying, issuer: ISSUER });
    await expect(auth(`Bearer ${refreshToken}`)).rejects.toMatchObject({ status: 401, error: 'invalid_token' });
    // The session itself.
    await expectCode(sessions.verifyAccess(refreshToken), refusal);
    await expectCode(sessions.verifyAccess(refreshToken, { checkRevoked: true }), refusal);

    // The access token is no refresh token either: refresh() and logout() refuse it, spending and revoking nothing.
    // (The same refusal: another key for a secret's tokens, another algorithm for a key pair's.)
    await expectCode(sessions.refresh(accessToken), refusal);
    await expectCode(sessions.logout(accessToken), refusal);

    // Access tokens verify as before, with the configured key or its public half.
    const { payload } = await verify(accessToken, verifying, { issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt' });
    expect([payload.sub, payload.role]).toEqual(['user-1', 'admin']);
    expect((await auth(`Bearer ${accessToken}`)).payload.sub).toBe('user-1');
    expect(await expressStatus(verifying, accessToken)).toBe(200);
    await expect(sessions.verifyAccess(accessToken, { checkRevoked: true })).resolves.toBeTruthy();
    // And the refresh token does what it is for.
    const next = await sessions.refresh(refreshToken);
    await sessions.logout(next.refreshToken);
  });

  it.each(cases)('%s: the refresh key is HKDF-SHA-256 of the key, and no other key', async (_, make) => {
    const { key, verifying, refusal } = await make();
    const sessions = createSessions({ key, issuer: ISSUER });
    const { refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    const privateKey = typeof key === 'object' && 'privateKey' in key ? (key as SessionKeyPair).privateKey : key;
    const refreshKey = await refreshKeyOf(privateKey);
    // Checked with an HKDF independent of the library's (node:crypto).
    expect((await verify(refreshToken, refreshKey, { issuer: ISSUER, typ: 'refresh+jwt' })).payload.usr).toEqual({ sub: 'user-1' });
    // The same Express setup takes it with the derived key: what refuses it elsewhere is the key alone.
    expect(await expressStatus(refreshKey, refreshToken)).toBe(200);
    await expectCode(verify(refreshToken, verifying, { issuer: ISSUER }), refusal);
  });

  it("another session key makes other refresh keys: sessions of two keys do not take each other's tokens", async () => {
    const a = createSessions({ key: generateSecret('HS256'), issuer: ISSUER });
    const b = createSessions({ key: generateSecret('HS256'), issuer: ISSUER });
    await expectCode(b.refresh((await a.issueTokens({ sub: 'user-1' })).refreshToken), 'ERR_JWT_SIGNATURE');
  });

  it('an HS512 session signs refresh tokens HS256 with the derived key, never with its own', async () => {
    const key = generateSecret('HS512');
    const sessions = createSessions({ key, alg: 'HS512', issuer: ISSUER });
    const { accessToken, refreshToken } = await sessions.issueTokens({ sub: 'user-1' });
    expect(decode(accessToken).header.alg).toBe('HS512');
    expect(decode(refreshToken).header.alg).toBe('HS256');
    await expectCode(verify(refreshToken, key, { issuer: ISSUER, algorithms: ['HS256', 'HS512'] }), 'ERR_JWT_SIGNATURE');
  });
});
