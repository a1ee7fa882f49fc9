/**
 * The RFC vectors' deterministic signatures (HMAC, RSASSA-PKCS1-v1_5, Ed25519) reproduced byte for
 * byte by webjwt's signing step. Their headers are the RFCs' own text, which sign() never writes, so
 * this reaches the internals and runs under vitest only; everything else about these vectors is in
 * the conformance suite (test/conformance/vectors.ts), which also holds the tables used here.
 */
import { describe, expect, it } from 'vitest';
import { importKey } from '../src/index.js';
import { createSignature } from '../src/jws/signature.js';
import { prepareKey } from '../src/keys/key.js';
import { base64url } from './conformance/support.js';
import { claimsVectors, textPayloadVectors } from './conformance/vectors.js';

describe('deterministic RFC signatures through webjwt internals', () => {
  it.each([...claimsVectors, ...textPayloadVectors].filter((v) => v.deterministic))('$name: signature reproduced exactly', async (v) => {
    const signature = await createSignature(
      prepareKey(importKey(v.jwk, v.alg), v.alg, 'sign', false),
      new TextEncoder().encode(v.signingInput),
    );
    expect(base64url(signature)).toBe(v.signature);
  });
});
