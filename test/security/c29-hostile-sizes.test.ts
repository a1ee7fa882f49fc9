/**
 * C29 — oversized tokens, many dots, huge segments, deep nesting, huge numbers. Safe: the length
 * limit is checked before any split, decode or parse; everything else fails fast with ERR_JWT_MALFORMED.
 * The time bounds are generous: they prove "no quadratic blow-up", not speed.
 */
import { describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacToken, utf8 } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

async function refusedQuickly(token: string, code: 'ERR_JWT_MALFORMED' | 'ERR_JWT_CLAIM' = 'ERR_JWT_MALFORMED') {
  const started = performance.now();
  await expectCode(verify(token, hmacJwk), code);
  expect(performance.now() - started).toBeLessThan(1000);
}

describe('C29 hostile sizes', () => {
  it('a 10 MB token', async () => {
    await refusedQuickly(`${utf8('{"alg":"HS256"}')}.${'A'.repeat(10 * 1024 * 1024)}.AAAA`);
  });

  it('100 000 dots, and 60 000 dots within the length limit', async () => {
    await refusedQuickly('.'.repeat(100_000));
    await refusedQuickly('a.'.repeat(30_000));
  });

  it('a megabyte segment is refused by default and accepted only when the caller raises the limit', async () => {
    const big = hmacToken('{"alg":"HS256"}', JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), hmacSecret);
    await refusedQuickly(big);
    await verify(big, hmacJwk, { maxTokenLength: big.length });
  });

  it('deep nesting in a correctly signed payload or header is refused beyond 32 levels', async () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    await refusedQuickly(hmacToken('{"alg":"HS256"}', nested(20_000), hmacSecret));
    await refusedQuickly(hmacToken('{"alg":"HS256"}', nested(33), hmacSecret));
    await refusedQuickly(hmacToken(`{"alg":"HS256","x":${nested(40)}}`, '{}', hmacSecret));
    await verify(hmacToken('{"alg":"HS256"}', nested(32), hmacSecret), hmacJwk);
    // Brackets inside strings are text, not nesting.
    await verify(hmacToken('{"alg":"HS256"}', JSON.stringify({ a: '['.repeat(1000), b: '\\"[' }), hmacSecret), hmacJwk);
  });

  it('huge numbers: 1e999999 as exp is not a NumericDate', async () => {
    await refusedQuickly(hmacToken('{"alg":"HS256"}', '{"exp":1e999999}', hmacSecret), 'ERR_JWT_CLAIM');
    await refusedQuickly(hmacToken('{"alg":"HS256"}', `{"exp":${'9'.repeat(40_000)}}`, hmacSecret), 'ERR_JWT_CLAIM');
  });

  it('decode() has the same default limit', async () => {
    await expectCode(() => decode(`${utf8('{"alg":"HS256"}')}.${'A'.repeat(70_000)}.`), 'ERR_JWT_MALFORMED');
  });
});
