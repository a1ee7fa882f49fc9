/**
 * C60 — keys in a set that cannot verify: encryption keys (by `use`, by `key_ops` alone, by an `alg`
 * such as RSA-OAEP or ECDH-ES), curves other than the JWS ones (X25519, secp256k1, Ed448), weak keys
 * (RSA under 2048 bits, an oct secret too short for its alg), keys listed twice.
 * Malicious input: a token whose kid names such a key (a server error at will if the key reached the
 * crypto backend: webjwt/http answered 500), or with no kid (every token "several keys fit").
 * Safe: such keys are skipped when the set is imported, for local and remote sets alike: never a
 * candidate, never ambiguous, never ERR_KEY; a token naming one gets ERR_JWKS_NO_KEY saying why,
 * and through createBearerAuth a 401 invalid_token. The same key listed twice under one kid is one key.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createBearerAuth, BearerError } from '../../src/http.js';
import { createLocalJWKSet, createRemoteJWKSet, verify, type Jwk, type JwkSet, type KeyResolver } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, rsa } from './fixtures.js';

const jwkOf = (key: KeyObject) => key.export({ format: 'jwk' }) as Jwk;
/** Another RSA-2048 public key, for the encryption keys next to `rsa` (so they are never the same key). */
const otherRsa = jwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
const otherP256 = jwkOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 });

/** Keys that cannot verify, each with the words its skip reason must contain. */
const UNUSABLE: readonly [string, Jwk, string][] = [
  ['use enc', { ...otherRsa, use: 'enc', alg: 'RSA-OAEP-256' }, 'it is an encryption key ("use": "enc")'],
  ['key_ops without verify, no use', { ...otherRsa, key_ops: ['encrypt', 'wrapKey'] }, '"key_ops" do not include "verify"'],
  ['alg RSA-OAEP, no use', { ...otherRsa, alg: 'RSA-OAEP' }, '"alg" "RSA-OAEP" is not a JWS signature algorithm'],
  ['alg ECDH-ES on P-256, no use', { ...otherP256, alg: 'ECDH-ES' }, '"alg" "ECDH-ES" is not a JWS signature algorithm'],
  ['X25519', jwkOf(generateKeyPairSync('x25519').publicKey), 'curve "X25519"'],
  ['Ed448', jwkOf(generateKeyPairSync('ed448').publicKey), 'curve "Ed448"'],
  ['secp256k1', jwkOf(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey), 'curve "secp256k1"'],
  ['RSA-1024', jwkOf(weakRsa.publicKey), 'RSA key is 1024 bits'],
];

const rs256 = (header: object, payload: object = {}, key: KeyObject = rsa.privateKey) =>
  forge({ alg: 'RS256', ...header }, payload, { alg: 'RS256', key });
const es256 = (header: object) => forge({ alg: 'ES256', ...header }, {}, { alg: 'ES256', key: p256.privateKey });

/** The same set three ways: verify(token, set), createLocalJWKSet, and createRemoteJWKSet over a fetch that serves it. */
function resolvers(set: JwkSet): [string, JwkSet | KeyResolver][] {
  const serve = () => Promise.resolve(new Response(JSON.stringify(set), { headers: { 'content-type': 'application/json' } }));
  return [
    ['{ keys }', set],
    ['createLocalJWKSet', createLocalJWKSet(set)],
    ['createRemoteJWKSet', createRemoteJWKSet('https://issuer.example/jwks.json', { fetch: serve })],
  ];
}

