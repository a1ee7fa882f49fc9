/**
 * C53 — a public key held as bytes becomes an HMAC secret. `readFileSync('public.pem')` returns a
 * Buffer, which is how most applications hold keys; a library that takes every byte array as a
 * secret accepts an HS256 token that anyone MACs with the public PEM's bytes. Safe: bytes are read
 * exactly as strings are (PEM, JWK and JWK Set text is that key), on every path that takes a key.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, decode, importKey, sign, verify } from '../../src/index.js';
import { createBearerAuth } from '../../src/http.js';
import { createSessions } from '../../src/session.js';
import { byteContainers, expectCode } from '../support.js';
import { ed25519, forge, p256, rsa } from './fixtures.js';

const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
/** What an application reads from disk, as text, in each file format that holds the public key. */
const files: [string, string][] = [
  ['public.pem', rsa.publicPem],
  ['public.jwk.json', JSON.stringify(rsa.publicJwk, null, 2)],
  ['jwks.json', `${JSON.stringify({ keys: [rsa.publicJwk] })}\n`],
  // As an editor on Windows saves it: a UTF-8 byte order mark, then the set.
  ['jwks.json with a BOM', `\uFEFF ${JSON.stringify({ keys: [rsa.publicJwk] })}`],
];
const genuine = forge({ alg: 'RS256', typ: 'JWT' }, { sub: 'user' }, { alg: 'RS256', key: rsa.privateKey });

describe('C53 key bytes are read as the key they hold', () => {
  for (const [file, text] of files) {
    const forged = forge({ alg: 'HS256', typ: 'JWT' }, { sub: 'admin' }, { alg: 'HS256', key: text });
    const isSet = file.startsWith('jwks.json');
    const refused = isSet ? 'ERR_JWKS_NO_KEY' : 'ERR_JWT_ALGORITHM';

    it(`${file}: every byte container refuses the forged HS256 token and verifies the RS256 one`, async () => {
      const containers = byteContainers(text);
      expect(containers).toHaveLength(7);
      for (const bytes of containers) {
        await expectCode(verify(forged, bytes), refused);
        await expectCode(createVerifier(bytes)(forged), refused);
        expect((await verify(genuine, bytes)).payload.sub).toBe('user');
        expect((await createVerifier(bytes)(genuine)).payload.sub).toBe('user');
        // Listing HS256 for a public key is a misconfiguration, refused before any token is read.
        if (!isSet) await expectCode(() => createVerifier(bytes, { algorithms: ['HS256'] }), 'ERR_KEY');
      }
    });

    it(`${file}: as one of a key array, through a resolver, and through webjwt/http`, async () => {
      for (const bytes of byteContainers(text)) {
        if (!isSet) {
          await expectCode(verify(forged, [bytes]), 'ERR_JWT_ALGORITHM');
          expect((await verify(genuine, [bytes])).keyIndex).toBe(0);
          await expectCode(
            verify(forged, () => bytes),
            'ERR_JWT_ALGORITHM',
          );
          expect(importKey(bytes).type).toBe('public');
        }
        const auth = createBearerAuth({ key: bytes });
        await expect(auth(`Bearer ${forged}`)).rejects.toMatchObject({ status: 401 });
        expect((await auth(`Bearer ${genuine}`)).payload.sub).toBe('user');
      }
    });
  }

  it('EC and Ed25519 public PEM bytes are those keys too', async () => {
    for (const fixture of [p256, ed25519]) {
      const forged = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: fixture.publicPem });
      for (const bytes of byteContainers(fixture.publicPem)) {
        await expectCode(verify(forged, bytes), 'ERR_JWT_ALGORITHM');
        expect(importKey(bytes).kty).toBe(fixture === p256 ? 'EC' : 'OKP');
      }
    }
  });

  it('private PEM bytes sign with the private key, never as an HMAC secret', async () => {
    for (const bytes of byteContainers(privatePem)) {
      for (const token of [await sign({ sub: 'u' }, bytes), await createSigner(bytes)({ sub: 'u' })]) {
        expect(decode(token).header.alg).toBe('RS256');
        expect((await verify(token, rsa.publicPem)).payload.sub).toBe('u');
      }
      await expectCode(sign({ sub: 'u' }, bytes, { alg: 'HS256' }), 'ERR_KEY');
    }
  });

  it('createSessions() with a private key file alone is refused, not an HMAC session', () => {
    for (const bytes of byteContainers(privatePem)) {
      expect(() => createSessions({ key: bytes })).toThrow(/both halves/);
    }
    const sessions = createSessions({ key: { privateKey: Buffer.from(privatePem), publicKey: Buffer.from(rsa.publicPem) } });
    return sessions.issueTokens({ sub: 'u' }).then(({ accessToken }) => {
      expect(decode(accessToken).header.alg).toBe('RS256');
    });
  });

  it('DER bytes are a key, and bytes holding no key are a secret', async () => {
    for (const bytes of byteContainers(rsa.publicDer)) await expectCode(() => importKey(bytes), 'ERR_KEY');
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const token = await sign({ sub: 'u' }, secret);
    for (const bytes of byteContainers(secret)) expect((await verify(token, bytes)).payload.sub).toBe('u');
  });
});
