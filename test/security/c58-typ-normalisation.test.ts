/**
 * C58 — typ normalisation that strips "application/" even when another '/' follows makes
 * `text/plain` pass for `application/text/plain`. RFC 7515 §4.1.9: only a value without '/' stands
 * for "application/" + it. Safe: exactly that rule, compared case-insensitively, both ways.
 */
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { hmacJwk } from './fixtures.js';

/** [token's typ, expected typ option, same type?] */
const cases: [string, string, boolean][] = [
  ['JWT', 'application/jwt', true],
  ['application/JWT', 'jwt', true],
  ['at+jwt', 'application/at+jwt', true],
  ['application/AT+JWT', 'at+JWT', true],
  ['text/plain', 'text/plain', true],
  ['TEXT/Plain', 'text/plain', true],
  ['text/plain', 'application/text/plain', false],
  ['application/text/plain', 'text/plain', false],
  ['application/text/plain', 'application/text/plain', true],
  ['jwt', 'text/jwt', false],
  ['text/jwt', 'jwt', false],
  ['example/jwt', 'application/example/jwt', false],
];

describe('C58 typ is compared as RFC 7515 §4.1.9 says', () => {
  it.each(cases)('typ %j against the option %j: same type %s', async (typ, expected, same) => {
    const token = await sign({ sub: 'u' }, hmacJwk, { header: { typ } });
    if (same) expect((await verify(token, hmacJwk, { typ: expected })).payload.sub).toBe('u');
    else await expectCode(verify(token, hmacJwk, { typ: expected }), 'ERR_JWT_CLAIM');
  });
});
