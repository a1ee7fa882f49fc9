/**
 * Compact JWS serialization (RFC 7515 §7.1) and the JSON objects inside it. Parsing is strict and
 * fails early: the length limit is checked before anything else, then the number of dots, then
 * strict decoding of all three segments (which checks every character) before any JSON parsing.
 */
import { decodeBase64url, encodeBase64url } from '../crypto/backend.js';
import { JwtMalformedError } from '../lib/errors.js';
import type { JwtHeader, JwtPayload } from '../types.js';

/** Default `maxTokenLength`: 64 KiB, far above any sane JWT and far below anything costly. */
export const DEFAULT_MAX_TOKEN_LENGTH = 65_536;

/** Header and payload nest at most this deep: real claims are shallow, and code that walks them recursively must not overflow. */
export const MAX_JSON_DEPTH = 32;

/** `kid` values longer than this are refused: a key id is a short opaque name (RFC 8725 §3.10). */
export const MAX_KID_LENGTH = 1024;

export interface CompactJws {
  readonly header: JwtHeader;
  /** The payload's bytes, decoded but not parsed: they are read only after the signature verified. */
  readonly payload: Uint8Array;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), RFC 7515 §5.2. */
  readonly signingInput: string;
  readonly signature: Uint8Array;
}

const SEGMENTS = ['header', 'payload', 'signature'] as const;

/** Why a token that did not split and decode cleanly is malformed, in the order a reader would check. */
function malformed(token: string): JwtMalformedError {
  // \w is [A-Za-z0-9_] without the u flag: with '-' and '.', exactly what a compact JWS may contain.
  if (/[^\w.-]/.test(token)) return new JwtMalformedError('token contains a character outside base64url and "."');
  const segments = token.split('.');
  const count = segments.length;
  if (count === 5) return new JwtMalformedError('token is a JWE (five segments); webjwt verifies JWS only');
  // RFC 7515 §7.1: exactly three segments; nothing is silently dropped.
  if (count !== 3) return new JwtMalformedError(`token has ${count} segments; a compact JWS has exactly 3`);
  const i = segments.indexOf('');
  // An empty signature is decode()'s unsecured token, not a malformed one.
  if (i === 0 || i === 1) return new JwtMalformedError(`${SEGMENTS[i]} segment is empty`);
  const bad = segments.findIndex((segment) => decodeBase64url(segment) === undefined);
  return new JwtMalformedError(`${SEGMENTS[bad] ?? 'signature'} segment is not canonical base64url`);
}

/**
 * Splits a compact JWS into its parts, decodes all three and parses the header. The payload stays
 * unparsed. An empty signature segment parses (decode() reads unsecured tokens); verify() refuses it
 * by its length. Decoding is strict (canonical base64url only), so it also checks every character
 * before any crypto; only a token that fails is scanned again, to say why.
 * @throws JwtMalformedError for anything but exactly three canonical base64url segments.
 */
export function parseCompact(token: unknown, maxTokenLength: number): CompactJws {
  if (typeof token !== 'string') throw new JwtMalformedError('token must be a string');
  if (token.length > maxTokenLength) {
    throw new JwtMalformedError(`token is ${token.length} characters long; the limit (maxTokenLength) is ${maxTokenLength}`);
  }
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second === first + 1 || second < 0 || token.includes('.', second + 1)) throw malformed(token);
  const header = headerOf(token.slice(0, first));
  const payload = decodeBase64url(token, first + 1, second);
  const signature = decodeBase64url(token, second + 1, token.length);
  if (header === undefined || payload === undefined || signature === undefined) throw malformed(token);
  return { header, payload, signingInput: token.slice(0, second), signature };
}

/**
 * Parsed headers of recent header segments. Tokens from one issuer share theirs, so most tokens skip
 * decoding and parsing it. Only headers whose values are all primitives are kept, so that the copy
 * each caller gets shares nothing with the cache.
 */
const HEADERS_KEPT = 64;
const knownHeaders = new Map<string, JwtHeader>();

