/**
 * C25 — JSON serialization / compact polyglots. Safe: verify() takes only ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$
 * (within the length limit); claims come from the exact bytes that were verified.
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

const token = forge({ alg: 'HS256' }, { sub: 'user' }, { alg: 'HS256', key: hmacSecret });
const [protectedHeader, payload, signature] = token.split('.') as [string, string, string];

describe('C25 compact only', () => {
  it.each([
    ['flattened JSON serialization', JSON.stringify({ protected: protectedHeader, payload, signature })],
    ['general JSON serialization', JSON.stringify({ payload, signatures: [{ protected: protectedHeader, signature }] })],
    ['polyglot with a JSON tail', `${token}{"payload":"${payload}"}`],
    ['quoted token', `"${token}"`],
    ['Bearer prefix', `Bearer ${token}`],
    ['braces in the payload segment', `${protectedHeader}.{"sub":"admin"}.${signature}`],
    ['a JSON object', '{"alg":"none"}'],
  ])('%s', async (_name, input) => {
    await expectCode(verify(input, hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
