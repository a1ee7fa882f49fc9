/**
 * C55 — a misspelt option silently drops a check. `verify(t, k, { audiance: 'api' })` that ignores
 * the unknown name accepts a token for any audience; `sign({}, k, { expiresin: '1h' })` issues a
 * token that never expires. Safe: every public options object refuses names it does not know, with a
 * TypeError that names the option and the one meant; `undefined` still means absent.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, decode, generateKeyPair, generateSecret, importKey, sign, verify } from '../../src/index.js';
import { createAuthClient } from '../../src/client.js';
import { createBearerAuth, requireRole, requireScope } from '../../src/http.js';
import { createSessions, memoryStore, redisStore } from '../../src/session.js';
import { expectTypeError } from '../support.js';
import { hmacJwk } from './fixtures.js';

const key = generateSecret('HS256');
const token = await sign({ sub: 'u', aud: 'other' }, key);

/** Each public call with one misspelt option, and the name it must suggest. */
const misspelt: [string, () => unknown, string, string | undefined][] = [
  ['verify', () => verify(token, key, { audiance: 'api' } as never), 'audiance', 'audience'],
  ['verify', () => verify(token, key, { Issuer: 'x' } as never), 'Issuer', 'issuer'],
  ['verify', () => verify(token, key, { algorithm: ['HS256'] } as never), 'algorithm', 'algorithms'],
  ['verify', () => verify(token, key, { ignoreExpiration: true } as never), 'ignoreExpiration', undefined],
  ['sign', () => sign({}, key, { expiresin: '1h' } as never), 'expiresin', 'expiresIn'],
  ['sign', () => sign({}, key, { algorithm: 'HS512' } as never), 'algorithm', undefined],
  ['sign', () => sign({}, key, { notbefore: 5 } as never), 'notbefore', 'notBefore'],
  ['decode', () => decode(token, { complete: true } as never), 'complete', undefined],
  ['decode', () => decode(token, { maxTokenLenght: 10 } as never), 'maxTokenLenght', 'maxTokenLength'],
  ['createVerifier', () => createVerifier(key, { audiance: 'api' } as never), 'audiance', 'audience'],
  ['createVerifier', () => createVerifier(key, { cache: { maxEntry: 5 } } as never), 'maxEntry', 'maxEntries'],
  ['the verifier, per call', () => createVerifier(key)(token, { currentdate: new Date() } as never), 'currentdate', 'currentDate'],
  ['createSigner', () => createSigner(key, { algorithm: 'HS512' } as never), 'algorithm', undefined],
  ['createSigner', () => createSigner(key, { expiresin: '1h' } as never), 'expiresin', 'expiresIn'],
  ['the signer, per call', () => createSigner(key)({}, { expiresin: '1h' } as never), 'expiresin', 'expiresIn'],
  ['importKey', () => importKey(key, 'HS256', { allowWeakKey: true } as never), 'allowWeakKey', 'allowWeakKeys'],
  ['generateKeyPair', () => generateKeyPair('ES256', { exportable: true } as never), 'exportable', 'extractable'],
  ['generateKeyPair', () => generateKeyPair('ES256', { modulusLength: 4096 } as never), 'modulusLength', undefined],
  ['generateKeyPair', () => generateKeyPair('ES256', { extractible: true } as never), 'extractible', 'extractable'],
  ['createBearerAuth', () => createBearerAuth({ key, audiance: 'api' } as never), 'audiance', 'audience'],
  ['requireScope', () => requireScope('read', { claims: 'scp' } as never), 'claims', 'claim'],
  ['createSessions', () => createSessions({ key, audiance: 'api' } as never), 'audiance', 'audience'],
  ['createSessions', () => createSessions({ key, refreshTTL: '1d' } as never), 'refreshTTL', 'refreshTtl'],
  ['memoryStore', () => memoryStore({ maxEntry: 5 } as never), 'maxEntry', 'maxEntries'],
  [
    'redisStore',
    () => redisStore({ get: () => Promise.resolve(null), set: () => Promise.resolve('OK') }, { prefx: 'a:' } as never),
    'prefx',
    'prefix',
  ],
  [
    'sessions.verifyAccess',
    () => createSessions({ key }).verifyAccess(token, { checkRevoke: true } as never),
    'checkRevoke',
    'checkRevoked',
  ],
  ['sessions.revoke', () => createSessions({ key }).revoke('jti-1', { expires: 5 } as never), 'expires', undefined],
  ['requireRole', () => requireRole('admin', { clam: 'role' } as never), 'clam', 'claim'],
  [
    'createAuthClient',
    () => createAuthClient({ refresh: () => Promise.reject(new Error('unused')), lockTimout: 5 } as never),
    'lockTimout',
    'lockTimeout',
  ],
];

describe('C55 unknown option names are refused', () => {
  it.each(misspelt)('%s refuses %j', async (_where, call, name, meant) => {
    const { message } = await expectTypeError(call, `unknown option "${name}"`);
    if (meant === undefined) expect(message).not.toContain('did you mean');
    else expect(message).toContain(`did you mean "${meant}"?`);
  });

  it('the token a misspelt audience would have let through is refused once the name is right', async () => {
    await expect(verify(token, key, { audiance: 'api' } as never)).rejects.toThrow(TypeError);
    await expect(verify(token, key, { audience: 'api' })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM' });
  });

  it('undefined still means absent, and a symbol-named member is not an option', async () => {
    // As JavaScript callers (and TypeScript without exactOptionalPropertyTypes) pass them.
    const options = { audience: undefined, issuer: undefined, [Symbol('trace')]: 1 } as never;
    await expect(verify(await sign({ sub: 'u' }, hmacJwk, { expiresIn: undefined } as never), hmacJwk, options)).resolves.toBeDefined();
    expect(() => createVerifier(hmacJwk, { cache: undefined, audience: undefined } as never)).not.toThrow();
  });

  it('options must be an object', async () => {
    for (const options of [null, 'strict', ['audience'], 5]) {
      await expect(verify(token, key, options as never)).rejects.toThrow(TypeError);
      await expect(sign({}, key, options as never)).rejects.toThrow(TypeError);
      expect(() => createVerifier(key, options as never)).toThrow(TypeError);
      expect(() => decode(token, options as never)).toThrow(TypeError);
    }
  });
});
