/** C04 — wrong number of segments, lenient split. Safe: exactly three segments; JWE refused. BCP-3.3-2. */
import { describe, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

const valid = forge({ alg: 'HS256' }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret });
const [h, p, s] = valid.split('.') as [string, string, string];

describe('C04 segments', () => {
  it.each([
    ['two segments', `${h}.${p}`],
    ['two segments and a dot', `${h}.${p}.`.slice(0, -1)],
    ['four segments', `${valid}.AAAA`],
    ['trailing dot', `${valid}.`],
    ['five (JWE shape)', `${h}.${p}.${s}.${s}.${s}`],
    ['six', `${valid}.a.b.c`],
    ['leading dot', `.${valid}`],
    ['double dot', `${h}..${p}.${s}`],
  ])('%s', async (_name, token) => {
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_MALFORMED');
    await expectCode(() => decode(token), 'ERR_JWT_MALFORMED');
  });
});
