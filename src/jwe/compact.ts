/**
 * Compact JWE serialization (RFC 7516 §7.1): five base64url segments, parsed as strictly as a JWS.
 * The length limit comes first, then the segment count, then strict decoding of every segment and
 * the protected header's checks, all before any key is touched. In the compact form every header
 * member is protected (there is no unprotected header), so `zip` can only be where RFC 7516 §4.1.3
 * wants it.
 */
import { decodeBase64url, encodeBase64url } from '../crypto/backend.js';
import { JwtAlgorithmError, JwtMalformedError } from '../lib/errors.js';
import { MAX_KID_LENGTH, parseJsonObject } from '../jws/compact.js';
import type { JweHeader } from '../types.js';

export interface CompactJwe {
  readonly header: JweHeader;
  /** BASE64URL(UTF8(protected header)): its ASCII is the additional authenticated data (RFC 7516 §5.1 step 14). */
  readonly protectedSegment: string;
  readonly encryptedKey: Uint8Array;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

const SEGMENTS = ['protected header', 'encrypted key', 'IV', 'ciphertext', 'authentication tag'] as const;

/** Header members that are strings when present (RFC 7516 §4.1, RFC 7518 §4.6.1, §4.7.1, §4.8.1). */
const STRINGS = ['kid', 'typ', 'cty', 'zip', 'apu', 'apv', 'iv', 'tag', 'p2s'];

/**
 * Splits a compact JWE, decodes all five segments and parses and checks the protected header.
 * @throws JwtMalformedError for anything but exactly five canonical base64url segments with a valid
 *   header; JwtAlgorithmError for an `alg` that names a JWS algorithm or RSA1_5.
 */
export function parseCompactJwe(token: unknown, maxTokenLength: number): CompactJwe {
  if (typeof token !== 'string') throw new JwtMalformedError('token must be a string');
  if (token.length > maxTokenLength) {
    throw new JwtMalformedError(`token is ${token.length} characters long; the limit (maxTokenLength) is ${maxTokenLength}`);
  }
  if (/[^\w.-]/.test(token)) throw new JwtMalformedError('token contains a character outside base64url and "."');
  const segments = token.split('.');
  if (segments.length === 3) throw new JwtMalformedError('token is a JWS (three segments); decrypt() takes a JWE and verify() a JWS');
  if (segments.length !== 5) throw new JwtMalformedError(`token has ${segments.length} segments; a compact JWE has exactly 5`);
  const decoded = segments.map((segment, i) => {
    const bytes = decodeBase64url(segment);
    if (bytes === undefined) throw new JwtMalformedError(`${SEGMENTS[i] as string} segment is not canonical base64url`);
    // RFC 7516 §7.1: only the encrypted key (dir, ECDH-ES) and the ciphertext may be empty.
    if (bytes.length === 0 && i !== 1 && i !== 3) throw new JwtMalformedError(`${SEGMENTS[i] as string} segment is empty`);
    return bytes;
  }) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const [header, encryptedKey, iv, ciphertext, tag] = decoded;
  const protectedSegment = segments[0] as string;
  return { header: headerOf(protectedSegment, header), protectedSegment, encryptedKey, iv, ciphertext, tag };
}

/**
 * Parsed headers of recent protected header segments (as jws/compact.ts keeps JWS headers): the
 * tokens of one sender with a fixed key share theirs. Only headers whose values are all primitives
 * are kept (an `epk` header, new for every token, never is), so each caller's copy shares nothing.
 */
const HEADERS_KEPT = 64;
const knownHeaders = new Map<string, JweHeader>();

function headerOf(segment: string, bytes: Uint8Array): JweHeader {
  const known = knownHeaders.get(segment);
  if (known !== undefined) return { ...known };
  const header = parseJweHeader(bytes);
  if (Object.values(header).every((value) => typeof value !== 'object' || value === null)) {
    if (knownHeaders.size >= HEADERS_KEPT) knownHeaders.delete(knownHeaders.keys().next().value as string);
    knownHeaders.set(segment, { ...header });
  }
  return header;
}

/** Parses and checks a JWE protected header; features webjwt does not implement are refused. */
function parseJweHeader(bytes: Uint8Array): JweHeader {
  const header = parseJsonObject(bytes, 'header');
  const has = (name: string): boolean => Object.hasOwn(header, name);
  for (const name of ['alg', 'enc']) {
    if (typeof (has(name) ? header[name] : undefined) !== 'string') throw new JwtMalformedError(`header "${name}" must be a string`);
  }
  for (const name of STRINGS) {
    if (has(name) && typeof header[name] !== 'string') throw new JwtMalformedError(`header "${name}" must be a string`);
  }
  // `kid` values longer than MAX_KID_LENGTH are refused, as in a JWS (RFC 8725 §3.10).
  if (typeof header.kid === 'string' && header.kid.length > MAX_KID_LENGTH) {
    throw new JwtMalformedError(`header "kid" is longer than ${MAX_KID_LENGTH} characters`);
  }
  // RFC 7516 §4.1.13 (as RFC 7515 §4.1.11): a recipient MUST reject crit parameters it does not
  // understand; webjwt implements no extension.
  if (has('crit')) throw new JwtMalformedError('header "crit" lists parameters webjwt does not understand');
  // `b64` is a JWS header member only (RFC 7797): never in a JWE header.
  if (has('b64')) throw new JwtMalformedError('header "b64" belongs to a JWS, not a JWE');
  // RFC 7516 §4.1.3: DEF is the one registered compression algorithm.
  if (has('zip') && header.zip !== 'DEF') throw new JwtMalformedError('header "zip" must be "DEF", the only compression JWE defines');
  if (has('epk') && (typeof header.epk !== 'object' || header.epk === null || Array.isArray(header.epk))) {
    throw new JwtMalformedError('header "epk" must be a JWK object');
  }
  if (has('p2c') && !Number.isSafeInteger(header.p2c)) throw new JwtMalformedError('header "p2c" must be an integer');
  if (header.alg === 'RSA1_5') {
    throw new JwtAlgorithmError(
      'RSA1_5 is not supported: no WebCrypto implements it and RFC 8725 §3.2 advises against it; use RSA-OAEP-256',
    );
  }
  return header as JweHeader;
}

/** RFC 7519 §5.2: a `cty` of `JWT` (any case, with or without `application/`) marks a nested JWT. */
export function isJwtContentType(cty: unknown): boolean {
  return typeof cty === 'string' && /^(?:application\/)?jwt$/i.test(cty);
}

/** The bytes of a header member holding base64url (apu, apv, iv, tag, p2s), or undefined when absent. */
export function headerBytes(header: JweHeader, name: string): Uint8Array | undefined {
  const value = Object.hasOwn(header, name) ? header[name] : undefined;
  if (value === undefined) return undefined;
  const bytes = decodeBase64url(value as string);
  if (bytes === undefined) throw new JwtMalformedError(`header "${name}" is not canonical base64url`);
  return bytes;
}

/** The compact serialization of a JWE's parts. */
export function serializeCompactJwe(
  protectedSegment: string,
  encryptedKey: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): string {
  return [protectedSegment, ...[encryptedKey, iv, ciphertext, tag].map((part) => encodeBase64url(part))].join('.');
}
