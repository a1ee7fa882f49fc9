/**
 * C62 — key sets shaped the way real providers publish them, made here with node:crypto (no network):
 * Battle.net's RSA members in standard padded base64, Keycloak's RSA-OAEP encryption key next to its
 * signing key, ID.me's encryption keys whose kid is their thumbprint and a signing key listed twice,
 * X25519 and secp256k1 keys next to JWS keys.
 * Safe: every token is accepted or refused exactly as jose's jwtVerify + createLocalJWKSet do; keys
 * that cannot verify are skipped (and named when a token asks for one); the base64 leniency is for
 * trusted sets only, never for a single JWK or a token.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createLocalJWKSet as joseLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { importKey, thumbprint, verify, type Jwk, type JwkSet, type JwsAlgorithm } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge } from './fixtures.js';

const rsaPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwkOf = (key: KeyObject) => key.export({ format: 'jwk' }) as Jwk;
/** RFC 7638 §3, computed here independently of webjwt. */
const rfc7638 = (members: Record<string, unknown>) => createHash('sha256').update(JSON.stringify(members)).digest('base64url');

/**
 * Verifies with webjwt and with jose; both must agree. Returns whether the token was accepted. When
 * several keys match, jose refuses with JWKSMultipleMatchingKeys and documents trying each of them
 * (the error iterates them): done here, so that the same key listed twice counts as jose's answer.
 */
async function sameAsJose(token: string, set: JwkSet, alg: JwsAlgorithm): Promise<boolean> {
  const ours = await verify(token, set, { algorithms: [alg] }).then(
    () => true,
    () => false,
  );
  const options = { algorithms: [alg] };
  const theirs = await jwtVerify(token, joseLocalJWKSet(set as never), options).then(
    () => true,
    async (error: unknown) => {
      if ((error as { code?: unknown }).code !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return false;
      for await (const key of error as AsyncIterable<CryptoKey>)
        if (
          await jwtVerify(token, key, options).then(
            () => true,
            () => false,
          )
        )
          return true;
      return false;
    },
  );
  expect(ours, `webjwt ${ours ? 'accepted' : 'refused'} what jose ${theirs ? 'accepted' : 'refused'}`).toBe(theirs);
  return ours;
}

const rs256 = (key: KeyObject, kid?: string) =>
  forge(kid === undefined ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid }, { sub: 'user' }, { alg: 'RS256', key });

describe('C62 Battle.net: RSA members in standard padded base64', () => {
  const keys = [rsaPair(), rsaPair()];
  const standard = (text: string) => Buffer.from(text, 'base64url').toString('base64');
  const published = keys.map(({ publicKey }, i) => {
    const { n, e } = jwkOf(publicKey);
    return { kty: 'RSA', alg: 'RS256', use: 'sig', kid: `bnet-${i}`, n: standard(n!), e: standard(e!) };
  });
  const set = { keys: published };

  it('the fixture really is standard padded base64', () => {
    expect(published.some((jwk) => /[+/]/.test(jwk.n))).toBe(true);
    expect(published.every((jwk) => jwk.n.endsWith('=') || jwk.n.length % 4 === 0)).toBe(true);
  });

  it('its tokens verify, as with jose; a wrong key or kid is refused', async () => {
    expect(await sameAsJose(rs256(keys[0]!.privateKey, 'bnet-0'), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(keys[1]!.privateKey, 'bnet-1'), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(keys[1]!.privateKey, 'bnet-0'), set, 'RS256')).toBe(false);
    expect(await sameAsJose(rs256(rsaPair().privateKey, 'bnet-0'), set, 'RS256')).toBe(false);
  });

  it('a member that is base64 of neither alphabet skips the key, named when a token asks for it', async () => {
    // Characters of both alphabets written in, not found: a random n holds neither "+" nor "/" once in 50 000.
    const mixed = { ...published[0]!, n: `${published[0]!.n.slice(0, 10)}-_+/${published[0]!.n.slice(14)}`.replace(/=+$/, '') };
    expect(/[+/]/.test(mixed.n) && /[-_]/.test(mixed.n)).toBe(true);
    const error = (await expectCode(verify(rs256(keys[0]!.privateKey, 'bnet-0'), { keys: [mixed] }), 'ERR_JWKS_NO_KEY')) as Error;
    expect(error.message).toContain('the key set\'s key "bnet-0" was skipped: JWK member "n" must be a non-empty base64url string');
    const misplacedPadding = { ...published[0]!, n: `=${published[0]!.n}` };
    await expectCode(verify(rs256(keys[0]!.privateKey, 'bnet-0'), { keys: [misplacedPadding] }), 'ERR_JWKS_NO_KEY');
  });

  it('the leniency is for key sets only: a single JWK in standard base64 is refused', () => {
    expect(() => importKey(published[0]!)).toThrow(/JWK member "n" must be a non-empty base64url string/);
  });
});

