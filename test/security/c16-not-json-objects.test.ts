/**
 * C16 — header or payload not a JSON object (array, null, number, string, BOM, trailing data).
 * Safe: both must be JSON objects; payload variants are correctly signed, so they reach the payload
 * check (which comes after the signature). BCP-3.7-1.
 */
import { describe, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const shapes = [
  '[]',
  '[{"alg":"HS256"}]',
  'null',
  '1',
  '"HS256"',
  'true',
  '\uFEFF{"alg":"HS256"}',
  '{"alg":"HS256"}x',
  '{"alg":"HS256"} {}',
  '{"alg":"HS256",}',
  "{'alg':'HS256'}",
  '',
];

describe('C16 JSON objects only', () => {
  it.each(shapes)('header %j', async (header) => {
    const token = hmacToken(header, '{}', hmacSecret);
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_MALFORMED');
    await expectCode(() => decode(token), 'ERR_JWT_MALFORMED');
  });

  it.each(shapes.map((s) => s.replace('{"alg":"HS256"}', '{"sub":"a"}')))('payload %j', async (payload) => {
    const token = hmacToken('{"alg":"HS256"}', payload, hmacSecret);
    await expectCode(verify(token, hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
