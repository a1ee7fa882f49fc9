/**
 * The signature step of JWS (RFC 7515 §5), shared by sign(), verify() and the Wycheproof runner: a
 * key prepared for the algorithm and usage (keys/key.ts, which checked it once) and the backend call.
 * The answer is a promise only on an asynchronous backend (WebCrypto) or while the key is still being
 * imported; the caller reads it with a conditional await, so that on node:crypto with a key used
 * before there is no promise at all. A backend's own exception (thrown or as a rejection) is read in
 * the caller's `try` and turned into a KeyError there by `signatureFailure`: wrapping the promise
 * here instead would cost every verification one more turn of the event loop.
 */
import { sign, verify, type BackendKey, type SignedData } from '../crypto/backend.js';
import { JwtError, KeyError } from '../lib/errors.js';
import type { PreparedKey } from '../keys/key.js';

/**
 * Whether `signature` is exactly as long as the prepared key's algorithm needs (RFC 7518 §3.2–3.5,
 * checked here because not every runtime's crypto refuses the others) and verifies over `data`.
 */
export function verifySignature(prepared: PreparedKey, data: SignedData, signature: Uint8Array): boolean | Promise<boolean> {
  const key = prepared.backendKey;
  if (key instanceof Promise) return key.then((loaded) => verifyWith(prepared, loaded, data, signature));
  return verifyWith(prepared, key, data, signature);
}

function verifyWith(prepared: PreparedKey, key: BackendKey, data: SignedData, signature: Uint8Array): boolean | Promise<boolean> {
  return signature.length === prepared.signatureBytes && verify(prepared.alg, key, signature, data);
}

/** The signature of `data` with the prepared key. */
export function createSignature(prepared: PreparedKey, data: SignedData): Uint8Array | Promise<Uint8Array> {
  const key = prepared.backendKey;
  if (key instanceof Promise) return key.then((loaded) => sign(prepared.alg, loaded, data));
  return sign(prepared.alg, key, data);
}

/**
 * What a failed signature step throws: webjwt's own errors as they are, and the backend's exceptions
 * as a KeyError (a runtime that imported a key another refuses at import, such as Deno with an EC
 * point off its curve, throws when the key is used instead). `instanceof` rather than `isJwtError`:
 * every webjwt error that reaches here was made by this copy of webjwt (prepareKey and its import).
 */
export function signatureFailure(cause: unknown): Error {
  return cause instanceof JwtError ? cause : new KeyError('the crypto backend could not use the key', { cause });
}
