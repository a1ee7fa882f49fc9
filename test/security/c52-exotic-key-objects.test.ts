/**
 * C52 — untrusted or exotic objects as the key. Safe: only documented key types; a JWK object is
 * read member by member with type checks; toString/valueOf are never called; TypeError or ERR_KEY.
 */
import { describe, expect, it } from 'vitest';
import { importKey, isJwtError, verify } from '../../src/index.js';
import { forge, hmacSecret } from './fixtures.js';

const token = forge({ alg: 'HS256' }, {}, { alg: 'HS256', key: hmacSecret });

describe('C52 exotic keys', () => {
  it('toString and valueOf are never called', async () => {
    const calls: string[] = [];
    const sneaky = {
      toString: () => (calls.push('toString'), 'a-string-secret-at-least-256-bits-long'),
      valueOf: () => (calls.push('valueOf'), 'a-string-secret-at-least-256-bits-long'),
      [Symbol.toPrimitive]: () => (calls.push('toPrimitive'), 'a-string-secret-at-least-256-bits-long'),
    };
    await expect(verify(token, sneaky as never)).rejects.toSatisfy(isJwtError);
    expect(calls).toEqual([]);
  });

  it.each([
    ['number', 42],
    ['array holding a number (arrays are lists of keys)', [42]],
    ['function returning a key is a resolver, but must return a key', () => 42],
    ['symbol', Symbol('k')],
    ['bigint', 10n],
  ])('%s is a TypeError', async (_name, key) => {
    await expect(verify(token, key as never)).rejects.toBeInstanceOf(TypeError);
  });

  it('an ArrayBuffer is a secret like a Uint8Array, copied at import', async () => {
    const buffer = new Uint8Array(hmacSecret).buffer;
    await verify(token, buffer);
    const bytes = new Uint8Array(hmacSecret);
    const key = importKey(bytes);
    bytes.fill(0);
    await verify(token, key);
  });

  it('a Proxy JWK whose getters throw surfaces the throw, and nothing verifies', async () => {
    const proxy = new Proxy(
      { kty: 'oct' },
      {
        get: () => {
          throw new Error('trap');
        },
        has: () => true,
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );
    await expect(verify(token, proxy as never)).rejects.toThrow();
  });

  it('a JWK with getter members is read by value and type-checked', async () => {
    const jwk = Object.defineProperty({ kty: 'oct' }, 'k', { get: () => 42, enumerable: true });
    await expect(verify(token, jwk as never)).rejects.toMatchObject({ code: 'ERR_KEY' });
  });
});
