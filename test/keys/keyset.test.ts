/** Local JWK Sets: verify(token, { keys }) and createLocalJWKSet pick one key, or refuse. */
import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, sign, verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';

const pair = async (alg: 'ES256' | 'RS256' | 'EdDSA' | 'ES384', kid?: string) => {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const jwk = await exportJWK(publicKey);
  if (kid !== undefined) jwk.kid = kid;
  return { privateKey, jwk };
};

describe('local key sets', () => {
  it('picks the key by kid, then by what fits the alg', async () => {
    const a = await pair('ES256', 'a');
    const b = await pair('RS256', 'b');
    const c = await pair('EdDSA');
    const set = { keys: [a.jwk, b.jwk, c.jwk] };
    const tokenB = await sign({ sub: 'b' }, b.privateKey, { header: { kid: 'b' } });
    expect((await verify(tokenB, set)).payload.sub).toBe('b');
    expect((await verify(tokenB, createLocalJWKSet(set))).payload.sub).toBe('b');
    // No kid: the only key that fits EdDSA.
    expect((await verify(await sign({ sub: 'c' }, c.privateKey), set)).payload.sub).toBe('c');
  });

  it('refuses an unknown kid, or a kid whose key does not fit the alg', async () => {
    const a = await pair('ES256', 'a');
    const set = { keys: [a.jwk] };
    await expectCode(verify(await sign({}, a.privateKey, { header: { kid: 'other' } }), set), 'ERR_JWKS_NO_KEY');
    const rs = await pair('RS256');
    await expectCode(verify(await sign({}, rs.privateKey, { header: { kid: 'a' } }), set), 'ERR_JWKS_NO_KEY');
  });

  it('refuses to guess: duplicate kid, or no kid and several candidates', async () => {
    const one = await pair('ES256', 'same');
    const two = await pair('ES256', 'same');
    await expectCode(verify(await sign({}, one.privateKey, { header: { kid: 'same' } }), { keys: [one.jwk, two.jwk] }), 'ERR_JWKS_NO_KEY');
    const x = await pair('ES256');
    const y = await pair('ES256');
    await expectCode(verify(await sign({}, x.privateKey), { keys: [x.jwk, y.jwk] }), 'ERR_JWKS_NO_KEY');
  });

  it('never uses an oct key for an asymmetric alg, and refuses sets mixing secrets and public keys', async () => {
    const secret: Jwk = { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0', kid: 'k' };
    const es = await pair('ES256');
    await expectCode(verify(await sign({}, es.privateKey, { header: { kid: 'k' } }), { keys: [secret] }), 'ERR_JWKS_NO_KEY');
    expect((await verify(await sign({ ok: 1 }, secret, { header: { kid: 'k' } }), { keys: [secret] })).payload.ok).toBe(1);
    await expectCode(verify(await sign({}, secret, { header: { kid: 'k' } }), { keys: [secret, es.jwk] }), 'ERR_KEY');
  });

  it('a kid claimed by a usable key and an unusable one is the usable key (skipped keys never make a kid ambiguous)', async () => {
    const es = await pair('ES256', 'k');
    const token = await sign({}, es.privateKey, { header: { kid: 'k' } });
    expect((await verify(token, { keys: [es.jwk, { kty: 'EC', crv: 'P-256', x: 'not base64!', y: '', kid: 'k' }] })).header.kid).toBe('k');
  });

  it('refuses a public set carrying private members, and malformed sets', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const token = await sign({}, privateKey);
    await expectCode(verify(token, { keys: [privateJwk] }), 'ERR_KEY');
    await expectCode(verify(token, { keys: 'nope' } as never), 'ERR_KEY');
    await expectCode(verify(token, { keys: [null] } as never), 'ERR_KEY');
  });

  it('skips keys webjwt cannot use (encryption keys, other curves) instead of failing the set', async () => {
    const es = await pair('ES256', 'sig');
    const set = {
      keys: [{ kty: 'RSA', use: 'enc', n: 'AQAB', e: 'AQAB', kid: 'enc' }, { kty: 'OKP', crv: 'X25519', x: 'a'.repeat(43) }, es.jwk],
    };
    await verify(await sign({}, es.privateKey, { header: { kid: 'sig' } }), set);
  });
});