/** The parsed header of a header segment (a fresh object), or undefined when it is not canonical base64url. */
export function headerOf(segment: string): JwtHeader | undefined {
  const known = knownHeaders.get(segment);
  if (known !== undefined) return { ...known };
  const bytes = decodeBase64url(segment);
  if (bytes === undefined) return undefined;
  const header = parseHeader(bytes);
  if (Object.values(header).every((value) => typeof value !== 'object' || value === null)) {
    if (knownHeaders.size >= HEADERS_KEPT) knownHeaders.delete(knownHeaders.keys().next().value as string);
    knownHeaders.set(segment, { ...header });
  }
  return header;
}

/** The payload's bytes as text (refused unless UTF-8): what parsePayloadText() reads. */
export function payloadText(bytes: Uint8Array): string {
  return utf8Text(bytes, 'payload');
}

/** Parses the payload's text as the claims set; a fresh object every time. */
export function parsePayloadText(text: string): JwtPayload {
  return parseJsonText(text, 'payload');
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * RFC 7515 §4 and RFC 7519 §7.2: the header and the claims set are JSON objects. A byte order mark
 * is kept by `ignoreBOM` and then refused by JSON.parse. Duplicate member names: JSON.parse keeps
 * the last one, and so does every later check, since they all read this one parsed object
 * (RFC 7515 §4 allows "lexically last").
 */
export function parseJsonObject(bytes: Uint8Array, what: 'header' | 'payload'): Record<string, unknown> {
  return parseJsonText(utf8Text(bytes, what), what);
}

function utf8Text(bytes: Uint8Array, what: 'header' | 'payload'): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new JwtMalformedError(`${what} is not valid UTF-8 JSON`);
  }
}

function parseJsonText(text: string, what: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JwtMalformedError(`${what} is not valid UTF-8 JSON`);
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) throw new JwtMalformedError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtMalformedError(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** True when objects and arrays nest more than `levels` deep in `value` (a top-level object is one level). */
function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  for (const member of Array.isArray(value) ? (value as unknown[]) : Object.values(value)) if (deeperThan(member, levels - 1)) return true;
  return false;
}

/** Parses and checks the protected header; features webjwt does not implement are refused. */
function parseHeader(bytes: Uint8Array): JwtHeader {
  const header = parseJsonObject(bytes, 'header');
  const has = (name: string): boolean => Object.hasOwn(header, name);
  // alg is required; typ, cty and kid are optional, and all four are strings when present.
  // Own members only: an inherited (polluted) alg never passes.
  for (const name of ['alg', 'typ', 'cty', 'kid']) {
    const value = has(name) ? header[name] : undefined;
    if ((name === 'alg' || value !== undefined) && typeof value !== 'string')
      throw new JwtMalformedError(`header "${name}" must be a string`);
  }
  if (typeof header.kid === 'string' && header.kid.length > MAX_KID_LENGTH) {
    throw new JwtMalformedError(`header "kid" is longer than ${MAX_KID_LENGTH} characters`);
  }
  // RFC 7515 §4.1.11: a recipient MUST reject crit parameters it does not understand. webjwt
  // implements no extension, so any crit is refused, with the reason that fits its shape.
  if (has('crit')) {
    const crit = header.crit;
    throw new JwtMalformedError(
      Array.isArray(crit) && crit.length > 0 && crit.every((name) => typeof name === 'string')
        ? 'header "crit" lists parameters webjwt does not understand'
        : 'header "crit" must be a non-empty array of strings',
    );
  }
  // RFC 7797: an unencoded payload changes the signing input; webjwt does not implement it.
  if (has('b64')) throw new JwtMalformedError('header "b64" (RFC 7797) is not supported');
  if (has('enc') || has('zip')) throw new JwtMalformedError('header "enc"/"zip" belong to JWE; webjwt verifies JWS only');
  // RFC 7519 §5.2: cty "JWT" marks a nested JWT, which webjwt does not unwrap.
  if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') {
    throw new JwtMalformedError('nested JWTs (cty "JWT") are not supported');
  }
  return header as JwtHeader;
}

/** BASE64URL(UTF8(JSON)) of a header or payload object. */
export function encodeSegment(value: object): string {
  return encodeBase64url(JSON.stringify(value));
}
