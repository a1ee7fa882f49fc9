/**
 * Helpers for the vitest-only tests: error-code assertions, and what needs node:crypto or Buffer.
 * The portable token helpers are re-exported from test/conformance/support.ts.
 */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { isJwtError, type Jwk, type JwtErrorCode } from '../src/index.js';
import { ALGORITHMS, utf8 } from './conformance/support.js';

/** What `promise` rejects with (or what `fn` throws, or rejects with); a failed test when it succeeds. */
export async function rejectionOf(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  return expect.unreachable('accepted: a refusal was expected');
}

/** Awaits `promise` (or calls `fn`) and asserts it fails with a JwtError of `code`; returns the error. */
export async function expectCode(promise: Promise<unknown> | (() => unknown), code: JwtErrorCode): Promise<unknown> {
  const error = await rejectionOf(promise);
  expect(isJwtError(error), `expected a JwtError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error;
}

/** Asserts a TypeError (the API misused, not a token refused) whose message holds each of `parts`; returns it. */
export async function expectTypeError(promise: Promise<unknown> | (() => unknown), ...parts: readonly string[]): Promise<TypeError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(TypeError);
  for (const part of parts) expect((error as TypeError).message).toContain(part);
  return error as TypeError;
}

// The token helpers every runtime shares live with the conformance suite, once.
export { publicJwk, rawToken, tamper, utf8 } from './conformance/support.js';

/** `signingInput` with a correct HMAC signature appended. */
export function hmacSign(signingInput: string, secret: string | Uint8Array, hash = 'sha256'): string {
  return `${signingInput}.${createHmac(hash, secret).update(signingInput).digest('base64url')}`;
}

/** A correctly HMAC-signed token over exact header and payload JSON text. */
export function hmacToken(header: string, payload: string, secret: string | Uint8Array, hash = 'sha256'): string {
  return hmacSign(`${utf8(header)}.${utf8(payload)}`, secret, hash);
}

export const ALL_ALGORITHMS = ALGORITHMS;

export type TestAlg = (typeof ALL_ALGORITHMS)[number];

const HASH = (alg: string) => `SHA-${alg.slice(2)}`;

function generateParams(alg: TestAlg): AlgorithmIdentifier | RsaHashedKeyGenParams | EcKeyGenParams | HmacKeyGenParams {
  switch (alg.slice(0, 2)) {
    case 'HS':
      return { name: 'HMAC', hash: HASH(alg) };
    case 'RS':
      return { name: 'RSASSA-PKCS1-v1_5', hash: HASH(alg), modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    case 'PS':
      return { name: 'RSA-PSS', hash: HASH(alg), modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
    case 'ES':
      return { name: 'ECDSA', namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'] };
    default:
      return { name: 'Ed25519' };
  }
}

export interface TestKeys {
  /** What signs: CryptoKey, JWK and PEM (asymmetric) or bytes/JWK (HMAC). */
  signing: { cryptoKey: CryptoKey; jwk: Jwk; pem?: string; bytes?: Uint8Array };
  verifying: { cryptoKey: CryptoKey; jwk: Jwk; pem?: string; bytes?: Uint8Array };
}

const cache = new Map<string, Promise<TestKeys>>();

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** Fresh extractable keys for `alg` in every form a user holds them (cached per algorithm). */
export function testKeys(alg: TestAlg): Promise<TestKeys> {
  let pending = cache.get(alg);
  if (pending === undefined) {
    pending = (async () => {
      const generated = await crypto.subtle.generateKey(generateParams(alg), true, ['sign', 'verify']);
      if (generated instanceof CryptoKey) {
        const jwk = (await crypto.subtle.exportKey('jwk', generated)) as Jwk;
        const bytes = new Uint8Array(await crypto.subtle.exportKey('raw', generated));
        const entry = { cryptoKey: generated, jwk, bytes };
        return { signing: entry, verifying: entry };
      }
      const { privateKey, publicKey } = generated;
      return {
        signing: {
          cryptoKey: privateKey,
          jwk: (await crypto.subtle.exportKey('jwk', privateKey)) as Jwk,
          pem: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', privateKey)),
        },
        verifying: {
          cryptoKey: publicKey,
          jwk: (await crypto.subtle.exportKey('jwk', publicKey)) as Jwk,
          pem: pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', publicKey)),
        },
      };
    })();
    cache.set(alg, pending);
  }
  return pending;
}

/**
 * The same bytes in every container a caller may hold them in: a Node Buffer (as readFileSync
 * returns it, and a slice of a larger pooled one), a Uint8Array, a view into the middle of a larger
 * buffer, an ArrayBuffer, a DataView and an Int8Array.
 */
export function byteContainers(content: string | Uint8Array): (ArrayBufferView | ArrayBuffer)[] {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const padded = new Uint8Array(bytes.length + 16);
  padded.set(bytes, 8);
  const inMiddle = padded.subarray(8, 8 + bytes.length);
  return [
    Buffer.from(bytes),
    Buffer.concat([Buffer.alloc(5), Buffer.from(bytes)]).subarray(5),
    Uint8Array.from(bytes),
    inMiddle,
    Uint8Array.from(bytes).buffer,
    new DataView(padded.buffer, 8, bytes.length),
    new Int8Array(padded.buffer, 8, bytes.length),
  ];
}
