/**
 * C50 — string comparison tricks (NUL, Unicode normalisation, homoglyphs, URL normalisation).
 * Safe: StringOrURI values compared as exact code-point sequences (RFC 7519 §2, §7.3).
 */
import { describe, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { hmacJwk } from './fixtures.js';

const expected = 'https://issuer.example/café';

describe('C50 exact comparison', () => {
  it.each([
    ['NFD instead of NFC', expected.normalize('NFD')],
    ['trailing NUL', `${expected}\u0000`],
    ['Cyrillic а homoglyph', expected.replace('a', 'а')],
    ['trailing slash', `${expected}/`],
    ['upper-case host', expected.replace('issuer', 'ISSUER')],
    ['percent-encoded é', 'https://issuer.example/caf%C3%A9'],
    ['zero-width joiner', `${expected}\u200d`],
  ])('iss, aud and sub with %s do not match', async (_name, value) => {
    const token = await sign({ iss: value, aud: value, sub: value }, hmacJwk);
    await expectCode(verify(token, hmacJwk, { issuer: expected }), 'ERR_JWT_CLAIM');
    await expectCode(verify(token, hmacJwk, { audience: expected }), 'ERR_JWT_CLAIM');
    await expectCode(verify(token, hmacJwk, { subject: expected }), 'ERR_JWT_CLAIM');
  });

  it('the exact value matches', async () => {
    await verify(await sign({ iss: expected, aud: expected, sub: expected }, hmacJwk), hmacJwk, {
      issuer: expected,
      audience: expected,
      subject: expected,
    });
  });
});
