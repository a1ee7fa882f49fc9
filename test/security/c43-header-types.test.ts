/** C43 — header parameter type confusion. Safe: alg required and a string; kid, typ, cty strings. */
import { describe, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

describe('C43 header types', () => {
  it.each([
    '{}',
    '{"alg":null}',
    '{"alg":["HS256"]}',
    '{"alg":{"name":"HS256"}}',
    '{"alg":256}',
    '{"alg":true}',
    '{"alg":"HS256","kid":1}',
    '{"alg":"HS256","kid":null}',
    '{"alg":"HS256","typ":["JWT"]}',
    '{"alg":"HS256","typ":null}',
    '{"alg":"HS256","cty":{}}',
    '{"alg":"HS256","cty":"jwt"}',
  ])('%s → ERR_JWT_MALFORMED', async (header) => {
    const token = hmacToken(header, '{}', hmacSecret);
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_MALFORMED');
    await expectCode(() => decode(token), 'ERR_JWT_MALFORMED');
  });

  it.each(['{"alg":""}', '{"alg":"HS256\\u0000"}', '{"alg":"ES256K"}', '{"alg":"HS1"}'])('%s → ERR_JWT_ALGORITHM', async (header) => {
    await expectCode(verify(hmacToken(header, '{}', hmacSecret), hmacJwk), 'ERR_JWT_ALGORITHM');
  });
});
