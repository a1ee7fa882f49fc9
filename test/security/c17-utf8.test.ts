/** C17 — invalid UTF-8, UTF-16/32 JSON. Safe: fatal UTF-8 decoding only (RFC 8725 §3.7). BCP-3.7-1. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { encodeBase64url } from '../../src/lib/base64url.js';
import { expectCode, hmacSign } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const H = encodeBase64url(new TextEncoder().encode('{"alg":"HS256"}'));
const utf16 = (text: string, littleEndian: boolean) => {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
};

describe('C17 encodings', () => {
  it.each([
    ['lone continuation byte', Uint8Array.from([0x7b, 0x80, 0x7d])],
    ['overlong "/"', Uint8Array.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])],
    ['truncated sequence', Uint8Array.from([0x7b, 0x22, 0xe2, 0x82, 0x22, 0x3a, 0x31, 0x7d])],
    ['UTF-16 surrogate in UTF-8 (CESU)', Uint8Array.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d])],
    ['UTF-16LE JSON', utf16('{"sub":"a"}', true)],
    ['UTF-16BE JSON with BOM', Uint8Array.from([0xfe, 0xff, ...utf16('{"sub":"a"}', false)])],
    ['UTF-8 BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"sub":"a"}')])],
  ])('payload: %s', async (_name, bytes) => {
    await expectCode(verify(hmacSign(`${H}.${encodeBase64url(bytes)}`, hmacSecret), hmacJwk), 'ERR_JWT_MALFORMED');
  });

  it('header in UTF-16 is refused', async () => {
    await expectCode(verify(hmacSign(`${encodeBase64url(utf16('{"alg":"HS256"}', true))}.${H}`, hmacSecret), hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
