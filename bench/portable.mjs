// The WebCrypto benchmark, for any runtime with WebCrypto (run by run.mjs under Node, Deno and Bun):
// webjwt's universal build against jose and hono/jwt and the floor, a key pre-imported into
// crypto.subtle. Prints one JSON line per measurement on stdout.
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import * as jose from 'jose';
import * as webjwt from '../dist/index.js';
import { ALGS, PAYLOAD, SUBTLE, latency } from './measure.mjs';

const runtime = typeof Deno !== 'undefined' ? `Deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : `Node ${process.version}`;
const emit = (op, alg, name, us) => console.log(JSON.stringify({ runtime, op, alg, name, us }));

for (const alg of ALGS) {
  const [importParams, params] = SUBTLE[alg];
  const hmac = alg === 'HS256';
  const pair = hmac ? undefined : await webjwt.generateKeyPair(alg, { extractable: true });
  // A string secret (43 base64url characters, 32 random bytes), which every library here accepts.
  const secret = hmac ? (await webjwt.exportJWK(webjwt.generateSecret('HS256'))).k : undefined;
  const secretBytes = hmac ? new TextEncoder().encode(secret) : undefined;
  const signKey = secret ?? pair.privateKey;
  const verifyKey = secret ?? pair.publicKey;
  const joseVerifyKey = secretBytes ?? pair.publicKey;
  const joseSignKey = secretBytes ?? pair.privateKey;
  const publicJwk = hmac ? undefined : await webjwt.exportJWK(pair.publicKey);
  const token = await webjwt.sign(PAYLOAD, signKey, { alg, expiresIn: '1h' });
  const dot = token.lastIndexOf('.');
  const data = new TextEncoder().encode(token.slice(0, dot));
  const signature = Uint8Array.from(atob(token.slice(dot + 1).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const subtleKey = hmac ? await crypto.subtle.importKey('raw', secretBytes, importParams, false, ['verify']) : pair.publicKey;
  const subtleSignKey = hmac ? await crypto.subtle.importKey('raw', secretBytes, importParams, false, ['sign']) : pair.privateKey;
  const mine = webjwt.createVerifier(verifyKey, { algorithms: [alg] });
  const honoAlg = alg === 'PS256' ? undefined : alg;

  const verifiers = {
    'webjwt createVerifier': () => mine(token),
    jose: () => jose.jwtVerify(token, joseVerifyKey, { algorithms: [alg] }),
    'hono/jwt': honoAlg && (() => honoVerify(token, secret ?? publicJwk, honoAlg)),
    'floor: subtle, key pre-imported': () => crypto.subtle.verify(params, subtleKey, signature, data),
  };
  for (const [name, fn] of Object.entries(verifiers)) {
    if (!fn) continue;
    await fn();
    emit('verify', alg, name, await latency(fn));
  }

  const mineSigner = webjwt.createSigner(signKey, { alg });
  const signers = {
    'webjwt createSigner': () => mineSigner(PAYLOAD),
    jose: () => new jose.SignJWT(PAYLOAD).setProtectedHeader({ alg }).sign(joseSignKey),
    'hono/jwt': hmac ? () => honoSign(PAYLOAD, secret, alg) : undefined,
    'floor: subtle, key pre-imported': () => crypto.subtle.sign(params, subtleSignKey, data),
  };
  for (const [name, fn] of Object.entries(signers)) {
    if (!fn) continue;
    await fn();
    emit('sign', alg, name, await latency(fn));
  }
}