describe('C60 keys that cannot verify are skipped', () => {
  it.each(UNUSABLE)('%s: a token naming it gets ERR_JWKS_NO_KEY saying why, never ERR_KEY', async (_, unusable, reason) => {
    const set = {
      keys: [
        { ...unusable, kid: 'enc-1' },
        { ...rsa.publicJwk, kid: 'sig-1' },
        { ...p256.publicJwk, kid: 'sig-2' },
      ],
    };
    // Signed with the key the kid names where it could sign, else with a key the set holds.
    const naming =
      unusable.kty === 'RSA' && unusable.n === jwkOf(weakRsa.publicKey).n
        ? rs256({ kid: 'enc-1' }, {}, weakRsa.privateKey)
        : unusable.kty === 'RSA'
          ? rs256({ kid: 'enc-1' })
          : es256({ kid: 'enc-1' });
    for (const [how, keys] of resolvers(set)) {
      const error = (await expectCode(verify(naming, keys), 'ERR_JWKS_NO_KEY')) as Error;
      expect(error.message, how).toContain(`the key set's key "enc-1" was skipped: `);
      expect(error.message, how).toContain(reason);
      // The usable keys are untouched.
      await verify(rs256({ kid: 'sig-1' }), keys);
      await verify(es256({ kid: 'sig-2' }), keys);
    }
  });

  it.each(UNUSABLE)('%s without kid never makes a token without kid "several keys fit"', async (_, unusable) => {
    const set = { keys: [unusable, rsa.publicJwk, p256.publicJwk] };
    for (const [, keys] of resolvers(set)) {
      await verify(rs256({}), keys);
      await verify(es256({}), keys);
    }
  });

  it('an oct secret too short for its alg is skipped, and never picked for an alg it is too short for', async () => {
    const secret = (bytes: number) => Buffer.alloc(bytes, 7);
    const k = (bytes: number) => secret(bytes).toString('base64url');
    const set = {
      keys: [
        { kty: 'oct', k: k(32), alg: 'HS512', kid: 'pinned' },
        { kty: 'oct', k: k(16), kid: 'short' },
        { kty: 'oct', k: k(40), kid: 'mid' },
      ],
    };
    const hs = (alg: 'HS256' | 'HS384' | 'HS512', kid: string, bytes: number) => forge({ alg, kid }, {}, { alg, key: secret(bytes) });
    for (const keys of [set, createLocalJWKSet(set)]) {
      expect(
        ((await expectCode(verify(hs('HS512', 'pinned', 32), keys, { algorithms: ['HS512'] }), 'ERR_JWKS_NO_KEY')) as Error).message,
      ).toContain('HMAC secret is 32 bytes; HS512 needs at least 64');
      expect(((await expectCode(verify(hs('HS256', 'short', 16), keys), 'ERR_JWKS_NO_KEY')) as Error).message).toContain(
        'HMAC secret is 16 bytes; HS256 needs at least 32',
      );
      // 40 bytes: enough for HS256, not for HS384 or HS512, where it is no candidate at all.
      await verify(hs('HS256', 'mid', 40), keys);
      await expectCode(verify(hs('HS512', 'mid', 40), keys, { algorithms: ['HS512'] }), 'ERR_JWKS_NO_KEY');
    }
  });

  it('the message carries the kid the set publishes and the reason, nothing else from the token', async () => {
    const set = { keys: [{ ...otherRsa, key_ops: ['encrypt'], kid: 'enc-1' }, rsa.publicJwk] };
    const token = rs256({ kid: 'enc-1', note: 'header-secret-value' }, { sub: 'payload-secret-value' });
    const error = (await expectCode(verify(token, set), 'ERR_JWKS_NO_KEY')) as Error;
    expect(error.message).toBe(`the key set's key "enc-1" was skipped: its "key_ops" do not include "verify"`);
    // A kid the set does not publish is not echoed.
    const unknown = (await expectCode(verify(rs256({ kid: 'attacker-chosen-kid' }), set), 'ERR_JWKS_NO_KEY')) as Error;
    expect(unknown.message).not.toContain('attacker-chosen-kid');
  });
});

