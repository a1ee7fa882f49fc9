/**
 * C51 — sign() output is well-formed and honest. Safe: alg from the key, no header.alg override,
 * objects only, NumericDates in seconds, never none, always three segments. BCP-3.2-2.
 */
import { describe, expect, it } from 'vitest';
import { decode, sign, verify } from '../../src/index.js';
import { ed25519, hmacJwk, p256, rsa } from './fixtures.js';

describe('C51 sign()', () => {
  it.each([
    ['HMAC', hmacJwk, hmacJwk, 'HS256'],
    ['RSA', rsa.privateJwk, rsa.publicJwk, 'RS256'],
    ['P-256', p256.privateJwk, p256.publicJwk, 'ES256'],
    ['Ed25519', ed25519.privateJwk, ed25519.publicJwk, 'EdDSA'],
  ] as const)('%s key: alg from the key, three segments, verifies', async (_name, signing, verifying, alg) => {
    const token = await sign({ sub: 'a' }, signing);
    expect(token.split('.')).toHaveLength(3);
    expect(decode(token).header).toEqual({ alg, typ: 'JWT' });
    await verify(token, verifying);
  });

  it.each([
    ['header alg override', () => sign({}, hmacJwk, { header: { alg: 'HS512' } })],
    ['header alg none', () => sign({}, hmacJwk, { header: { alg: 'none' } })],
    ['array payload', () => sign([1] as never, hmacJwk)],
    ['null payload', () => sign(null as never, hmacJwk)],
    ['Map payload', () => sign(new Map() as never, hmacJwk)],
    ['exp in milliseconds', () => sign({ exp: 1_700_000_000_000 }, hmacJwk)],
    ['iat NaN', () => sign({ iat: Number.NaN }, hmacJwk)],
    ['nbf string', () => sign({ nbf: 'tomorrow' } as never, hmacJwk)],
    ['alg none', () => sign({}, hmacJwk, { alg: 'none' as never })],
    ['alg for another key type', () => sign({}, hmacJwk, { alg: 'RS256' })],
  ])('%s is refused', async (_name, call) => {
    await expect(call()).rejects.toThrow();
  });
});
