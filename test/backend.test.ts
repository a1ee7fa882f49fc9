/**
 * Which crypto backend this test project runs on: each project of vitest.config.ts names the one it
 * means, so a broken alias cannot silently test WebCrypto twice.
 */
import { expect, expectTypeOf, it } from 'vitest';
import * as backend from '../src/crypto/backend.js';
import { BACKEND } from '../src/crypto/backend.js';
import * as node from '../src/crypto/node.js';
import { generateKeyPair, sign, verify } from '../src/index.js';

it('runs on the backend its project names', () => {
  expect(BACKEND).toBe(process.env.WEBJWT_BACKEND);
});

it('the Node backend exports exactly what the universal one does, with the same types', () => {
  // In the Node project `backend` is node.ts itself; the universal module is read through its parts.
  // The JWS seam, and the JWE primitives (contract A of issue 15).
  const universal = [
    'BACKEND',
    'SUPPORTED_ALGORITHMS',
    'aesGcmKeyUnwrap',
    'aesGcmKeyWrap',
    'aesKeyUnwrap',
    'aesKeyWrap',
    'concatKdf',
    'decodeBase64url',
    'decryptContent',
    'ecdhSecret',
    'encodeBase64url',
    'encryptContent',
    'fromCryptoKey',
    'generateEphemeralKey',
    'importAgreementKey',
    'importDer',
    'importJwk',
    'importOaepKey',
    'importSecretKey',
    'inflateRaw',
    'pbes2Kek',
    'rsaOaepDecrypt',
    'rsaOaepEncrypt',
    'sign',
    'supportedJwe',
    'verify',
  ];
  expect(Object.keys(node).sort()).toEqual(universal);
  expect(Object.keys(backend).sort()).toEqual(universal);
  type Contract = typeof backend;
  expectTypeOf<{ [K in keyof Contract]: (typeof node)[K] }>().toEqualTypeOf<{ [K in keyof Contract]: Contract[K] }>();
});

it('verifies what the other backend signs, both ways', async () => {
  // A CryptoKey from WebCrypto goes through the Node backend as a KeyObject, and back.
  for (const alg of ['ES256', 'EdDSA', 'PS256'] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const token = await sign({ sub: alg }, privateKey);
    expect((await verify(token, publicKey)).payload.sub).toBe(alg);
  }
});

it('each backend supports every algorithm of the table today', async () => {
  const { ALGORITHM_NAMES } = await import('../src/jwa/algorithms.js');
  expect([...backend.SUPPORTED_ALGORITHMS]).toEqual(ALGORITHM_NAMES);
  expect([...node.SUPPORTED_ALGORITHMS]).toEqual(ALGORITHM_NAMES);
});
