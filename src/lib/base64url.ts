/**
 * Strict base64url (RFC 4648 §5, as JWS uses it: RFC 7515 §2, no padding) and strict base64 (for PEM
 * bodies, RFC 7468 §2). Decoders accept exactly one spelling of each byte string: no padding in
 * base64url, no whitespace, no characters of the other alphabet, and zero unused trailing bits
 * (RFC 4648 §3.5), so two different strings can never decode to the same bytes.
 * `canonicalBase64url` is the one lenient helper, for key sets only: it maps other spellings to that one.
 */

export const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function reverseTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const URL_TABLE = /* @__PURE__ */ reverseTable(URL_ALPHABET);
const STD_TABLE = /* @__PURE__ */ reverseTable(STD_ALPHABET);

/** Every pair of characters of an alphabet, indexed by 12 bits: two lookups encode three bytes. */
function pairTable(alphabet: string): string[] {
  const pairs: string[] = [];
  for (const a of alphabet) for (const b of alphabet) pairs.push(a + b);
  return pairs;
}

/** Built on first use: 4096 short strings are not worth holding in a program that never encodes. */
let urlPairs: readonly string[] | undefined;
let stdPairs: readonly string[] | undefined;

function encodeWith(alphabet: string, pairs: readonly string[], bytes: Uint8Array, pad: boolean): string {
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  let i = 0;
  for (; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += (pairs[n >>> 12] as string) + (pairs[n & 4095] as string);
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + alphabet.charAt((n >>> 6) & 63) + (pad ? '=' : '');
  }
  return out;
}

/** Decodes `text[start, end)`; returns undefined for any non-canonical input. */
function decodeWith(table: Int8Array, text: string, start: number, end: number): Uint8Array | undefined {
  const length = end - start;
  const rest = length % 4;
  if (rest === 1) return undefined;
  const out = new Uint8Array(((length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  const value = (i: number): number => {
    const c = text.charCodeAt(i);
    return c < 128 ? (table[c] as number) : -1;
  };
  let o = 0;
  let i = start;
  // Four characters make three bytes; a negative lookup anywhere makes the OR negative.
  for (const full = end - rest; i < full; i += 4) {
    const a = value(i);
    const b = value(i + 1);
    const c = value(i + 2);
    const d = value(i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 0) return out;
  const a = value(i);
  const b = value(i + 1);
  const c = rest === 3 ? value(i + 2) : 0;
  if ((a | b | c) < 0) return undefined;
  const n = (a << 18) | (b << 12) | (c << 6);
  // RFC 4648 §3.5: the pad bits of the last character must be zero.
  if ((rest === 2 ? n & 0xffff : n & 0xff) !== 0) return undefined;
  out[o++] = n >>> 16;
  if (rest === 3) out[o] = (n >>> 8) & 0xff;
  return out;
}

/** Encodes bytes as base64url without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  return encodeWith(URL_ALPHABET, (urlPairs ??= pairTable(URL_ALPHABET)), bytes, false);
}

/** Decodes canonical base64url (no padding); undefined for anything else. */
export function decodeBase64url(text: string, start: number = 0, end: number = text.length): Uint8Array | undefined {
  return decodeWith(URL_TABLE, text, start, end);
}

/** Encodes bytes as standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(STD_ALPHABET, (stdPairs ??= pairTable(STD_ALPHABET)), bytes, true);
}

/** Decodes canonical padded base64 (no whitespace); undefined for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let end = text.length;
  if (text.endsWith('==')) end -= 2;
  else if (text.endsWith('=')) end -= 1;
  return decodeWith(STD_TABLE, text, 0, end);
}

/**
 * The canonical base64url spelling of base64 written in either alphabet, padded or not (RFC 4648 §4,
 * §5); undefined for anything else: both alphabets mixed, misplaced padding, non-zero pad bits.
 * Lenient on purpose and only for key material from a trusted key set (some providers publish
 * standard padded base64); tokens and single JWKs are decoded strictly.
 */
export function canonicalBase64url(text: string): string | undefined {
  const unpadded = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (unpadded.length !== text.length && text.length % 4 !== 0) return undefined;
  const standard = /[+/]/.test(unpadded);
  if (standard && /[-_]/.test(unpadded)) return undefined;
  const url = standard ? unpadded.replace(/\+/g, '-').replace(/\//g, '_') : unpadded;
  return decodeBase64url(url) === undefined ? undefined : url;
}
