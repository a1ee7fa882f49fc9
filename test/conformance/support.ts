/**
 * Helpers for the conformance suite, portable to every runtime: plain Uint8Array and string work,
 * no Buffer, no atob/btoa, no node: modules. test/support.ts re-exports the token helpers for the
 * vitest-only tests, so each exists once.
 */
import type * as JoseModule from 'jose';
import type * as Webjwt from '../../src/index.js';
import type { Harness, TestFn } from './harness.js';

/** The library under test: the package's exports (src/index.ts under vitest, the packed build elsewhere). */
export type Library = typeof Webjwt;
export type Jwk = Webjwt.Jwk;
export type JwsAlgorithm = Webjwt.JwsAlgorithm;
export type JwtKey = Webjwt.JwtKey;
export type SignOptions = Webjwt.SignOptions;
/** jose, the reference implementation the JWE interop tests run against, where a runner passes it. */
export type Jose = typeof JoseModule;

/** Every JWS algorithm webjwt implements. */
export const ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const satisfies readonly JwsAlgorithm[];

/**
 * verify()'s signature step for one key, algorithm, signed bytes and signature: true or false, or a
 * JwtError for a key it refuses. Wycheproof's signature files need it, since their messages cannot be
 * made into tokens.
 */
export interface SignatureStep {
  /** Whether it refuses weak keys itself (webjwt's own step does; a bare WebCrypto call does not). */
  checksKeyStrength: boolean;
  verify: (key: JwtKey, alg: JwsAlgorithm, data: Uint8Array, signature: Uint8Array, allowWeakKeys: boolean) => boolean | Promise<boolean>;
}

export interface ConformanceOptions {
  /** Every Wycheproof vector, or a sample of each file (the edge cases each file is about, and every decided vector). */
  wycheproof: 'all' | 'sample';
  /**
   * The signature step: webjwt's internal one where the runner can reach it (vitest, on each
   * backend); otherwise the runtime's WebCrypto given the key webjwt imported and exported again.
   */
  signatureStep?: SignatureStep;
  /** jose, for the JWE interop tests (both ways); without it they are skipped. */
  jose?: Jose;
}

/** The JWE algorithms the running backend supports, as the package says (supportedEncryption()). */
export interface EncryptionSupport {
  algorithms: ReadonlySet<string>;
  encryptions: ReadonlySet<string>;
}

/** What each part of the suite receives. */
export interface SuiteContext {
  lib: Library;
  options: ConformanceOptions;
  /** Registers a test that needs no particular algorithm. */
  test: Harness['test'];
  /** Registers a test that needs every algorithm in `algs`, skipped where the running backend lacks one. */
  testWith: (algs: readonly string[], name: string, fn: TestFn) => void;
  /** Registers a test that does not run, and why. */
  skip: Harness['skip'];
  /** What supportedEncryption() said, asked once before registering (it may answer asynchronously). */
  encryption: EncryptionSupport;
}

/** The algorithms the running backend supports, as the package says (supportedAlgorithms()). */
export function supportedAlgorithms(lib: Library): ReadonlySet<string> {
  return lib.supportedAlgorithms();
}

/** The SuiteContext for a harness: testWith() skips "<alg> not supported in this runtime". */
export function suiteContext(harness: Harness, lib: Library, options: ConformanceOptions, encryption: EncryptionSupport): SuiteContext {
  const supported = supportedAlgorithms(lib);
  return {
    lib,
    options,
    encryption,
    test: harness.test,
    skip: harness.skip,
    testWith: (algs, name, fn) => {
      const missing = [...new Set(algs)].filter((alg) => !supported.has(alg));
      if (missing.length === 0) harness.test(name, fn);
      else harness.skip(name, `${missing.join(', ')} not supported in this runtime`);
    },
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let text = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += ALPHABET.charAt((buffer >> bits) & 63);
    }
  }
  return bits > 0 ? text + ALPHABET.charAt((buffer << (6 - bits)) & 63) : text;
}

/** Bytes of unpadded base64url text; leftover bits are dropped. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error('not base64url');
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

export const hex = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

export const utf8 = (text: string): string => base64url(new TextEncoder().encode(text));

/** A token from raw header and payload JSON text and a signature segment. */
/** Whether the text is JSON of an object (a JWT's claims), not of an array or a scalar. */
export const isJsonObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

export const rawToken = (header: string, payload: string, signature = 'c2ln'): string => `${utf8(header)}.${utf8(payload)}.${signature}`;

/** The token with one bit of its signature flipped, so only the signature step can tell. */
export function tamper(token: string): string {
  const dot = token.lastIndexOf('.');
  const signature = fromBase64url(token.slice(dot + 1));
  signature[signature.length >> 1] = (signature[signature.length >> 1] ?? 0) ^ 1;
  return `${token.slice(0, dot + 1)}${base64url(signature)}`;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const;

/** The public members of a (private) JWK, in a fixed order. */
export function publicJwk(jwk: Jwk): Jwk {
  const out: Jwk = { kty: jwk.kty };
  for (const member of PUBLIC_MEMBERS) if (jwk[member] !== undefined) out[member] = jwk[member];
  return out;
}

/**
 * How `action` ended: 'resolved', a webjwt error's code, or the name and message of anything else
 * (a TypeError for caller misuse; anything unexpected reads well in a failure line).
 */
export async function outcomeOf(lib: Library, action: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof action === 'function' ? action() : action);
    return 'resolved';
  } catch (error) {
    if (lib.isJwtError(error)) return error.code;
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Asserts that `action` fails with a webjwt error of `code` (or a TypeError, for `code` 'TypeError'). */
export async function expectCode(lib: Library, action: Promise<unknown> | (() => unknown), code: string, what = 'outcome'): Promise<void> {
  const outcome = await outcomeOf(lib, action);
  const matches = code === 'TypeError' ? outcome.startsWith('TypeError:') : outcome === code;
  if (!matches) throw new Error(`${what}: expected ${code}, got ${outcome}`);
}
