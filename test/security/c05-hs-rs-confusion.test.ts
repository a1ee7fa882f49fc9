/**
 * C05 — HS/RS confusion: the verifier's public key used as an HMAC secret. The attacker MACs a
 * forged HS256/384/512 token with the exact text or bytes the verifier holds. Safe: the key's type
 * fixes the family; key material is never a secret. BCP-3.1-1, BCP-3.1-3.
 */
import { describe, expect, it } from 'vitest';
import { verify, type JwtErrorCode } from '../../src/index.js';
import { byteContainers, expectCode } from '../support.js';
import { ed25519, forge, p256, PKCS1_PUBLIC_PEM, rsa } from './fixtures.js';

const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/** What the verifier holds, and how webjwt must refuse an HS* token MACed with it. */
const variants: [string, string | Uint8Array, JwtErrorCode][] = [
  ['SPKI PEM, LF', rsa.publicPem, 'ERR_JWT_ALGORITHM'],
  ['SPKI PEM, CRLF', rsa.publicPem.replace(/\n/g, '\r\n'), 'ERR_JWT_ALGORITHM'],
  ['SPKI PEM, no trailing newline', rsa.publicPem.trimEnd(), 'ERR_JWT_ALGORITHM'],
  ['SPKI PEM, leading whitespace', `  \n\t${rsa.publicPem}`, 'ERR_JWT_ALGORITHM'],
  ['SPKI PEM, another prefix', `key:\n${rsa.publicPem}`, 'ERR_JWT_ALGORITHM'],
  ['SPKI PEM, text after', `${rsa.publicPem}# comment\n`, 'ERR_JWT_ALGORITHM'],
  ['PKCS#1 RSA PUBLIC KEY PEM', PKCS1_PUBLIC_PEM, 'ERR_JWT_ALGORITHM'],
  ['EC P-256 SPKI PEM', p256.publicPem, 'ERR_JWT_ALGORITHM'],
  ['Ed25519 SPKI PEM', ed25519.publicPem, 'ERR_JWT_ALGORITHM'],
  ['SPKI DER bytes', rsa.publicDer, 'ERR_KEY'],
  ['EC DER bytes', p256.publicDer, 'ERR_KEY'],
  ['base64 DER without armour', body(rsa.publicPem), 'ERR_KEY'],
  ['base64 DER without armour, wrapped', rsa.publicPem.split('\n').slice(1, -2).join('\n'), 'ERR_KEY'],
  // JWK text is that JWK, a public key: the HS token does not fit it.
  ['JWK JSON text', JSON.stringify(rsa.publicJwk), 'ERR_JWT_ALGORITHM'],
  ['JWK JSON text, pretty', JSON.stringify(p256.publicJwk, null, 2), 'ERR_JWT_ALGORITHM'],
  // JWK Set text is that set: none of its keys fits an HS token.
  ['JWKS JSON text', JSON.stringify({ keys: [rsa.publicJwk] }), 'ERR_JWKS_NO_KEY'],
  ['JWKS JSON text with leading space', ` ${JSON.stringify({ keys: [ed25519.publicJwk] })}`, 'ERR_JWKS_NO_KEY'],
  ['JWK JSON text behind a prefix', `jwk=${JSON.stringify(rsa.publicJwk)}`, 'ERR_KEY'],
  ['JWK JSON text, single-quoted wrapper', `'${JSON.stringify(p256.publicJwk)}'`, 'ERR_KEY'],
];

describe('C05 public key as HMAC secret', () => {
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it.each(variants)(`${alg} MACed with the %s`, async (_name, held, code) => {
      const token = forge({ alg, typ: 'JWT' }, { sub: 'admin' }, { alg, key: held });
      await expectCode(verify(token, held), code);
      const isSet = code === 'ERR_JWKS_NO_KEY';
      // Listing the HS alg explicitly is a misconfiguration for an asymmetric key: ERR_KEY, before the
      // token is read (a set is searched per token instead: no key in it fits).
      await expectCode(verify(token, held, { algorithms: [alg] }), isSet ? code : 'ERR_KEY');
      // The same through a resolver (CVE-2022-23541's path), which must return one key, not a set.
      await expectCode(
        verify(token, () => held),
        isSet ? 'ERR_KEY' : code,
      );
      // And as the bytes of a file read without an encoding, in every container.
      if (typeof held === 'string') {
        for (const bytes of byteContainers(held)) await expectCode(verify(token, bytes), code);
      }
    });
  }

  it('a public JWK object or CryptoKey never verifies an HS token MACed with its JSON', async () => {
    const token = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: JSON.stringify(rsa.publicJwk) });
    await expectCode(verify(token, rsa.publicJwk), 'ERR_JWT_ALGORITHM');
    const cryptoKey = await crypto.subtle.importKey(
      'jwk',
      rsa.publicJwk as JsonWebKey,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      true,
      ['verify'],
    );
    await expectCode(verify(token, cryptoKey), 'ERR_JWT_ALGORITHM');
  });

  it('the genuine RS256 token still verifies with every PEM and JWK spelling, as text and as bytes', async () => {
    const token = forge({ alg: 'RS256' }, { sub: 'user' }, { alg: 'RS256', key: rsa.privateKey });
    const rsaText = new Set(['JWK JSON text', 'JWKS JSON text']);
    const spellings = variants.filter(
      ([name]) => (name.includes('PEM') && !name.startsWith('EC') && !name.startsWith('Ed')) || rsaText.has(name),
    );
    expect(spellings.length).toBe(9);
    for (const [, held] of spellings) {
      for (const input of [held, ...byteContainers(held)]) {
        const { payload } = await verify(token, input);
        expect(payload.sub).toBe('user');
      }
    }
  });
});
