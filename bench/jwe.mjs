// The JWE benchmark, for any runtime with WebCrypto: encrypt() and decrypt() of webjwt against
// jose's EncryptJWT and jwtDecrypt, for dir, A256KW, ECDH-ES+A256KW (P-256) and RSA-OAEP-256, all
// with A256GCM. Plain ECMAScript (no node: modules): run.mjs measures it on Node with both builds
// of webjwt, and webcrypto.mjs under Deno, Bun, Chromium and workerd (and Node) with the universal one.
import * as jose from 'jose';
import { PAYLOAD, latencies } from './measure.mjs';

/** The algorithms measured, as the issue names them; each with A256GCM content encryption. */
export const JWE_ALGS = ['dir', 'A256KW', 'ECDH-ES+A256KW', 'RSA-OAEP-256'];
export const JWE_ENC = 'A256GCM';

/**
 * A JWK as crypto.subtle exports it, without the members that say how WebCrypto may use it, nor its
 * "alg": Deno writes "alg": "ECDH" into an ECDH key's JWK, which is no JWE algorithm (each library is
 * told the algorithm instead).
 */
const bare = ({ key_ops: _ops, ext: _ext, alg: _alg, ...jwk }) => jwk;

/**
 * The same material for every implementation: 32 random bytes for dir and A256KW, or a key pair's
 * JWKs made by crypto.subtle (so the benchmark does not depend on either library's key generation).
 * Each implementation imports it itself, once, as an application holding a key would.
 */
async function materialFor(alg) {
  if (alg === 'dir' || alg === 'A256KW') {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    return { encryptKey: secret, decryptKey: secret };
  }
  const params =
    alg === 'RSA-OAEP-256'
      ? { name: 'RSA-OAEP', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }
      : { name: 'ECDH', namedCurve: 'P-256' };
  const usages = alg === 'RSA-OAEP-256' ? ['encrypt', 'decrypt'] : ['deriveBits'];
  const pair = await crypto.subtle.generateKey(params, true, usages);
  return {
    encryptKey: bare(await crypto.subtle.exportKey('jwk', pair.publicKey)),
    decryptKey: bare(await crypto.subtle.exportKey('jwk', pair.privateKey)),
  };
}

export const fromBase64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/**
 * The floor of a dir + A256GCM decryption in WebCrypto: crypto.subtle's AES-GCM decryption of the
 * token's ciphertext with the key pre-imported, and nothing else (no parsing, no claims). Only for
 * dir, where the content decryption is all the cryptography there is.
 */
export async function subtleFloor(alg, op, token, secret) {
  if (alg !== 'dir' || op !== 'decrypt') return {};
  const [protectedSegment, , iv, ciphertext, tag] = token.split('.');
  const key = await crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['decrypt']);
  const sealed = new Uint8Array([...fromBase64url(ciphertext), ...fromBase64url(tag)]);
  const params = { name: 'AES-GCM', iv: fromBase64url(iv), additionalData: new TextEncoder().encode(protectedSegment), tagLength: 128 };
  return { 'floor: subtle, key pre-imported': () => crypto.subtle.decrypt(params, key, sealed) };
}

/**
 * Measures encrypt and decrypt of each algorithm side by side, one table per operation and algorithm,
 * handing each figure to `emit` as an object { op, alg, name, us, samples }. `builds` maps a row name
 * to a webjwt module (run.mjs passes the Node build and the universal one). `floor(alg, op, token,
 * secret)` may add yardstick rows (see subtleFloor).
 */
export async function measureJwe(builds, emit, { batchMs = 20, floor } = {}) {
  const claims = { ...PAYLOAD };
  for (const alg of JWE_ALGS) {
    const { encryptKey, decryptKey } = await materialFor(alg);
    const secret = encryptKey instanceof Uint8Array;
    const joseEncryptKey = secret ? encryptKey : await jose.importJWK(encryptKey, alg);
    const joseDecryptKey = secret ? decryptKey : await jose.importJWK(decryptKey, alg);
    const options = { alg, enc: JWE_ENC, expiresIn: '1h' };
    const accepted = { algorithms: [alg], encryptions: [JWE_ENC] };
    const joseAccepted = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [JWE_ENC] };

    const encrypters = {};
    const decrypters = {};
    let token;
    for (const [name, lib] of Object.entries(builds)) {
      const encryptWith = lib.importKey(encryptKey, alg);
      const decryptWith = lib.importKey(decryptKey, alg);
      token ??= await lib.encrypt(claims, encryptWith, options);
      encrypters[name] = () => lib.encrypt(claims, encryptWith, options);
      decrypters[name] = () => lib.decrypt(token, decryptWith, accepted);
    }
    encrypters.jose = () =>
      new jose.EncryptJWT(claims)
        .setProtectedHeader({ alg, enc: JWE_ENC, typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .encrypt(joseEncryptKey);
    decrypters.jose = () => jose.jwtDecrypt(token, joseDecryptKey, joseAccepted);

    for (const [op, fns] of [
      ['encrypt', encrypters],
      ['decrypt', decrypters],
    ]) {
      if (floor !== undefined) Object.assign(fns, await floor(alg, op, token, encryptKey));
      for (const fn of Object.values(fns)) await fn(); // must not throw
      for (const [name, measured] of Object.entries(await latencies(fns, { batchMs }))) emit({ op, alg, name, ...measured });
    }
  }
}