describe('C62 Keycloak: an RSA-OAEP encryption key next to the signing key', () => {
  const sig = rsaPair();
  const enc = rsaPair();
  const set = {
    keys: [
      { ...jwkOf(sig.publicKey), kid: 'kc-sig', alg: 'RS256', use: 'sig' },
      { ...jwkOf(enc.publicKey), kid: 'kc-enc', alg: 'RSA-OAEP', use: 'enc' },
    ],
  };

  it('tokens with and without kid verify as with jose; a token naming the encryption key is refused', async () => {
    expect(await sameAsJose(rs256(sig.privateKey, 'kc-sig'), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(sig.privateKey), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(enc.privateKey, 'kc-enc'), set, 'RS256')).toBe(false);
    const error = (await expectCode(verify(rs256(enc.privateKey, 'kc-enc'), set), 'ERR_JWKS_NO_KEY')) as Error;
    expect(error.message).toBe('the key set\'s key "kc-enc" was skipped: it is an encryption key ("use": "enc")');
  });

  it('the encryption key has a thumbprint', async () => {
    const { e, n } = set.keys[1]!;
    expect(await thumbprint(set.keys[1]!)).toBe(rfc7638({ e, kty: 'RSA', n }));
  });
});

describe('C62 ID.me: encryption keys whose kid is their thumbprint, a signing key listed twice', () => {
  const sig = rsaPair();
  const encRsa = jwkOf(rsaPair().publicKey);
  const encEc = jwkOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
  const set = {
    keys: [
      { ...encRsa, use: 'enc', alg: 'RSA-OAEP', kid: rfc7638({ e: encRsa.e, kty: 'RSA', n: encRsa.n }) },
      { ...encEc, use: 'enc', alg: 'ECDH-ES', kid: rfc7638({ crv: encEc.crv, kty: 'EC', x: encEc.x, y: encEc.y }) },
      { ...jwkOf(sig.publicKey), kid: 'idme-sig', alg: 'RS256', use: 'sig' },
      { ...jwkOf(sig.publicKey), kid: 'idme-sig', alg: 'RS256', use: 'sig' },
    ],
  };

  it('thumbprint() of each encryption key is its kid', async () => {
    for (const jwk of set.keys.slice(0, 2)) expect(await thumbprint(jwk)).toBe(jwk.kid);
  });

  it('tokens verify as with jose: the key listed twice is one key, with or without kid', async () => {
    expect(await sameAsJose(rs256(sig.privateKey, 'idme-sig'), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(sig.privateKey), set, 'RS256')).toBe(true);
    expect(await sameAsJose(rs256(rsaPair().privateKey, 'idme-sig'), set, 'RS256')).toBe(false);
    expect(await sameAsJose(rs256(sig.privateKey, set.keys[0]!.kid), set, 'RS256')).toBe(false);
  });
});

describe('C62 X25519 and secp256k1 keys next to JWS keys', () => {
  const ed = generateKeyPairSync('ed25519');
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const x25519 = jwkOf(generateKeyPairSync('x25519').publicKey);
  const k1 = jwkOf(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey);
  const set = {
    keys: [
      { ...x25519, use: 'enc', alg: 'ECDH-ES', kid: 'x' },
      { ...x25519, kid: 'x-bare' },
      { ...k1, alg: 'ES256K', kid: 'k1' },
      { ...jwkOf(ed.publicKey), kid: 'ed' },
      { ...jwkOf(p256.publicKey), kid: 'p256' },
    ],
  };
  const eddsa = (kid?: string) =>
    forge(kid === undefined ? { alg: 'EdDSA' } : { alg: 'EdDSA', kid }, {}, { alg: 'EdDSA', key: ed.privateKey });
  const es256 = (kid?: string) =>
    forge(kid === undefined ? { alg: 'ES256' } : { alg: 'ES256', kid }, {}, { alg: 'ES256', key: p256.privateKey });

  it('tokens verify as with jose, with and without kid; tokens naming the other curves are refused', async () => {
    expect(await sameAsJose(eddsa('ed'), set, 'EdDSA')).toBe(true);
    expect(await sameAsJose(eddsa(), set, 'EdDSA')).toBe(true);
    expect(await sameAsJose(es256('p256'), set, 'ES256')).toBe(true);
    expect(await sameAsJose(es256(), set, 'ES256')).toBe(true);
    for (const kid of ['x', 'x-bare', 'k1']) {
      expect(await sameAsJose(eddsa(kid), set, 'EdDSA')).toBe(false);
      expect(await sameAsJose(es256(kid), set, 'ES256')).toBe(false);
    }
    expect(((await expectCode(verify(eddsa('x-bare'), set), 'ERR_JWKS_NO_KEY')) as Error).message).toContain('curve "X25519"');
  });

  it('X25519 and secp256k1 keys have RFC 7638 thumbprints', async () => {
    expect(await thumbprint(set.keys[0]!)).toBe(rfc7638({ crv: 'X25519', kty: 'OKP', x: x25519.x }));
    expect(await thumbprint(set.keys[2]!)).toBe(rfc7638({ crv: 'secp256k1', kty: 'EC', x: k1.x, y: k1.y }));
  });
});
