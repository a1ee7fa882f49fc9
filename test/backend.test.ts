/**
 * Which crypto backend this test project runs on: each project of vitest.config.ts names the one it
 * means, so a broken alias cannot silently test WebCrypto twice.
 */
import { expect, it } from 'vitest';
import { BACKEND } from '../src/crypto/backend.js';
import { generateKeyPair, sign, verify } from '../src/index.js';

it('runs on the backend its project names', () => {
  expect(BACKEND).toBe(process.env.WEBJWT_BACKEND);
});

it('verifies what the other backend signs, both ways', async () => {
  // A CryptoKey from WebCrypto goes through the Node backend as a KeyObject, and back.
  for (const alg of ['ES256', 'EdDSA', 'PS256'] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const token = await sign({ sub: alg }, privateKey);
    expect((await verify(token, publicKey)).payload.sub).toBe(alg);
  }
});
