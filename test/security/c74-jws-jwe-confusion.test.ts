/**
 * C74 — signed and encrypted tokens confused, and nested JWTs half-checked. A verifier that
 * "verifies" a JWE by decrypting it with the same secret accepts tokens from anyone who can encrypt
 * (CVE-2023-51774, json-jwt); a decrypt() that takes a JWS returns claims nobody encrypted; a nested
 * token whose inner JWS is `alg: none`, or is returned without its signature checked, or checked with
 * the JWE's own key, authenticates nobody. Safe: verify() refuses every JWE and decrypt() every JWS
 * (ERR_JWT_MALFORMED, "token is a JWS (three segments); decrypt() takes a JWE"); a JWS `alg` in a JWE
 * header is ERR_JWT_ALGORITHM; a nested token (cty "JWT") is returned only after verify() accepted its
 * inner token with `options.verify` — its key only, its algorithms (never `none`), its claims — and
 * without `options.verify` it is refused ("the token is a nested JWT: pass options.verify with the
 * signer's key; it is never returned unverified"). RFC 8725 §2.7, BCP-3.3.
 * Broken by: letting verify() fall through to decryption, parsing a 3-segment token in decrypt(),
 * returning the inner token's claims unverified, or verifying it with the decryption key: the tests
 * below then accept tokens nobody signed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge } from './fixtures.js';
import { b64, expectOneOf, forgeJwe, randomBytes, rsaEnc as rsa } from './jwe-fixtures.js';

const claims = { sub: 'alice' };
const T = 2_000_000_000;
const currentDate = new Date(T * 1000);

describe('C74 JWS/JWE confusion and nested tokens', () => {
  it('a JWE never satisfies verify(), whatever key and algorithms', async () => {
    const secret = randomBytes(32);
    const jwe = await encrypt(claims, secret);
    await expectCode(verify(jwe, secret), 'ERR_JWT_MALFORMED');
    await expectCode(verify(jwe, secret, { algorithms: ['HS256'] }), 'ERR_JWT_MALFORMED');
    const rsaJwe = await encrypt(claims, rsa.publicJwk);
    await expectCode(verify(rsaJwe, rsa.publicJwk), 'ERR_JWT_MALFORMED');
  });

  it('a JWS never satisfies decrypt(): ERR_JWT_MALFORMED with its message', async () => {
    const secret = randomBytes(32);
    for (const jws of [await sign(claims, secret), forge({ alg: 'RS256' }, claims, { alg: 'RS256', key: rsa.privateKey })]) {
      const error = (await expectCode(decrypt(jws, secret), 'ERR_JWT_MALFORMED')) as Error;
      expect(error.message).toContain('token is a JWS (three segments); decrypt() takes a JWE');
      await expectCode(decrypt(jws, rsa.privateJwk), 'ERR_JWT_MALFORMED');
    }
  });

  it.each(['HS256', 'RS256', 'ES256', 'EdDSA', 'none'])('a five-segment token with JWS alg %j is ERR_JWT_ALGORITHM', async (alg) => {
    const key = randomBytes(32);
    await expectCode(decrypt(forgeJwe({ header: { alg, enc: 'A256GCM' }, cek: key, plaintext: claims }), key), 'ERR_JWT_ALGORITHM');
  });

  it('nested: an inner `alg: none` token is refused, however the options are set', async () => {
    const key = randomBytes(32);
    const signer = randomBytes(32);
    const unsigned = `${b64('{"alg":"none"}')}.${b64(JSON.stringify({ sub: 'admin' }))}.`;
    const token = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM', cty: 'JWT' }, cek: key, plaintext: unsigned });
    await expectOneOf(decrypt(token, key, { verify: { key: signer } }), ['ERR_JWT_ALGORITHM', 'ERR_JWT_MALFORMED']);
    // Asking for "none" is itself refused: verify() never takes it (a TypeError for the option).
    await expect(decrypt(token, key, { verify: { key: signer, algorithms: ['none'] } } as never)).rejects.toThrow(TypeError);
    // With a garbage signature too.
    const withSig = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM', cty: 'JWT' }, cek: key, plaintext: `${unsigned}AAAA` });
    await expectOneOf(decrypt(withSig, key, { verify: { key: signer } }), ['ERR_JWT_ALGORITHM', 'ERR_JWT_MALFORMED']);
    // encrypt() given the unsigned token either refuses it or makes a token decrypt() refuses.
    let made: string | undefined;
    try {
      made = await encrypt(unsigned, key);
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
    }
    if (made !== undefined) await expectOneOf(decrypt(made, key, { verify: { key: signer } }), ['ERR_JWT_ALGORITHM', 'ERR_JWT_MALFORMED']);
  });

  it('nested without options.verify: refused with its message, never returned', async () => {
    const key = randomBytes(32);
    const signer = randomBytes(32);
    const inner = await sign(claims, signer);
    const token = await encrypt(inner, key);
    const error = (await expectCode(decrypt(token, key), 'ERR_JWT_MALFORMED')) as Error;
    // jwe-spec.md: "the token is a nested JWT: pass options.verify with the signer's key; it is never
    // returned unverified". Pinned: that it names options.verify and says it is never returned.
    expect(error.message).toMatch(/^the token is a nested JWT: .*options\.verify.*; it is never returned unverified$/);
    // Other spellings of cty, and an inner JWS with no cty at all: never returned as claims.
    for (const cty of ['jwt', 'application/jwt', undefined]) {
      const forged = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM', cty }, cek: key, plaintext: inner });
      await expectCode(decrypt(forged, key), 'ERR_JWT_MALFORMED');
    }
    expect((await decrypt(token, key, { verify: { key: signer } })).payload).toMatchObject(claims);
  });

  it('nested: the inner JWS is verified with options.verify.key only, never the JWE key', async () => {
    const key = randomBytes(32);
    const signer = randomBytes(32);
    // The inner token signed (HS256) with the JWE's own secret: only the decryption key would verify it.
    const token = await encrypt(await sign({ sub: 'admin' }, key), key);
    await expectCode(decrypt(token, key, { verify: { key: signer } }), 'ERR_JWT_SIGNATURE');
    // An attacker's RSA signature, against the genuine signer's public key.
    const attacker = forge(
      { alg: 'RS256' },
      { sub: 'admin' },
      { alg: 'RS256', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey },
    );
    await expectCode(decrypt(await encrypt(attacker, key), key, { verify: { key: rsa.publicJwk } }), 'ERR_JWT_SIGNATURE');
    // The genuine signer: accepted, with the verified inner header.
    const genuine = forge({ alg: 'RS256', typ: 'JWT' }, claims, { alg: 'RS256', key: rsa.privateKey });
    const result = await decrypt(await encrypt(genuine, key), key, { verify: { key: rsa.publicJwk } });
    expect(result.payload).toMatchObject(claims);
    expect(result.signedHeader).toMatchObject({ alg: 'RS256' });
    expect(result.header).toMatchObject({ cty: 'JWT' });
  });

  it("nested: the inner token's algorithms and claims are checked by options.verify", async () => {
    const key = randomBytes(32);
    const signer = randomBytes(32);
    const inner = await sign({ sub: 'alice', exp: T - 1 }, signer);
    const token = await encrypt(inner, key);
    await expectCode(decrypt(token, key, { verify: { key: signer, currentDate } }), 'ERR_JWT_EXPIRED');
    const fresh = await encrypt(await sign({ sub: 'alice', exp: T + 60 }, signer), key);
    await expectCode(decrypt(fresh, key, { verify: { key: signer, currentDate, algorithms: ['HS512'] } }), 'ERR_JWT_ALGORITHM');
    await expectCode(decrypt(fresh, key, { verify: { key: signer, currentDate, issuer: 'https://issuer' } }), 'ERR_JWT_CLAIM');
    await decrypt(fresh, key, { verify: { key: signer, currentDate } });
  });

  it('encrypt() of a signed JWT refuses claim options: they cannot change what was signed', async () => {
    const key = randomBytes(32);
    const inner = await sign(claims, randomBytes(32));
    for (const options of [{ expiresIn: 60 }, { audience: 'api' }, { subject: 'admin' }]) {
      await expect(encrypt(inner, key, options as never)).rejects.toThrow(TypeError);
    }
  });
});
