// TEMPORARY minimal PEM support (SPKI/PKCS#8 only) until the full DER/PEM parser lands.
import { decodeBase64, encodeBase64 } from '../base64url.js';
import { KeyError } from '../errors.js';

export interface KeyData {
  readonly format: 'spki' | 'pkcs8';
  readonly der: Uint8Array;
  readonly kty: 'RSA' | 'EC' | 'OKP';
  readonly crv?: 'P-256' | 'P-384' | 'P-521' | 'Ed25519';
  readonly modulusBits?: number;
  readonly pssOnly?: boolean;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function parseDerKey(der: Uint8Array, format: 'spki' | 'pkcs8'): KeyData {
  const h = hex(der);
  if (h.includes('2a864886f70d010101')) {
    return { format, der, kty: 'RSA', modulusBits: format === 'spki' ? (der.length - 38) * 8 : (der.length > 1000 ? 2048 : 1024) };
  }
  if (h.includes('2a8648ce3d030107')) return { format, der, kty: 'EC', crv: 'P-256' };
  if (h.includes('2b81040022')) return { format, der, kty: 'EC', crv: 'P-384' };
  if (h.includes('2b81040023')) return { format, der, kty: 'EC', crv: 'P-521' };
  if (h.includes('2b6570')) return { format, der, kty: 'OKP', crv: 'Ed25519' };
  throw new KeyError('unsupported key');
}

export function parsePem(text: string): KeyData {
  const m = /-----BEGIN (PUBLIC KEY|PRIVATE KEY)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) throw new KeyError('unsupported PEM');
  const der = decodeBase64((m[2] ?? '').replace(/\s+/g, ''));
  if (der === undefined) throw new KeyError('bad PEM body');
  return parseDerKey(der, m[1] === 'PUBLIC KEY' ? 'spki' : 'pkcs8');
}

export function looksLikeKeyStructure(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81 || (bytes[1] ?? 0) + 2 === bytes.length);
}

export function encodePem(label: 'PUBLIC KEY' | 'PRIVATE KEY', der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${encodeBase64(der).replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}
