/**
 * The little DER (X.690 §10) that key import needs: read a TLV strictly, walk a SEQUENCE, decode an
 * OBJECT IDENTIFIER, and write TLVs back. Every malformation is a KeyError; nothing here recurses.
 */
import { KeyError } from '../lib/errors.js';

// Tags (X.690 §8.1.2) as plain constants, which a bundler inlines as numbers.
export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const NULL = 0x05;
export const OID = 0x06;
export const SEQUENCE = 0x30;
export const CONTEXT_0 = 0xa0;
export const CONTEXT_1 = 0xa1;

/** One TLV: its tag and where its contents lie in the buffer. */
export interface Tlv {
  readonly tag: number;
  readonly bytes: Uint8Array;
  /** Where the TLV's header begins. */
  readonly offset: number;
  /** Contents: bytes[start, end). */
  readonly start: number;
  readonly end: number;
}

function malformed(): never {
  throw new KeyError('key is not valid DER');
}

/** Reads the TLV at `offset`, which must end at or before `limit`. X.690 §10.1: definite, minimal lengths. */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) malformed();
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) malformed(); // high tag numbers never occur in keys
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // 0x80 is the indefinite form (BER only); more than 4 length bytes is beyond any key.
    if (count === 0 || count > 4 || start + count > limit || bytes[start] === 0) malformed();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    if (length < 0x80) malformed(); // should have used the short form
    start += count;
  }
  if (start + length > limit) malformed();
  return { tag, bytes, offset, start, end: start + length };
}

/** Reads the TLV that must fill `bytes` exactly, with `tag`. */
export function readWhole(bytes: Uint8Array, tag: number): Tlv {
  const tlv = readTlv(bytes, 0, bytes.length);
  if (tlv.tag !== tag || tlv.end !== bytes.length) malformed();
  return tlv;
}

/** The TLVs directly inside a constructed TLV, which must fill it exactly. */
export function children(parent: Tlv): Tlv[] {
  const items: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const item = readTlv(parent.bytes, offset, parent.end);
    items.push(item);
    offset = item.end;
  }
  return items;
}

export function expect(tlv: Tlv | undefined, tag: number): Tlv {
  if (tlv?.tag !== tag) malformed();
  return tlv;
}

export function contents(tlv: Tlv): Uint8Array {
  return tlv.bytes.subarray(tlv.start, tlv.end);
}

/** The whole encoding of a TLV, header included. */
export function encoding(tlv: Tlv): Uint8Array {
  return tlv.bytes.subarray(tlv.offset, tlv.end);
}

/** A non-negative INTEGER's magnitude, minimal per X.690 §8.3.2. */
export function unsignedInteger(tlv: Tlv | undefined): Uint8Array {
  const value = contents(expect(tlv, INTEGER));
  const first = value[0];
  if (first === undefined || first & 0x80) malformed();
  if (first === 0 && value.length > 1) {
    if (!((value[1] as number) & 0x80)) malformed();
    return value.subarray(1);
  }
  return value;
}

/** Small INTEGERs such as version numbers. */
export function smallInteger(tlv: Tlv | undefined): number {
  const value = unsignedInteger(tlv);
  if (value.length > 2) malformed();
  return value.reduce((n, b) => n * 256 + b, 0);
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
export function objectIdentifier(tlv: Tlv | undefined): string {
  const value = contents(expect(tlv, OID));
  if (value.length === 0 || value.length > 32) malformed();
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] as number;
    if (arc === 0 && b === 0x80) malformed(); // non-minimal arc
    if (arc > 2 ** 40) malformed(); // keeps arcs exact (below 2^53); no key OID comes close
    arc = arc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(arc);
      arc = 0;
    } else if (i === value.length - 1) malformed();
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Encodes one TLV with a minimal definite length (X.690 §10.1). */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const lengthBytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
  const header = length < 0x80 ? [tag, length] : [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
