/**
 * Compact JWS serialization (RFC 7515 §7.1) and the JSON objects inside it. Parsing is strict and
 * fails early: the length limit is checked before anything else, the character set and the exact
 * number of dots before any decoding, and decoding before any JSON parsing.
 */
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { JwtMalformedError } from './errors.js';

/** The header of a JWS, as webjwt returns it. */
export interface JwtHeader {
  alg: string;
  typ?: string;
  cty?: string;
  kid?: string;
  [parameter: string]: unknown;
}

/** The registered claims of RFC 7519 §4.1, as types webjwt has checked. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

/** Default `maxTokenLength`: 64 KiB, far above any sane JWT and far below anything costly. */
export const DEFAULT_MAX_TOKEN_LENGTH = 65_536;

/** Header and payload nest at most this deep: real claims are shallow, and code that walks them recursively must not overflow. */
export const MAX_JSON_DEPTH = 32;

/** `kid` values longer than this are refused: a key id is a short opaque name (RFC 8725 §3.10). */
const MAX_KID_LENGTH = 1024;

const DOT = 0x2e;

export interface CompactJws {
  readonly header: JwtHeader;
  /** The payload segment, still encoded: it is parsed only after the signature verified. */
  readonly payloadSegment: string;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), RFC 7515 §5.2. */
  readonly signingInput: string;
  readonly signature: Uint8Array;
}

/** 1 for the base64url alphabet and '.', the only characters a compact JWS may contain. */
const TOKEN_CHARS = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * Splits a compact JWS into its parts and parses the header. The payload stays encoded. An empty
 * signature segment parses (decode() reads unsecured tokens); verify() refuses it by its length.
 * @throws JwtMalformedError for anything but exactly three canonical base64url segments.
 */
export function parseCompact(token: unknown, maxTokenLength: number): CompactJws {
  if (typeof token !== 'string') throw new JwtMalformedError('token must be a string');
  if (token.length > maxTokenLength) {
    throw new JwtMalformedError(`token is ${token.length} characters long; the limit (maxTokenLength) is ${maxTokenLength}`);
  }
  let first = -1;
  let second = -1;
  let dots = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 128 || TOKEN_CHARS[c] === 0) throw new JwtMalformedError('token contains a character outside base64url and "."');
    if (c === DOT) {
      dots++;
      if (dots === 1) first = i;
      else if (dots === 2) second = i;
    }
  }
  if (dots === 4) throw new JwtMalformedError('token is a JWE (five segments); webjwt verifies JWS only');
  // RFC 7515 §7.1: exactly three segments; nothing is silently dropped.
  if (dots !== 2) throw new JwtMalformedError(`token has ${dots + 1} segments; a compact JWS has exactly 3`);
  if (first === 0) throw new JwtMalformedError('header segment is empty');
  if (second === first + 1) throw new JwtMalformedError('payload segment is empty');

  const headerBytes = decodeBase64url(token, 0, first);
  if (headerBytes === undefined) throw new JwtMalformedError('header segment is not canonical base64url');
  const signature = decodeBase64url(token, second + 1, token.length);
  if (signature === undefined) throw new JwtMalformedError('signature segment is not canonical base64url');
  return {
    header: parseHeader(headerBytes),
    payloadSegment: token.slice(first + 1, second),
    signingInput: token.slice(0, second),
    signature,
  };
}

/** Decodes and parses the payload segment. */
export function parsePayloadSegment(segment: string): JwtPayload {
  const bytes = decodeBase64url(segment);
  if (bytes === undefined) throw new JwtMalformedError('payload segment is not canonical base64url');
  return parseJsonObject(bytes, 'payload');
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * RFC 7515 §4 and RFC 7519 §7.2: the header and the claims set are JSON objects. A byte order mark
 * is kept by `ignoreBOM` and then refused by JSON.parse. Duplicate member names: JSON.parse keeps
 * the last one, and so does every later check, since they all read this one parsed object
 * (RFC 7515 §4 allows "lexically last").
 */
function parseJsonObject(bytes: Uint8Array, what: 'header' | 'payload'): Record<string, unknown> {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw new JwtMalformedError(`${what} is not valid UTF-8 JSON`);
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new JwtMalformedError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtMalformedError(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** The deepest nesting of objects and arrays in valid JSON text, in one pass. */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function optionalString(header: Record<string, unknown>, name: string): void {
  if (Object.hasOwn(header, name) && typeof header[name] !== 'string') {
    throw new JwtMalformedError(`header "${name}" must be a string`);
  }
}

/** Parses and checks the protected header; features webjwt does not implement are refused. */
function parseHeader(bytes: Uint8Array): JwtHeader {
  const header = parseJsonObject(bytes, 'header');
  if (!Object.hasOwn(header, 'alg') || typeof header.alg !== 'string') {
    throw new JwtMalformedError('header "alg" must be a string');
  }
  optionalString(header, 'typ');
  optionalString(header, 'cty');
  optionalString(header, 'kid');
  if (typeof header.kid === 'string' && header.kid.length > MAX_KID_LENGTH) {
    throw new JwtMalformedError(`header "kid" is longer than ${MAX_KID_LENGTH} characters`);
  }
  // RFC 7515 §4.1.11: a recipient MUST reject crit parameters it does not understand. webjwt
  // implements no extension, so any crit is refused, with the reason that fits its shape.
  if (Object.hasOwn(header, 'crit')) {
    const crit = header.crit;
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((name) => typeof name === 'string')) {
      throw new JwtMalformedError('header "crit" must be a non-empty array of strings');
    }
    throw new JwtMalformedError('header "crit" lists parameters webjwt does not understand');
  }
  // RFC 7797: an unencoded payload changes the signing input; webjwt does not implement it.
  if (Object.hasOwn(header, 'b64')) throw new JwtMalformedError('header "b64" (RFC 7797) is not supported');
  if (Object.hasOwn(header, 'enc') || Object.hasOwn(header, 'zip')) {
    throw new JwtMalformedError('header "enc"/"zip" belong to JWE; webjwt verifies JWS only');
  }
  // RFC 7519 §5.2: cty "JWT" marks a nested JWT, which webjwt does not unwrap.
  if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') {
    throw new JwtMalformedError('nested JWTs (cty "JWT") are not supported');
  }
  return header as JwtHeader;
}

const utf8Encoder = /* @__PURE__ */ new TextEncoder();

/** BASE64URL(UTF8(JSON)) of a header or payload object. */
export function encodeSegment(value: object): string {
  return encodeBase64url(utf8Encoder.encode(JSON.stringify(value)));
}

/** UTF-8 bytes of a string: secrets, canonical JSON. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** The bytes of a signing input, which is ASCII by construction (base64url and '.'). */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
