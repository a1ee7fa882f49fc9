/** C12 — crit not enforced. Safe: every crit refused, since webjwt implements no extension (RFC 7515 §4.1.11). */
import { describe, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C12 crit', () => {
  it.each([
    { crit: ['x-custom-policy'], 'x-custom-policy': 'require-mfa' },
    { crit: [] },
    { crit: ['alg'] },
    { crit: ['exp'] },
    { crit: ['absent'] },
    { crit: 'x' },
    { crit: [1] },
    { crit: null },
    { crit: ['b64'], b64: true },
  ])('%j', async (extra) => {
    const token = forge({ alg: 'HS256', ...extra }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret });
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_MALFORMED');
    await expectCode(() => decode(token), 'ERR_JWT_MALFORMED');
  });
});
