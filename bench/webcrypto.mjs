// The WebCrypto benchmark, for any runtime with WebCrypto: webjwt's universal build against jose and
// hono/jwt and the floor, a key pre-imported into crypto.subtle. run.mjs runs it under Node, Deno and
// Bun (through portable.mjs), in headless Chromium and in workerd.
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import * as jose from 'jose';
import * as webjwt from '../dist/index.js';
import { fromBase64url, measureJwe, subtleFloor } from './jwe.mjs';
import { ALGS, PAYLOAD, SUBTLE, latencies } from './measure.mjs';

/**
 * Measures everything, handing each measurement to `emit` as one JSON line. `batchMs` is how long a
 * batch runs: workerd's clock ticks in whole milliseconds, so it needs longer batches than 20 ms.
 * `only: 'jwe'` measures only encrypt and decrypt (bench/jwe.mjs), `only: 'jws'` only sign and verify.
 */
export async function measureWebCrypto(runtime, emit, { batchMs = 20, only } = {}) {
  if (only !== 'jwe') await measureJws(runtime, emit, batchMs);
  if (only !== 'jws') await measureJwe({ webjwt }, (row) => emit(JSON.stringify({ runtime, ...row })), { batchMs, floor: subtleFloor });
}

async function measureJws(runtime, emit, batchMs) {
  const measure = async (op, alg, implementations) => {
    for (const fn of Object.values(implementations)) if (fn) await fn(); // must not throw
    for (const [name, measured] of Object.entries(await latencies(implementations, { batchMs })))
      emit(JSON.stringify({ runtime, op, alg, name, ...measured }));
  };

  for (const alg of ALGS) {
    const [importParams, params] = SUBTLE[alg];
    const hmac = alg === 'HS256';
    // Every implementation starts from the same material: a string secret (43 base64url characters,
    // 32 random bytes), or a key pair's JWKs, each imported by the implementation itself (in Deno, a
    // generated CryptoKey verifies ECDSA markedly slower than one imported from JWK).
    const pair = hmac ? undefined : await webjwt.generateKeyPair(alg, { extractable: true });
    const secret = hmac ? (await webjwt.exportJWK(webjwt.generateSecret('HS256'))).k : undefined;
    const secretBytes = hmac ? new TextEncoder().encode(secret) : undefined;
    const publicJwk = hmac ? undefined : await webjwt.exportJWK(pair.publicKey);
    const privateJwk = hmac ? undefined : await webjwt.exportJWK(pair.privateKey);
    const signKey = secret ?? privateJwk;
    const verifyKey = secret ?? publicJwk;
    const joseVerifyKey = secretBytes ?? (await jose.importJWK(publicJwk, alg));
    const joseSignKey = secretBytes ?? (await jose.importJWK(privateJwk, alg));
    const token = await webjwt.sign(PAYLOAD, signKey, { alg, expiresIn: '1h' });
    const dot = token.lastIndexOf('.');
    const data = new TextEncoder().encode(token.slice(0, dot));
    const signature = fromBase64url(token.slice(dot + 1));
    const subtleKey = await crypto.subtle.importKey(hmac ? 'raw' : 'jwk', secretBytes ?? publicJwk, importParams, false, ['verify']);
    const subtleSignKey = await crypto.subtle.importKey(hmac ? 'raw' : 'jwk', secretBytes ?? privateJwk, importParams, false, ['sign']);
    const mine = webjwt.createVerifier(verifyKey, { algorithms: [alg] });
    const honoAlg = alg === 'PS256' ? undefined : alg;

    const verifiers = {
      'webjwt createVerifier': () => mine(token),
      jose: () => jose.jwtVerify(token, joseVerifyKey, { algorithms: [alg] }),
      'hono/jwt': honoAlg && (() => honoVerify(token, secret ?? publicJwk, honoAlg)),
      'floor: subtle, key pre-imported': () => crypto.subtle.verify(params, subtleKey, signature, data),
      // Not a verifier: what webjwt's own parsing costs in this runtime, to read the gap to the floor.
      'webjwt decode(), no crypto': () => webjwt.decode(token),
    };
    await measure('verify', alg, verifiers);

    const mineSigner = webjwt.createSigner(signKey, { alg });
    const signers = {
      'webjwt createSigner': () => mineSigner(PAYLOAD),
      jose: () => new jose.SignJWT(PAYLOAD).setProtectedHeader({ alg }).sign(joseSignKey),
      'hono/jwt': hmac ? () => honoSign(PAYLOAD, secret, alg) : undefined,
      'floor: subtle, key pre-imported': () => crypto.subtle.sign(params, subtleSignKey, data),
      // Not a signer: the least any JWT library does besides the crypto, to read the gap to the floor.
      'JSON.stringify(claims), no crypto': () => JSON.stringify(PAYLOAD),
    };
    await measure('sign', alg, signers);
  }
}