describe('C60 a skipped key is a 401, never a 500, through webjwt/http', () => {
  /** What a server answers: the BearerError's status, or 500 for any other error (as an app's error handler does). */
  async function status(key: JwkSet | KeyResolver, token: string): Promise<number> {
    const auth = createBearerAuth({ key });
    try {
      await auth(new Request('https://api.example/orders', { headers: { authorization: `Bearer ${token}` } }));
      return 200;
    } catch (error) {
      return error instanceof BearerError ? error.status : 500;
    }
  }

  it.each(UNUSABLE)('%s named by kid: 401 invalid_token', async (_, unusable) => {
    const set = {
      keys: [
        { ...unusable, kid: 'enc-1' },
        { ...rsa.publicJwk, kid: 'sig-1' },
      ],
    };
    for (const [how, keys] of resolvers(set)) {
      expect(await status(keys, rs256({ kid: 'enc-1' })), how).toBe(401);
      expect(await status(keys, rs256({ kid: 'sig-1' })), how).toBe(200);
      expect(await status(keys, rs256({})), how).toBe(200);
    }
  });

  it('the Node middleware answers 401 itself rather than passing an error on', async () => {
    const auth = createBearerAuth({ key: { keys: [{ ...otherRsa, key_ops: ['encrypt'], kid: 'enc-1' }, rsa.publicJwk] } });
    const res = {
      statusCode: 200,
      headers: {} as Record<string, string>,
      body: '',
      setHeader(name: string, value: string) {
        this.headers[name] = value;
      },
      end(body: string) {
        this.body = body;
      },
    };
    const passed = await new Promise<unknown>((resolve) => {
      auth.middleware()(
        { headers: { authorization: `Bearer ${rs256({ kid: 'enc-1' })}` } },
        {
          ...res,
          end(body: string) {
            res.statusCode = this.statusCode;
            res.body = body;
            resolve('answered');
          },
        },
        (error?: unknown) => {
          resolve(error ?? 'next');
        },
      );
    });
    expect(passed).toBe('answered');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('invalid_token');
  });
});

describe('C60 duplicates and what still refuses a whole set', () => {
  it('the same key listed twice under one kid is one key; two keys under one kid stay ambiguous', async () => {
    const twice = {
      keys: [
        { ...rsa.publicJwk, kid: 'k', use: 'sig' },
        { ...rsa.publicJwk, kid: 'k', alg: 'RS256' },
      ],
    };
    for (const [, keys] of resolvers(twice)) await verify(rs256({ kid: 'k' }), keys);
    for (const [, keys] of resolvers({ keys: [rsa.publicJwk, rsa.publicJwk] })) await verify(rs256({}), keys);
    const two = {
      keys: [
        { ...rsa.publicJwk, kid: 'k' },
        { ...otherRsa, kid: 'k' },
      ],
    };
    for (const [, keys] of resolvers(two)) await expectCode(verify(rs256({ kid: 'k' }), keys), 'ERR_JWKS_NO_KEY');
  });

  it('a skipped key never makes its kid ambiguous', async () => {
    for (const [, unusable] of UNUSABLE) {
      const set = {
        keys: [
          { ...unusable, kid: 'k' },
          { ...rsa.publicJwk, kid: 'k' },
        ],
      };
      for (const [, keys] of resolvers(set)) await verify(rs256({ kid: 'k' }), keys);
    }
  });

  it('private key material anywhere, even in a key that would be skipped, refuses the whole set', async () => {
    const privateEnc = { ...jwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), use: 'enc', kid: 'enc-1' };
    await expectCode(verify(rs256({}), { keys: [privateEnc, rsa.publicJwk] }), 'ERR_KEY');
    const serve = () => Promise.resolve(new Response(JSON.stringify({ keys: [privateEnc, rsa.publicJwk] })));
    await expectCode(verify(rs256({}), createRemoteJWKSet('https://issuer.example/jwks.json', { fetch: serve })), 'ERR_JWKS_FETCH');
  });

  it('a set mixing oct and public keys is refused, even when the secret would be skipped', async () => {
    await expectCode(verify(rs256({}), { keys: [{ kty: 'oct', k: Buffer.alloc(64, 1).toString('base64url') }, rsa.publicJwk] }), 'ERR_KEY');
    await expectCode(verify(rs256({}), { keys: [{ kty: 'oct', k: 'AAAA', use: 'enc' }, rsa.publicJwk] }), 'ERR_KEY');
  });
});
