/**
 * C06 — cross-algorithm and key-type mismatches within asymmetric families. Safe: each key bound to
 * its family, curve and pinned alg; mismatches refused before WebCrypto. BCP-3.1-2.
 */
import { describe, it } from 'vitest';
import { verify, type Jwk } from '../../src/index.js';
import { expectCode } from '../support.js';
import { ed25519, forge, p256, p521, rsa } from './fixtures.js';

describe('C06 mismatches', () => {
  it.each([
    ['RS256 token, EC key', forge({ alg: 'RS256' }, {}, { alg: 'RS256', key: rsa.privateKey }), p256.publicPem],
    ['ES256 token, RSA key', forge({ alg: 'ES256' }, {}, { alg: 'ES256', key: p256.privateKey }), rsa.publicPem],
    ['ES256 header, P-521 key', forge({ alg: 'ES256' }, {}, { alg: 'ES256', key: p256.privateKey }), p521.publicPem],
    ['ES512 header, P-256 key', forge({ alg: 'ES512' }, {}, { alg: 'ES512', key: p521.privateKey }), p256.publicPem],
    ['EdDSA token, EC key', forge({ alg: 'EdDSA' }, {}, { alg: 'EdDSA', key: ed25519.privateKey }), p256.publicJwk],
    ['ES256 token, Ed25519 key', forge({ alg: 'ES256' }, {}, { alg: 'ES256', key: p256.privateKey }), ed25519.publicJwk],
    [
      'PS256 token, key pinned RS256',
      forge({ alg: 'PS256' }, {}, { alg: 'PS256', key: rsa.privateKey }),
      { ...rsa.publicJwk, alg: 'RS256' },
    ],
    [
      'RS256 token, key pinned PS256',
      forge({ alg: 'RS256' }, {}, { alg: 'RS256', key: rsa.privateKey }),
      { ...rsa.publicJwk, alg: 'PS256' },
    ],
    [
      'RS512 token, unpinned RSA key (default RS256 only)',
      forge({ alg: 'RS512' }, {}, { alg: 'RS512', key: rsa.privateKey }),
      rsa.publicPem,
    ],
  ] as [string, string, string | Jwk][])('%s → ERR_JWT_ALGORITHM', async (_name, token, key) => {
    await expectCode(verify(token, key), 'ERR_JWT_ALGORITHM');
  });

  it('listing an algorithm the key cannot do is ERR_KEY', async () => {
    const token = forge({ alg: 'ES384' }, {}, { alg: 'ES256', key: p256.privateKey });
    await expectCode(verify(token, p256.publicPem, { algorithms: ['ES384'] }), 'ERR_KEY');
    await expectCode(verify(token, { ...rsa.publicJwk, alg: 'RS256' }, { algorithms: ['PS256'] }), 'ERR_KEY');
  });

  it('DSA keys are refused', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
    const pem = dsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expectCode(verify(forge({ alg: 'RS256' }, {}, { alg: 'RS256', key: rsa.privateKey }), pem), 'ERR_KEY');
  });
});
